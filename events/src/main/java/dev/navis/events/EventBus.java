package dev.navis.events;

import dev.navis.api.model.events.EventDependency;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * Carries events from event sources to sensors. Events are addressed by subject
 * {@code <bus>.<eventSource>.<eventName>} (the JetStream layout); each sensor dependency reads
 * through its own durable consumer, so a sensor that restarts resumes where it acknowledged.
 *
 * <p>Implementations are thread-safe.
 */
public interface EventBus extends AutoCloseable {

  /** The bus every resource names when it leaves {@code eventBusName} out. */
  String DEFAULT = "default";

  /**
   * Stores an event. The future completes only once the event is durable (a webhook answers
   * 200 after that, never before), and fails when it cannot be stored. Publishing an id that
   * was already stored succeeds without storing it twice ({@link PublishReceipt#duplicate()}).
   */
  CompletableFuture<PublishReceipt> publish(String bus, Event event);

  /**
   * Delivers to {@code handler} every event for the dependency's event source and event name,
   * through the durable consumer of {@code sensor}/{@code dependency.name()}. An event not
   * acknowledged (or negatively acknowledged) is delivered again.
   */
  Subscription subscribe(String bus, String sensor, EventDependency dependency,
      DeliveryHandler handler);

  /**
   * Like {@link #subscribe(String, String, EventDependency, DeliveryHandler)}, for a durable
   * consumer that, when it does not exist yet, starts with the events published since
   * {@code since} rather than with those published from now on. A sensor passes the time it
   * was created, so events accepted between its creation and its start are not missed. A bus
   * that keeps no history ignores {@code since}; an existing consumer keeps its place.
   */
  default Subscription subscribe(String bus, String sensor, EventDependency dependency,
      Instant since, DeliveryHandler handler) {
    return subscribe(bus, sensor, dependency, handler);
  }

  /** Closes the bus; pending publishes fail, consumers stop. */
  @Override
  void close();

  /** The subject events of {@code eventSource}/{@code eventName} are published on. */
  static String subject(String bus, String eventSource, String eventName) {
    return busOrDefault(bus) + "." + eventSource + "." + eventName;
  }

  static String busOrDefault(String bus) {
    return bus == null || bus.isBlank() ? DEFAULT : bus;
  }

  /** What the bus says about a stored event. */
  record PublishReceipt(String id, String subject, boolean duplicate) {}

  /** Receives events; called on one thread at a time per subscription. */
  @FunctionalInterface
  interface DeliveryHandler {
    void handle(Delivery delivery);
  }

  /** One delivery of an event: exactly one of {@link #ack} or {@link #nak} should follow. */
  interface Delivery {
    Event event();

    /** How many times this event was delivered to this consumer, this one included. */
    int attempt();

    /** Done with the event: it will not be delivered again. */
    void ack();

    /** Not done: deliver it again. */
    void nak();
  }

  /** A live subscription; closing it stops deliveries and keeps the durable consumer. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
