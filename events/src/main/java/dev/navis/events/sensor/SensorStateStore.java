package dev.navis.events.sensor;

import dev.navis.events.Event;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a sensor keeps its partly met trigger conditions (the latest event of each dependency a
 * trigger has seen and not yet used), so that a sensor restarted on another process, or after a
 * crash, goes on where it was. The embedded bus keeps them in the workflow store; JetStream in a
 * key-value bucket. Implementations are thread-safe and durable when {@link #save} returns.
 */
public interface SensorStateStore {

  /** Keeps state in this process only: lost on restart. */
  static SensorStateStore inMemory() {
    return new InMemory();
  }

  /** Per trigger name, the events seen and not yet used; empty when nothing was saved. */
  Map<String, Map<String, Event>> load(String namespace, String sensor);

  /** Replaces what trigger {@code trigger} of the sensor has seen ({@code seen} may be empty). */
  void save(String namespace, String sensor, String trigger, Map<String, Event> seen);

  /** Forgets everything about a sensor (it was deleted). */
  void delete(String namespace, String sensor);

  /** The store of {@link #inMemory()}. */
  final class InMemory implements SensorStateStore {

    private final Map<String, Map<String, Map<String, Event>>> sensors =
        new ConcurrentHashMap<>();

    @Override
    public Map<String, Map<String, Event>> load(String namespace, String sensor) {
      return Map.copyOf(sensors.getOrDefault(namespace + "/" + sensor, Map.of()));
    }

    @Override
    public void save(String namespace, String sensor, String trigger, Map<String, Event> seen) {
      sensors.computeIfAbsent(namespace + "/" + sensor, key -> new ConcurrentHashMap<>())
          .put(trigger, Map.copyOf(seen));
    }

    @Override
    public void delete(String namespace, String sensor) {
      sensors.remove(namespace + "/" + sensor);
    }
  }
}
