package dev.navis.events.runtime;

import dev.navis.events.Event;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The last few hundred things sensors did, kept in memory for the API: trigger runs (with
 * their retries and dead-letter runs) and events that filters turned away, newest first.
 */
public final class RecentActivity implements SensorListener {

  /** An event a dependency's filters turned away, and why. */
  public record Filtered(String sensor, String dependency, String eventId, String reason) {}

  private final int capacity;
  private final Deque<TriggerRun> runs = new ArrayDeque<>();
  private final Deque<Filtered> filtered = new ArrayDeque<>();

  public RecentActivity(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public synchronized void eventFiltered(String sensor, String dependency, Event event,
      String reason) {
    push(filtered, new Filtered(sensor, dependency, event.id(), reason));
  }

  @Override
  public synchronized void triggerRan(TriggerRun run) {
    push(runs, run);
  }

  /** The recent trigger runs of {@code sensor}, newest first. */
  public synchronized List<TriggerRun> runs(String sensor) {
    return runs.stream().filter(run -> run.sensor().equals(sensor)).toList();
  }

  /** The recent trigger runs that event {@code eventId} took part in, newest first. */
  public synchronized List<TriggerRun> runsOfEvent(String eventId) {
    return runs.stream().filter(run -> run.eventIds().contains(eventId)).toList();
  }

  /** The recent events {@code sensor}'s filters turned away, newest first. */
  public synchronized List<Filtered> filtered(String sensor) {
    return filtered.stream().filter(entry -> entry.sensor().equals(sensor)).toList();
  }

  private <T> void push(Deque<T> entries, T entry) {
    entries.addFirst(entry);
    while (entries.size() > capacity) {
      entries.removeLast();
    }
  }
}
