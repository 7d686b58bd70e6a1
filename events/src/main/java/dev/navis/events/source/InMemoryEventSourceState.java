package dev.navis.events.source;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link EventSourceState} in a map of this process: durable only as long as it runs. */
public final class InMemoryEventSourceState implements EventSourceState {

  private final Map<List<String>, String> values = new ConcurrentHashMap<>();

  @Override
  public Optional<String> load(String namespace, String eventSource, String key) {
    return Optional.ofNullable(values.get(List.of(namespace, eventSource, key)));
  }

  @Override
  public void save(String namespace, String eventSource, String key, String value) {
    values.put(List.of(namespace, eventSource, key), value);
  }
}
