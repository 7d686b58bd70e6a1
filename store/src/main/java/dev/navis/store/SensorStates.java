package dev.navis.store;

import java.util.Map;

/**
 * The partly met trigger conditions of sensors, kept in the workflow store: per sensor and
 * trigger, the JSON of the events it has seen and not yet used. Durable when a method returns.
 */
public interface SensorStates {

  /** Per trigger name, the saved JSON; empty when nothing was saved for the sensor. */
  Map<String, String> load(String namespace, String sensor);

  /** Replaces what is saved for one trigger of a sensor. */
  void save(String namespace, String sensor, String trigger, String seenJson);

  /** Forgets a sensor. */
  void delete(String namespace, String sensor);
}
