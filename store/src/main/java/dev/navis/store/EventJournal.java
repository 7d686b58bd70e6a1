package dev.navis.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The events of the embedded event bus, kept in the workflow store: an append-only journal of
 * events by subject, de-duplicated by event id, read by durable consumers that remember what
 * they acknowledged. Events are opaque JSON here; the events module gives them meaning.
 *
 * <p>Every method is its own transaction and is durable when it returns, so an event appended
 * before a webhook answers survives a killed process, and a consumer that was delivered an
 * event but did not acknowledge it is delivered it again after a restart.
 */
public interface EventJournal {

  /** One stored event: its place in the journal, subject, id, and JSON. */
  record Entry(long sequence, String subject, String eventId, Instant publishedAt,
      String eventJson) {}

  /**
   * Appends an event; false, storing nothing, when {@code subject} already holds
   * {@code eventId}.
   */
  boolean append(String subject, String eventId, String eventJson, Instant publishedAt);

  /**
   * Makes sure durable consumer {@code consumer} reads {@code subject}. A new consumer starts
   * with the events published at or after {@code since}, or, when that is null, after the
   * subject's newest event (it is delivered what is published from now on); one that read
   * another subject before starts after the newest; an existing one keeps its place.
   */
  // TODO: recent Argo Events lets a dependency choose its JetStream deliver policy (all, last,
  // new...), "all" by default; that needs the field in EventDependency and a journal retention.
  void ensureConsumer(String consumer, String subject, Instant since);

  /** {@link #ensureConsumer(String, String, Instant)} from now on. */
  default void ensureConsumer(String consumer, String subject) {
    ensureConsumer(consumer, subject, null);
  }

  /**
   * Events of the consumer's subject after sequence {@code after} that it has not
   * acknowledged, oldest first, at most {@code limit}; empty for a consumer that does not
   * exist. A reader that keeps what it was handed passes the last sequence it read.
   */
  List<Entry> unacknowledged(String consumer, long after, int limit);

  /** Counts one delivery of an event to a consumer; returns how many there were, this one too. */
  int delivered(String consumer, long sequence);

  /** Marks an event done for a consumer: it is not returned as unacknowledged again. */
  void acknowledge(String consumer, long sequence);

  /**
   * Forgets the acknowledgements of events older than {@code before} that every earlier event
   * of the consumer's subject shares, keeping only a position; bounds the work of
   * {@link #unacknowledged}. Events appended until {@code before} may still be committing.
   */
  void compact(String consumer, Instant before);

  /** The newest stored event with this id, on any subject. */
  Optional<Entry> find(String eventId);
}
