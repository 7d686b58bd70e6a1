package dev.navis.server.events;

import dev.navis.api.model.events.EventDependency;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A bus that tells the server what was published or refused (for the event sources' log, the
 * metrics and {@code /api/v1/events}) and remembers the last events by id, for buses that
 * cannot look an event up themselves.
 */
final class RecordingEventBus implements EventBus {

  private final EventBus bus;
  private final BiConsumer<Event, PublishReceipt> published;
  private final Consumer<Event> notPublished;
  private final Map<String, Event> recent;

  RecordingEventBus(EventBus bus, int remembered, BiConsumer<Event, PublishReceipt> published,
      Consumer<Event> notPublished) {
    this.bus = bus;
    this.published = published;
    this.notPublished = notPublished;
    this.recent = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Event> eldest) {
        return size() > remembered;
      }
    };
  }

  @Override
  public CompletableFuture<PublishReceipt> publish(String busName, Event event) {
    return bus.publish(busName, event).whenComplete((receipt, failure) -> {
      if (failure != null) {
        notPublished.accept(event);
        return;
      }
      synchronized (recent) {
        recent.put(event.id(), event);
      }
      published.accept(event, receipt);
    });
  }

  @Override
  public Subscription subscribe(String busName, String sensor, EventDependency dependency,
      DeliveryHandler handler) {
    return bus.subscribe(busName, sensor, dependency, handler);
  }

  @Override
  public Subscription subscribe(String busName, String sensor, EventDependency dependency,
      Instant since, DeliveryHandler handler) {
    return bus.subscribe(busName, sensor, dependency, since, handler);
  }

  Optional<Event> recent(String eventId) {
    synchronized (recent) {
      return Optional.ofNullable(recent.get(eventId));
    }
  }

  @Override
  public void close() {
    bus.close();
  }
}
