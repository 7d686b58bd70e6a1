/**
 * Event sources that run in-process ({@code webhook}, {@code calendar}, {@code file}) and the
 * check that refuses a bad EventSource with field paths.
 */
package dev.navis.events.source;
