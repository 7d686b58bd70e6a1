/**
 * Event sources that run in-process ({@code webhook}, {@code calendar}, {@code file},
 * {@code sns}), those that consume a broker ({@code amqp}, {@code mqtt}, {@code redis},
 * {@code redisStream}; each acknowledges a message only once the bus stored its event), the
 * state they keep across restarts ({@link dev.navis.events.source.EventSourceState}) and the
 * check that refuses a bad EventSource with field paths.
 */
package dev.navis.events.source;
