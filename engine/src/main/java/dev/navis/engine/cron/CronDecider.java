package dev.navis.engine.cron;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.model.CronWorkflowSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Decides, for one CronWorkflow at one instant, whether a workflow starts, following Argo's
 * CronWorkflow semantics. It keeps no state and reads no clock: the caller passes what it
 * remembers ({@link CronState}) and the time, carries the decision out, and calls again at the
 * decision's {@link CronDecision#nextWakeUp()} (or whenever something changed).
 *
 * <p>The due time is the latest scheduled time of any schedule after
 * {@link CronState#settledUntil()}; older unsettled times are dropped, so downtime leads to at
 * most one run, never a storm. A due time counts as on time within a small grace (the caller
 * wakes up a little late); beyond it, it is a missed time and runs only while
 * {@code startingDeadlineSeconds} has not elapsed since it. With no deadline a missed time does
 * not run, as in Argo, whose controller catches up only when the deadline is set.
 *
 * <p>Then, in Argo's order: a suspended or stopped CronWorkflow skips, a {@code stopStrategy}
 * condition that became true stops it, a false {@code when} skips, and the concurrency policy
 * applies: Allow starts, Forbid skips while a run is unfinished, Replace stops the unfinished
 * runs and starts.
 */
public final class CronDecider {

  /** How late a wake-up may be and still count as on time rather than missed. */
  public static final Duration DEFAULT_ON_TIME_GRACE = Duration.ofSeconds(60);

  private final Predicate<String> conditions;
  private final Duration onTimeGrace;

  /**
   * @param conditions tests a {@code when} or {@code stopStrategy} expression of the
   *     CronWorkflow, with its {@code cronworkflow.*} variables bound by the caller; it may throw
   *     when the expression is malformed, which makes the decision {@link CronDecision.Invalid}
   */
  public CronDecider(Predicate<String> conditions) {
    this(conditions, DEFAULT_ON_TIME_GRACE);
  }

  /** As {@link #CronDecider(Predicate)}, with another grace than one minute for late wake-ups. */
  public CronDecider(Predicate<String> conditions, Duration onTimeGrace) {
    this.conditions = conditions;
    this.onTimeGrace = onTimeGrace;
  }

  /** The schedules of a CronWorkflow, each read in its {@code timezone}. */
  public static List<CronSchedule> schedulesOf(CronWorkflowSpec spec) {
    List<CronSchedule> schedules = new ArrayList<>();
    for (String expression : spec.allSchedules()) {
      schedules.add(CronSchedule.parse(expression, spec.timezone()));
    }
    return schedules;
  }

  /** What to do for the CronWorkflow {@code spec}, remembered as {@code state}, at {@code now}. */
  public CronDecision decide(CronWorkflowSpec spec, CronState state, Instant now) {
    List<CronSchedule> schedules;
    try {
      schedules = schedulesOf(spec);
    } catch (InvalidScheduleException e) {
      return new CronDecision.Invalid(e.getMessage());
    }
    if (schedules.isEmpty()) {
      return new CronDecision.Invalid("no schedule: spec.schedules is empty");
    }
    Optional<ConcurrencyPolicy> policy = ConcurrencyPolicy.of(spec.concurrencyPolicy());
    if (policy.isEmpty()) {
      return new CronDecision.Invalid("concurrencyPolicy '" + spec.concurrencyPolicy()
          + "' is not one of Allow, Forbid, Replace");
    }

    Instant settledUntil = state.settledUntil();
    Optional<ZonedDateTime> due = latestDue(schedules, settledUntil, now);
    if (due.isEmpty()) {
      return new CronDecision.Wait(nextWakeUp(schedules, settledUntil, now));
    }

    Optional<ZonedDateTime> wakeUp = nextWakeUp(schedules, due.get().toInstant(), now);
    return decideDue(spec, state, policy.get(), new Due(due.get(), now, wakeUp));
  }

  /** A scheduled time that has come, with what the decision needs to know about it. */
  private record Due(ZonedDateTime time, Instant now, Optional<ZonedDateTime> wakeUp) {

    CronDecision skip(SkipReason reason, String message) {
      return new CronDecision.Skip(time, reason, message, wakeUp);
    }

    CronDecision fire(List<String> workflowsToStop) {
      return new CronDecision.Fire(time, workflowsToStop, wakeUp);
    }
  }

  private CronDecision decideDue(CronWorkflowSpec spec, CronState state,
      ConcurrencyPolicy policy, Due due) {
    Optional<String> missed = missedReason(spec, due);
    if (missed.isPresent()) {
      return due.skip(SkipReason.MISSED, missed.get());
    }
    if (Boolean.TRUE.equals(spec.suspend())) {
      return due.skip(SkipReason.SUSPENDED, "the CronWorkflow is suspended");
    }
    if (state.stopped()) {
      return due.skip(SkipReason.STOPPED, "the CronWorkflow was stopped by its stopStrategy");
    }

    Optional<CronDecision> byConditions;
    try {
      byConditions = decideByConditions(spec, due);
    } catch (RuntimeException e) {
      return new CronDecision.Invalid("cannot evaluate the CronWorkflow's conditions: "
          + e.getMessage());
    }
    return byConditions.orElseGet(() -> decideByPolicy(policy, state, due));
  }

  private Optional<String> missedReason(CronWorkflowSpec spec, Due due) {
    Duration late = Duration.between(due.time().toInstant(), due.now());
    if (late.compareTo(onTimeGrace) <= 0) {
      return Optional.empty();
    }

    Long deadline = spec.startingDeadlineSeconds();
    String missed = "missed " + due.time() + " by " + late.toSeconds() + "s";
    if (deadline == null) {
      return Optional.of(missed + "; a missed time runs late only within"
          + " startingDeadlineSeconds, which is not set");
    }
    if (late.compareTo(Duration.ofSeconds(deadline)) < 0) {
      return Optional.empty();
    }
    return Optional.of(missed + ", past startingDeadlineSeconds (" + deadline + ")");
  }

  private Optional<CronDecision> decideByConditions(CronWorkflowSpec spec, Due due) {
    Optional<String> stopCondition = stopCondition(spec.stopStrategy());
    if (stopCondition.isPresent() && conditions.test(stopCondition.get())) {
      return Optional.of(due.skip(SkipReason.STOPPED,
          "stopStrategy condition '" + stopCondition.get() + "' is true"));
    }

    String when = spec.when();
    if (when != null && !when.isBlank() && !conditions.test(when)) {
      return Optional.of(due.skip(SkipReason.WHEN_FALSE, "when '" + when + "' is false"));
    }
    return Optional.empty();
  }

  private static CronDecision decideByPolicy(ConcurrencyPolicy policy, CronState state,
      Due due) {
    List<String> running = state.unfinishedWorkflows();
    return switch (policy) {
      case ALLOW -> due.fire(List.of());
      case REPLACE -> due.fire(running);
      case FORBID -> running.isEmpty()
          ? due.fire(List.of())
          : due.skip(SkipReason.FORBIDDEN, "concurrencyPolicy is Forbid and "
              + String.join(", ", running) + " is still running");
    };
  }

  /** Argo's field is {@code expression}; its v3.6 docs spelled it {@code condition}: take both. */
  private static Optional<String> stopCondition(JsonNode stopStrategy) {
    if (stopStrategy == null) {
      return Optional.empty();
    }
    for (String field : List.of("expression", "condition")) {
      String text = stopStrategy.path(field).asText("");
      if (!text.isBlank()) {
        return Optional.of(text);
      }
    }
    return Optional.empty();
  }

  private static Optional<ZonedDateTime> latestDue(List<CronSchedule> schedules,
      Instant settledUntil, Instant now) {
    return schedules.stream()
        .flatMap(schedule -> schedule.latestBetween(settledUntil, now).stream())
        .max(Comparator.comparing(ZonedDateTime::toInstant));
  }

  // TODO: each @every schedule should count from its own last run; here all schedules share
  // the latest settled time, which differs from robfig only when @every is mixed with others.
  private static Optional<ZonedDateTime> nextWakeUp(List<CronSchedule> schedules,
      Instant seriesStart, Instant now) {
    Instant after = now.isAfter(seriesStart) ? now : seriesStart;
    return schedules.stream()
        .flatMap(schedule -> schedule.nextInSeries(seriesStart, after).stream())
        .min(Comparator.comparing(ZonedDateTime::toInstant));
  }
}
