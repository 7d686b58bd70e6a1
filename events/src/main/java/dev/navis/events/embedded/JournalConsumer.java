package dev.navis.events.embedded;

import dev.navis.events.Event;
import dev.navis.events.EventBus.Delivery;
import dev.navis.events.EventBus.DeliveryHandler;
import dev.navis.store.EventJournal;
import dev.navis.store.EventJournal.Entry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attachment of a durable consumer of the journal: a virtual thread that hands what the
 * consumer has not acknowledged to its handler, oldest first, skipping what is in the
 * handler's hands and what was negatively acknowledged until its redelivery delay is over.
 */
final class JournalConsumer {

  private static final Logger log = LoggerFactory.getLogger(JournalConsumer.class);

  /** Events read at a time. */
  // TODO: more than BATCH events held unacknowledged at once hide the newer ones until some
  // are settled; reading past the held ones needs a position per attachment.
  private static final int BATCH = 256;

  /** How old an event must be before compaction may pass it (its commit may still be due). */
  private static final Duration SETTLED = Duration.ofMinutes(1);

  private final String name;
  private final String subject;
  private final EventJournal journal;
  private final DeliveryHandler handler;
  private final Clock clock;
  private final Duration redeliveryDelay;
  private final Duration pollInterval;
  private final Set<Long> inHand = new HashSet<>();
  private final Map<Long, Instant> redeliverAt = new HashMap<>();
  private boolean woken;
  private volatile boolean stopped;
  private Thread worker;
  private Instant lastCompaction = Instant.EPOCH;

  JournalConsumer(String name, String subject, EventJournal journal, DeliveryHandler handler,
      Clock clock, Duration redeliveryDelay, Duration pollInterval) {
    this.name = name;
    this.subject = subject;
    this.journal = journal;
    this.handler = handler;
    this.clock = clock;
    this.redeliveryDelay = redeliveryDelay;
    this.pollInterval = pollInterval;
  }

  String subject() {
    return subject;
  }

  void start() {
    worker = Thread.ofVirtual().name("bus-" + name).start(this::deliverLoop);
  }

  synchronized void wake() {
    woken = true;
    notifyAll();
  }

  void stop() {
    stopped = true;
    wake();
    if (worker != null && worker != Thread.currentThread()) {
      worker.interrupt();
    }
  }

  private void deliverLoop() {
    while (!stopped) {
      try {
        if (deliverPending() == 0) {
          compactNow();
          sleep();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (stopped) {
          return;
        }
        log.atWarn().addKeyValue("consumer", name).setCause(e)
            .log("cannot read the event journal; trying again");
        pause();
      }
    }
  }

  /** Hands over every event due now; returns how many. */
  private int deliverPending() {
    List<Entry> pending = journal.unacknowledged(name, BATCH);
    int handed = 0;
    for (Entry entry : pending) {
      if (stopped) {
        break;
      }
      if (!takeIfDue(entry.sequence())) {
        continue;
      }
      int attempt = journal.delivered(name, entry.sequence());
      handOver(delivery(entry, JournalEventBus.read(entry.eventJson()), attempt));
      handed++;
    }
    return handed;
  }

  private synchronized boolean takeIfDue(long sequence) {
    Instant due = redeliverAt.get(sequence);
    if (inHand.contains(sequence) || due != null && due.isAfter(clock.instant())) {
      return false;
    }
    redeliverAt.remove(sequence);
    inHand.add(sequence);
    return true;
  }

  private void handOver(Delivery delivery) {
    try {
      handler.handle(delivery);
    } catch (RuntimeException e) {
      log.atError().addKeyValue("consumer", name).addKeyValue("event", delivery.event().id())
          .setCause(e).log("an event handler failed; the event will be delivered again");
      delivery.nak();
    }
  }

  private Delivery delivery(Entry entry, Event event, int attempt) {
    return new Delivery() {
      @Override
      public Event event() {
        return event;
      }

      @Override
      public int attempt() {
        return attempt;
      }

      @Override
      public void ack() {
        journal.acknowledge(name, entry.sequence());
        settle(entry.sequence(), null);
      }

      @Override
      public void nak() {
        settle(entry.sequence(), clock.instant().plus(redeliveryDelay));
        Thread.ofVirtual().start(() -> {
          pauseFor(redeliveryDelay);
          wake();
        });
      }
    };
  }

  private synchronized void settle(long sequence, Instant again) {
    if (!inHand.remove(sequence)) {
      return;
    }
    if (again != null) {
      redeliverAt.put(sequence, again);
    }
  }

  private void compactNow() {
    Instant now = clock.instant();
    if (Duration.between(lastCompaction, now).compareTo(SETTLED) > 0) {
      journal.compact(name, now.minus(SETTLED));
      lastCompaction = now;
    }
  }

  private synchronized void sleep() throws InterruptedException {
    if (!woken && !stopped) {
      wait(pollInterval.toMillis());
    }
    woken = false;
  }

  private void pause() {
    pauseFor(pollInterval);
  }

  private static void pauseFor(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
