package dev.navis.events.runtime;

import dev.navis.events.Event;

/** Hears what a sensor does with events; the server records it for the API. */
public interface SensorListener {

  SensorListener NONE = new SensorListener() {};

  /** An event for {@code dependency} that its transform or filters turned away, and why. */
  default void eventFiltered(String sensor, String dependency, Event event, String reason) {}

  /** A trigger ran to its end (after retries and its dead-letter trigger, if any). */
  default void triggerRan(TriggerRun run) {}
}
