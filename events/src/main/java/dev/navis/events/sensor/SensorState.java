package dev.navis.events.sensor;

import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.SensorSpec;
import dev.navis.api.model.events.Trigger;
import dev.navis.api.model.events.TriggerTemplate.ConditionsReset;
import dev.navis.engine.cron.CronSchedule;
import dev.navis.events.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What each trigger of a sensor has seen: the latest event of each of its dependencies (a newer
 * event replaces an older one, as in Argo). When an event completes a trigger's
 * {@code conditions}, the trigger fires with those events and starts over. A trigger's
 * {@code conditionsReset} schedule clears what it has seen. Pure: the caller gives the time.
 * Not thread-safe; the sensor serializes calls.
 */
public final class SensorState {

  private final List<TriggerState> triggers = new ArrayList<>();

  /**
   * @param since when the state began, the start of the first conditionsReset period
   * @throws IllegalArgumentException when conditions or a reset schedule do not parse (the
   *     sensor check reports these first, with their field paths)
   */
  public SensorState(SensorSpec spec, Instant since) {
    Set<String> all = new LinkedHashSet<>();
    spec.dependencies().stream().map(EventDependency::name).forEach(all::add);
    for (Trigger trigger : spec.triggers()) {
      triggers.add(new TriggerState(trigger, TriggerConditions.parse(
          trigger.template().conditions(), all), resets(trigger), since));
    }
  }

  /** A trigger to run, with the latest event of each dependency it saw. */
  public record Firing(Trigger trigger, Map<String, Event> events, Event triggeringEvent) {}

  /** Records an event that passed {@code dependency}'s filters; returns what fires now. */
  public List<Firing> record(String dependency, Event event, Instant now) {
    List<Firing> firings = new ArrayList<>();
    for (TriggerState state : triggers) {
      state.resetIfDue(now);
      if (!state.conditions.dependencies().contains(dependency)) {
        continue;
      }
      state.seen.put(dependency, event);
      if (state.conditions.isMet(state.seen.keySet())) {
        firings.add(new Firing(state.trigger, Map.copyOf(state.seen), event));
        state.seen.clear();
      }
    }
    return firings;
  }

  /** The dependencies trigger {@code name} has seen an event for and not yet used. */
  public Set<String> pending(String triggerName) {
    return triggers.stream().filter(state -> state.trigger.template().name().equals(triggerName))
        .findFirst().map(state -> Set.copyOf(state.seen.keySet())).orElse(Set.of());
  }

  /** Per trigger name, what it has seen and not used: what a {@link SensorStateStore} keeps. */
  public Map<String, Map<String, Event>> snapshot() {
    Map<String, Map<String, Event>> seen = new LinkedHashMap<>();
    triggers.forEach(state -> seen.put(state.trigger.template().name(), Map.copyOf(state.seen)));
    return seen;
  }

  /**
   * Puts back what a {@link SensorStateStore} kept; a trigger or dependency the sensor no longer
   * has is dropped.
   */
  public void restore(Map<String, Map<String, Event>> saved) {
    for (TriggerState state : triggers) {
      Map<String, Event> seen = saved.getOrDefault(state.trigger.template().name(), Map.of());
      state.seen.clear();
      seen.forEach((dependency, event) -> {
        if (state.conditions.dependencies().contains(dependency)) {
          state.seen.put(dependency, event);
        }
      });
    }
  }

  private static List<CronSchedule> resets(Trigger trigger) {
    List<ConditionsReset> resets = trigger.template().conditionsReset();
    List<CronSchedule> schedules = new ArrayList<>();
    for (ConditionsReset reset : resets == null ? List.<ConditionsReset>of() : resets) {
      if (reset.byTime() != null && reset.byTime().cron() != null) {
        schedules.add(CronSchedule.parse(reset.byTime().cron(), reset.byTime().timezone()));
      }
    }
    return schedules;
  }

  private static final class TriggerState {
    final Trigger trigger;
    final TriggerConditions conditions;
    final List<CronSchedule> resets;
    final Map<String, Event> seen = new LinkedHashMap<>();
    Instant lastReset;

    TriggerState(Trigger trigger, TriggerConditions conditions, List<CronSchedule> resets,
        Instant since) {
      this.trigger = trigger;
      this.conditions = conditions;
      this.resets = resets;
      this.lastReset = since;
    }

    void resetIfDue(Instant now) {
      for (CronSchedule reset : resets) {
        Optional<Instant> due = reset.next(lastReset).map(time -> time.toInstant());
        if (due.isPresent() && !due.get().isAfter(now)) {
          seen.clear();
          lastReset = now;
        }
      }
    }
  }
}
