package dev.navis.events.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.events.Event;
import dev.navis.events.sensor.SensorStateStore;
import dev.navis.store.SensorStates;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link SensorStateStore} of the embedded bus: in the workflow store, one row per sensor
 * trigger holding {@code {dependency: {context, data}}}.
 */
public final class StoredSensorStateStore implements SensorStateStore {

  private final SensorStates states;

  public StoredSensorStateStore(SensorStates states) {
    this.states = states;
  }

  @Override
  public Map<String, Map<String, Event>> load(String namespace, String sensor) {
    Map<String, Map<String, Event>> triggers = new LinkedHashMap<>();
    states.load(namespace, sensor).forEach((trigger, json) -> triggers.put(trigger, read(json)));
    return triggers;
  }

  @Override
  public void save(String namespace, String sensor, String trigger, Map<String, Event> seen) {
    ObjectNode tree = Codec.json().createObjectNode();
    seen.forEach((dependency, event) -> tree.set(dependency, event.toTree()));
    states.save(namespace, sensor, trigger, tree.toString());
  }

  @Override
  public void delete(String namespace, String sensor) {
    states.delete(namespace, sensor);
  }

  private static Map<String, Event> read(String json) {
    Map<String, Event> seen = new LinkedHashMap<>();
    try {
      JsonNode tree = Codec.json().readTree(json);
      tree.properties().forEach(entry -> seen.put(entry.getKey(),
          JournalEventBus.read(entry.getValue().toString())));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("saved sensor state does not read: "
          + e.getOriginalMessage(), e);
    }
    return seen;
  }
}
