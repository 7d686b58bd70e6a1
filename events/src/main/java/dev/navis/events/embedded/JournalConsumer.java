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
 * consumer has not acknowledged to its handler, oldest first. It reads on from the last event
 * it took; an event negatively acknowledged comes back from memory after the redelivery delay;
 * and now and then, when idle, it reads again from the consumer's acknowledged position, for
 * events whose commit came after that of a later one (PostgreSQL sequences commit out of order).
 */
final class JournalConsumer {

  private static final Logger log = LoggerFactory.getLogger(JournalConsumer.class);

  /** Events read at a time. */
  private static final int BATCH = 256;

  /** How old an event must be before compaction may pass it (its commit may still be due). */
  private static final Duration SETTLED = Duration.ofMinutes(1);

  /** How often an idle consumer reads again from its acknowledged position. */
  private static final Duration RESCAN = Duration.ofSeconds(10);

  /** An event waiting to be delivered again. */
  private record Redelivery(Entry entry, Instant due) {}

  private final String name;
  private final String subject;
  private final EventJournal journal;
  private final DeliveryHandler handler;
  private final Clock clock;
  private final Duration redeliveryDelay;
  private final Duration pollInterval;
  private final Set<Long> inHand = new HashSet<>();
  private final Map<Long, Redelivery> redeliveries = new HashMap<>();
  private boolean woken;
  private volatile boolean stopped;
  private long cursor;
  private Instant lastCompaction = Instant.EPOCH;
  private Instant lastRescan = Instant.EPOCH;

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
    Thread.ofVirtual().name("bus-" + name).start(this::deliverLoop);
  }

  synchronized void wake() {
    woken = true;
    notifyAll();
  }

  /**
   * Stops after the delivery in hand, without interrupting it: an interrupt in the middle of a
   * JDBC call could close the embedded database's file.
   */
  void stop() {
    stopped = true;
    wake();
  }

  private void deliverLoop() {
    while (!stopped) {
      try {
        if (deliverPending() == 0 && !rescanIfDue()) {
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

  /** Hands over the redeliveries due and what is new after the cursor; returns how many. */
  private int deliverPending() {
    int handed = 0;
    for (Entry entry : dueRedeliveries()) {
      handed += deliver(entry) ? 1 : 0;
    }
    for (Entry entry : journal.unacknowledged(name, cursor, BATCH)) {
      cursor = Math.max(cursor, entry.sequence());
      handed += deliver(entry) ? 1 : 0;
    }
    return handed;
  }

  /** Reads again from the acknowledged position when it is time; true if it handed any. */
  private boolean rescanIfDue() {
    Instant now = clock.instant();
    if (Duration.between(lastRescan, now).compareTo(RESCAN) < 0) {
      return false;
    }
    lastRescan = now;
    int handed = 0;
    for (Entry entry : journal.unacknowledged(name, 0, BATCH)) {
      handed += deliver(entry) ? 1 : 0;
    }
    return handed > 0;
  }

  private boolean deliver(Entry entry) {
    if (stopped || !take(entry.sequence())) {
      return false;
    }
    int attempt = journal.delivered(name, entry.sequence());
    handOver(delivery(entry, JournalEventBus.read(entry.eventJson()), attempt));
    return true;
  }

  private synchronized List<Entry> dueRedeliveries() {
    Instant now = clock.instant();
    List<Entry> due = redeliveries.values().stream()
        .filter(redelivery -> !redelivery.due().isAfter(now)).map(Redelivery::entry)
        .sorted(java.util.Comparator.comparingLong(Entry::sequence)).toList();
    due.forEach(entry -> redeliveries.remove(entry.sequence()));
    return due;
  }

  /** Takes an event into the handler's hands, unless it is there or waits to come back. */
  private synchronized boolean take(long sequence) {
    if (inHand.contains(sequence) || redeliveries.containsKey(sequence)) {
      return false;
    }
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
        settle(entry, null);
      }

      @Override
      public void nak() {
        settle(entry, clock.instant().plus(redeliveryDelay));
        Thread.ofVirtual().start(() -> {
          pauseFor(redeliveryDelay);
          wake();
        });
      }
    };
  }

  private synchronized void settle(Entry entry, Instant again) {
    if (!inHand.remove(entry.sequence())) {
      return;
    }
    if (again != null) {
      redeliveries.put(entry.sequence(), new Redelivery(entry, again));
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
