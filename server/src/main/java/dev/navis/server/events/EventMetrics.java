package dev.navis.server.events;

import dev.navis.events.Event;
import dev.navis.events.runtime.TriggerRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Argo Events' Prometheus counters, under its names and labels: events each event source put
 * on the bus (or could not), and trigger runs of each sensor that succeeded or failed. A
 * dashboard made for Argo Events reads them as they are.
 */
final class EventMetrics {

  private final MeterRegistry registry;

  EventMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** An event the bus stored (a dropped duplicate included: the source did send it). */
  void published(Event event) {
    eventCounter("argo_events_events_sent", event).increment();
  }

  void notPublished(Event event) {
    eventCounter("argo_events_events_sent_failed", event).increment();
  }

  void triggerRan(TriggerRun run) {
    String name = run.succeeded() ? "argo_events_action_triggered" : "argo_events_action_failed";
    Counter.builder(name).description("Trigger runs of a sensor, by outcome")
        .tag("sensor_name", run.sensor()).tag("trigger_name", run.trigger())
        .register(registry).increment();
  }

  private Counter eventCounter(String name, Event event) {
    return Counter.builder(name).description("Events an event source put on the bus")
        .tag("eventsource_name", event.eventSource()).tag("event_name", event.eventName())
        .register(registry);
  }
}
