/**
 * Event sources that run in-process ({@code webhook}, {@code calendar}, {@code file}), the
 * state they keep across restarts ({@link dev.navis.events.source.EventSourceState}) and the
 * check that refuses a bad EventSource with field paths.
 */
package dev.navis.events.source;
