package dev.navis.events;

import dev.navis.api.model.events.EventDependency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default bus: events live in this process only, so "durable" means "queued for every
 * consumer". Durable consumers outlive their subscriptions, as JetStream's do: events that
 * arrive while a sensor is away wait for it, and events it did not acknowledge come back.
 * Publishers are de-duplicated by event id over the last {@code dedupWindow} ids. The events
 * of the last {@value #HISTORY_SECONDS} seconds are kept too, for a new consumer that asks to
 * start a little in the past (a sensor started some time after it was created).
 */
public final class InMemoryEventBus implements EventBus {

  private static final Logger log = LoggerFactory.getLogger(InMemoryEventBus.class);

  private static final long HISTORY_SECONDS = 60;
  private static final int HISTORY_LIMIT = 10_000;

  private final Map<String, DurableConsumer> consumers = new ConcurrentHashMap<>();
  private final Deque<Published> history = new ArrayDeque<>();
  private final Set<String> recentIds;
  private final Duration redeliveryDelay;
  private final ScheduledExecutorService redeliveries =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().factory());
  private volatile boolean closed;

  public InMemoryEventBus() {
    this(100_000, Duration.ofSeconds(1));
  }

  /**
   * @param dedupWindow how many recent event ids are remembered to drop duplicates
   * @param redeliveryDelay how long a negatively acknowledged event waits before it comes back
   */
  public InMemoryEventBus(int dedupWindow, Duration redeliveryDelay) {
    this.recentIds = Collections.newSetFromMap(new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > dedupWindow;
      }
    });
    this.redeliveryDelay = redeliveryDelay;
  }

  @Override
  public CompletableFuture<PublishReceipt> publish(String bus, Event event) {
    String subject = EventBus.subject(bus, event.eventSource(), event.eventName());
    if (closed) {
      return CompletableFuture.failedFuture(new IllegalStateException("the event bus is closed"));
    }

    boolean fresh;
    synchronized (recentIds) {
      fresh = recentIds.add(subject + "/" + event.id());
    }
    if (fresh) {
      remember(new Published(subject, event, Instant.now()));
      consumers.values().stream().filter(consumer -> consumer.subject.equals(subject))
          .forEach(consumer -> consumer.offer(event));
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
    DurableConsumer consumer = consumers.compute(durable, (name, existing) -> {
      if (existing != null && existing.subject.equals(subject)) {
        return existing;
      }
      if (existing != null) {
        // The dependency now names another event: its old queue no longer applies.
        existing.detach();
        return new DurableConsumer(name, subject, this);
      }
      DurableConsumer created = new DurableConsumer(name, subject, this);
      if (since != null) {
        publishedSince(subject, since).forEach(created::offer);
      }
      return created;
    });
    consumer.attach(handler);
    return consumer::detach;
  }

  @Override
  public void close() {
    closed = true;
    consumers.values().forEach(DurableConsumer::detach);
    redeliveries.shutdownNow();
  }

  private void remember(Published published) {
    synchronized (history) {
      history.addLast(published);
      Instant horizon = published.at().minusSeconds(HISTORY_SECONDS);
      while (history.size() > HISTORY_LIMIT || history.getFirst().at().isBefore(horizon)) {
        history.removeFirst();
      }
    }
  }

  private List<Event> publishedSince(String subject, Instant since) {
    synchronized (history) {
      return history.stream().filter(published -> published.subject().equals(subject)
          && !published.at().isBefore(since)).map(Published::event).toList();
    }
  }

  /** An event as it was published, for consumers that start in the past. */
  private record Published(String subject, Event event, Instant at) {}

  void redeliverLater(DurableConsumer consumer, Event event) {
    if (!closed) {
      redeliveries.schedule(() -> consumer.offer(event), redeliveryDelay.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  static Logger log() {
    return log;
  }
}
