package dev.navis.events.source;

import java.util.Optional;

/**
 * Small values an event source keeps across restarts, one string per namespace, event source
 * and key: the calendar keeps the time it last fired each of its events, so that after
 * downtime it can fire the slots it missed ({@code persistence.catchup}). It takes the place
 * of the ConfigMap Argo Events writes; a source's {@code persistence.configMap} names nothing
 * here.
 *
 * <p>The server keeps these values in the workflow store (the same database as workflows), so
 * a restarted server, or another one on the same store, reads what the last one saved. Tests
 * and a single process without a store use {@link #inMemory()}.
 *
 * <p>Implementations are thread-safe.
 */
public interface EventSourceState {

  /** The value last saved under this key; empty when none was. */
  Optional<String> load(String namespace, String eventSource, String key);

  /**
   * Saves {@code value} under this key, replacing the last one; durable once this returns.
   *
   * @throws EventSourceStateException when the value could not be stored
   */
  void save(String namespace, String eventSource, String key, String value);

  /** Values kept in this process only, lost when it ends. */
  static EventSourceState inMemory() {
    return new InMemoryEventSourceState();
  }

  /** The store refused a value or could not be read. */
  final class EventSourceStateException extends RuntimeException {

    public EventSourceStateException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
