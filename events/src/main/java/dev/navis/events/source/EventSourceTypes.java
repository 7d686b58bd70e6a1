package dev.navis.events.source;

import dev.navis.api.model.events.EventSource;
import dev.navis.events.EventBus;
import dev.navis.events.Secrets;
import java.time.Clock;
import java.util.List;

/** The event source types this process runs, each started from the same few services. */
public final class EventSourceTypes {

  /**
   * What a runner may use: the bus it publishes to, secrets, the clock, and the state it keeps
   * across restarts (the server's is in the workflow store; see {@link EventSourceState}).
   */
  public record Services(EventBus bus, Secrets secrets, Clock clock, EventSourceState state) {}

  /** Starts the events of one type of an EventSource; a source without that type gets none. */
  @FunctionalInterface
  public interface Starter {
    EventSourceRunner start(EventSource source, Services services);
  }

  /** Every type Navis runs, in the order they start. */
  public static final List<Starter> STANDARD = List.of(
      (source, services) -> WebhookEventSourceRunner.start(source, services.bus(),
          services.secrets(), services.clock()),
      (source, services) -> CalendarEventSourceRunner.start(source, services.bus(),
          services.clock(), services.state()),
      (source, services) -> FileEventSourceRunner.start(source, services.bus(),
          services.clock()),
      (source, services) -> KafkaEventSourceRunner.start(source, services.bus(),
          services.secrets(), services.clock()),
      (source, services) -> NatsEventSourceRunner.start(source, services.bus(),
          services.secrets(), services.clock()),
      (source, services) -> AmqpEventSourceRunner.start(source, services.bus(),
          services.secrets(), services.clock()),
      (source, services) -> MqttEventSourceRunner.start(source, services.bus(),
          services.secrets(), services.clock()),
      (source, services) -> RedisEventSourceRunner.start(source, services.bus(),
          services.secrets(), services.clock()),
      (source, services) -> RedisStreamEventSourceRunner.start(source, services.bus(),
          services.secrets(), services.clock()),
      (source, services) -> SnsEventSourceRunner.start(source, services.bus(),
          services.clock()));

  private EventSourceTypes() {}
}
