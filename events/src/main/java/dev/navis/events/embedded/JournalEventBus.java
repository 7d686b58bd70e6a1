package dev.navis.events.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.EventDependency;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import dev.navis.events.EventContext;
import dev.navis.store.EventJournal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code embedded} bus: every event is appended to the workflow store's journal before
 * {@link #publish} completes, and each sensor dependency reads it through a durable consumer
 * kept in the same store, so a killed process loses no accepted event and a restarted one
 * delivers again what was not acknowledged. Deliveries in this process follow a publish at
 * once; the journal is also polled, for consumers woken by nothing else.
 */
public final class JournalEventBus implements EventBus {

  private final EventJournal journal;
  private final Clock clock;
  private final Duration redeliveryDelay;
  private final Duration pollInterval;
  private final Map<String, JournalConsumer> consumers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public JournalEventBus(EventJournal journal) {
    this(journal, Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  /**
   * @param redeliveryDelay how long a negatively acknowledged event waits before it comes back
   * @param pollInterval how often an idle consumer looks at the journal unasked
   */
  public JournalEventBus(EventJournal journal, Clock clock, Duration redeliveryDelay,
      Duration pollInterval) {
    this.journal = journal;
    this.clock = clock;
    this.redeliveryDelay = redeliveryDelay;
    this.pollInterval = pollInterval;
  }

  @Override
  public CompletableFuture<PublishReceipt> publish(String bus, Event event) {
    String subject = EventBus.subject(bus, event.eventSource(), event.eventName());
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("the event bus is closed"));
    }
    boolean fresh;
    try {
      fresh = journal.append(subject, event.id(), Codec.toJson(event.toTree()), clock.instant());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (fresh) {
      consumers.values().stream().filter(consumer -> consumer.subject().equals(subject))
          .forEach(JournalConsumer::wake);
    }
    return CompletableFuture.completedFuture(new PublishReceipt(event.id(), subject, !fresh));
  }

  @Override
  public Subscription subscribe(String bus, String sensor, EventDependency dependency,
      DeliveryHandler handler) {
    return subscribe(bus, sensor, dependency, null, handler);
  }

  @Override
  public Subscription subscribe(String bus, String sensor, EventDependency dependency,
      Instant since, DeliveryHandler handler) {
    String subject = EventBus.subject(bus, dependency.eventSourceName(), dependency.eventName());
    String durable = EventBus.busOrDefault(bus) + "/" + sensor + "/" + dependency.name();
    journal.ensureConsumer(durable, subject, since);
    JournalConsumer consumer = new JournalConsumer(durable, subject, journal, handler, clock,
        redeliveryDelay, pollInterval);
    JournalConsumer previous = consumers.put(durable, consumer);
    if (previous != null) {
      previous.stop();
    }
    consumer.start();
    return () -> {
      consumers.remove(durable, consumer);
      consumer.stop();
    };
  }

  /** The stored event with this id, if the journal holds one. */
  public Optional<Event> find(String eventId) {
    return journal.find(eventId).map(entry -> read(entry.eventJson()));
  }

  @Override
  public void close() {
    closed = true;
    consumers.values().forEach(JournalConsumer::stop);
    consumers.clear();
  }

  /** An event from the JSON {@code {context, data}} the journal keeps. */
  static Event read(String json) {
    try {
      JsonNode tree = Codec.json().readTree(json);
      EventContext context = Codec.json().treeToValue(tree.get("context"), EventContext.class);
      return new Event(context, tree.get("data"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a journal entry does not read as an event: "
          + e.getOriginalMessage(), e);
    }
  }
}
