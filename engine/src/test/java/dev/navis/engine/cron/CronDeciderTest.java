package dev.navis.engine.cron;

import static dev.navis.engine.cron.CronSpecs.schedules;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CronDeciderTest {

  /** Conditions that are true exactly when they are in this set. */
  private static final Predicate<String> TRUE_CONDITIONS =
      Set.of("true", "cronworkflow.failed >= 3")::contains;

  private final CronDecider decider = new CronDecider(TRUE_CONDITIONS);

  private static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }

  private static CronState since(String time) {
    return CronState.newSince(at(time));
  }

  private static CronState lastRun(String time) {
    return new CronState(at("2026-01-01T00:00Z"), at(time), at(time), List.of(), false);
  }

  private static CronState running(String lastRun, ActiveWorkflow... active) {
    return lastRun(lastRun).withActive(List.of(active));
  }

  private static String time(ZonedDateTime time) {
    return time.toOffsetDateTime().toString();
  }

  private static String next(Optional<ZonedDateTime> wakeUp) {
    return wakeUp.map(CronDeciderTest::time).orElse("never");
  }

  /** A decision in one line, so a table can say what it expects. */
  static String describe(CronDecision decision) {
    return switch (decision) {
      case CronDecision.Fire fire -> "fire " + time(fire.scheduledTime())
          + (fire.workflowsToStop().isEmpty() ? "" : " stopping " + fire.workflowsToStop())
          + ", next " + next(fire.nextWakeUp());
      case CronDecision.Skip skip -> "skip " + skip.reason() + " " + time(skip.scheduledTime())
          + ", next " + next(skip.nextWakeUp());
      case CronDecision.Wait wait -> "wait, next " + next(wait.nextWakeUp());
      case CronDecision.Invalid invalid -> "invalid: " + invalid.problem();
    };
  }

  static Stream<Arguments> decisions() {
    CronSpecs hourly = schedules("0 * * * *");
    ActiveWorkflow runningA = new ActiveWorkflow("job-a", "Running");
    ActiveWorkflow pendingB = new ActiveWorkflow("job-b", "Pending");
    ActiveWorkflow doneC = new ActiveWorkflow("job-c", "Succeeded");
    return Stream.of(
        Arguments.of("nothing due yet", hourly, since("2026-03-02T10:20Z"),
            "2026-03-02T10:40Z", "wait, next 2026-03-02T11:00Z"),
        Arguments.of("on time", hourly, since("2026-03-02T10:20Z"),
            "2026-03-02T11:00:05Z", "fire 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("late within the grace", hourly, lastRun("2026-03-02T10:00Z"),
            "2026-03-02T11:01Z", "fire 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("a time at or before since never fires", hourly,
            since("2026-03-02T11:00Z"), "2026-03-02T11:00:10Z", "wait, next 2026-03-02T12:00Z"),
        Arguments.of("missed, no deadline", hourly, lastRun("2026-03-02T08:00Z"),
            "2026-03-02T11:30Z", "skip MISSED 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("missed, within the deadline: one run for the latest", hourly.deadline(3600),
            lastRun("2026-03-02T08:00Z"), "2026-03-02T11:30Z",
            "fire 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("missed, past the deadline", hourly.deadline(600),
            lastRun("2026-03-02T08:00Z"), "2026-03-02T11:30Z",
            "skip MISSED 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("deadline 0 still runs on time", hourly.deadline(0),
            lastRun("2026-03-02T10:00Z"), "2026-03-02T11:00:30Z",
            "fire 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("suspended", hourly.suspended(), lastRun("2026-03-02T10:00Z"),
            "2026-03-02T11:00Z", "skip SUSPENDED 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("suspended and nothing due", hourly.suspended(),
            lastRun("2026-03-02T10:00Z"), "2026-03-02T10:30Z", "wait, next 2026-03-02T11:00Z"),
        Arguments.of("stopped earlier", hourly, lastRun("2026-03-02T10:00Z").settle(
            new CronDecision.Skip(ZonedDateTime.parse("2026-03-02T10:00Z"), SkipReason.STOPPED,
                "", Optional.empty())), "2026-03-02T11:00Z",
            "skip STOPPED 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("stop condition became true", hourly.stopWhen("expression",
            "cronworkflow.failed >= 3"), lastRun("2026-03-02T10:00Z"), "2026-03-02T11:00Z",
            "skip STOPPED 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("stop condition, v3.6 spelling", hourly.stopWhen("condition",
            "cronworkflow.failed >= 3"), lastRun("2026-03-02T10:00Z"), "2026-03-02T11:00Z",
            "skip STOPPED 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("stop condition false", hourly.stopWhen("expression", "false"),
            lastRun("2026-03-02T10:00Z"), "2026-03-02T11:00Z",
            "fire 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("when false", hourly.when("false"), lastRun("2026-03-02T10:00Z"),
            "2026-03-02T11:00Z", "skip WHEN_FALSE 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("when true", hourly.when("true"), lastRun("2026-03-02T10:00Z"),
            "2026-03-02T11:00Z", "fire 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("Allow runs alongside", hourly.policy("Allow"),
            running("2026-03-02T10:00Z", runningA), "2026-03-02T11:00Z",
            "fire 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("Forbid with one running", hourly.policy("Forbid"),
            running("2026-03-02T10:00Z", runningA), "2026-03-02T11:00Z",
            "skip FORBIDDEN 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("Forbid when the active one completed", hourly.policy("Forbid"),
            running("2026-03-02T10:00Z", doneC), "2026-03-02T11:00Z",
            "fire 2026-03-02T11:00Z, next 2026-03-02T12:00Z"),
        Arguments.of("Replace stops the unfinished ones", hourly.policy("Replace"),
            running("2026-03-02T10:00Z", runningA, doneC, pendingB), "2026-03-02T11:00Z",
            "fire 2026-03-02T11:00Z stopping [job-a, job-b], next 2026-03-02T12:00Z"),
        Arguments.of("multiple schedules: the earliest next", schedules("0 9 * * *",
            "30 8 * * *"), lastRun("2026-03-02T09:00Z"), "2026-03-02T12:00Z",
            "wait, next 2026-03-03T08:30Z"),
        Arguments.of("multiple schedules: the latest due", schedules("0 9 * * *",
            "30 8 * * *").deadline(7200), lastRun("2026-03-01T09:00Z"), "2026-03-02T09:20Z",
            "fire 2026-03-02T09:00Z, next 2026-03-03T08:30Z"),
        Arguments.of("@every on time", schedules("@every 10m"), since("2026-03-02T10:00Z"),
            "2026-03-02T10:10:02Z", "fire 2026-03-02T10:10Z, next 2026-03-02T10:20Z"),
        Arguments.of("@every after downtime keeps its grid", schedules("@every 10m")
            .deadline(600), lastRun("2026-03-02T10:10Z"), "2026-03-02T11:05Z",
            "fire 2026-03-02T11:00Z, next 2026-03-02T11:10Z"),
        Arguments.of("timezone", schedules("0 9 * * *").timezone("Europe/Paris"),
            lastRun("2026-03-01T08:00Z"), "2026-03-02T08:00:01Z",
            "fire 2026-03-02T09:00+01:00, next 2026-03-03T09:00+01:00"),
        Arguments.of("spring forward fires once at the end of the gap",
            schedules("30 2 * * *").timezone("America/New_York"),
            lastRun("2026-03-07T07:30Z"), "2026-03-08T07:00:01Z",
            "fire 2026-03-08T03:00-04:00, next 2026-03-09T02:30-04:00"),
        Arguments.of("bad schedule", schedules("0 25 * * *"), since("2026-03-02T10:00Z"),
            "2026-03-02T11:00Z", "invalid: schedule '0 25 * * *': hour field '25':"
                + " Value 25 not in range [0, 23]"),
        Arguments.of("bad policy", hourly.policy("Sometimes"), since("2026-03-02T10:00Z"),
            "2026-03-02T11:00Z",
            "invalid: concurrencyPolicy 'Sometimes' is not one of Allow, Forbid, Replace"),
        Arguments.of("no schedule", schedules(), since("2026-03-02T10:00Z"),
            "2026-03-02T11:00Z", "invalid: no schedule: spec.schedules is empty"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decisions")
  void decides(String name, CronSpecs specs, CronState state, String now, String expected) {
    CronDecision decision = decider.decide(specs.spec(), state, at(now));

    assertThat(describe(decision)).isEqualTo(expected);
  }

  @Test
  void aSkippedTimeIsNotReconsideredOnceSettled() {
    var spec = schedules("0 * * * *").policy("Forbid").deadline(3600).spec();
    CronState busy = running("2026-03-02T10:00Z", new ActiveWorkflow("job-a", "Running"));

    CronDecision skipped = decider.decide(spec, busy, at("2026-03-02T11:00Z"));
    CronState idle = busy.settle(skipped).withActive(List.of());
    CronDecision later = decider.decide(spec, idle, at("2026-03-02T11:10Z"));

    assertThat(describe(skipped)).startsWith("skip FORBIDDEN 2026-03-02T11:00Z");
    assertThat(describe(later)).isEqualTo("wait, next 2026-03-02T12:00Z");
    assertThat(idle.lastScheduledTime()).isEqualTo(at("2026-03-02T10:00Z"));
  }

  @Test
  void aConditionThatCannotBeEvaluatedMakesTheCronInvalid() {
    CronDecider failing = new CronDecider(expression -> {
      throw new IllegalArgumentException("unknown variable cronworkflow.nope");
    });
    var spec = schedules("0 * * * *").when("cronworkflow.nope").spec();

    CronDecision decision = failing.decide(spec, lastRun("2026-03-02T10:00Z"),
        at("2026-03-02T11:00Z"));

    assertThat(describe(decision)).isEqualTo("invalid: cannot evaluate the CronWorkflow's"
        + " conditions: unknown variable cronworkflow.nope");
  }

  @Test
  void settlingAFireRecordsTheScheduledTime() {
    var spec = schedules("*/5 * * * *").spec();
    CronState state = since("2026-03-02T10:00Z");

    CronDecision fire = decider.decide(spec, state, at("2026-03-02T10:05:01Z"));
    CronState after = state.settle(fire);

    assertThat(after.lastScheduledTime()).isEqualTo(at("2026-03-02T10:05Z"));
    assertThat(after.settledUntil()).isEqualTo(at("2026-03-02T10:05Z"));
    assertThat(describe(decider.decide(spec, after, at("2026-03-02T10:05:30Z"))))
        .isEqualTo("wait, next 2026-03-02T10:10Z");
  }

  /** A scheduler loop on a fake clock: it sleeps until each wake-up, with an outage. */
  private static List<String> simulate(CronDecider decider, CronSpecs specs, String from,
      String outageStart, String outageEnd, String until) {
    List<String> fired = new ArrayList<>();
    CronState state = since(from);
    Instant now = at(from);
    while (now.isBefore(at(until))) {
      CronDecision decision = decider.decide(specs.spec(), state, now);
      if (decision instanceof CronDecision.Fire fire) {
        fired.add(time(fire.scheduledTime()) + " at " + now);
      }
      state = state.settle(decision);
      Instant wakeUp = decision.nextWakeUp().orElseThrow().toInstant().plusMillis(250);
      boolean down = !wakeUp.isBefore(at(outageStart)) && wakeUp.isBefore(at(outageEnd));
      now = down ? at(outageEnd) : wakeUp;
    }
    return fired;
  }

  @Test
  void downtimeLeadsToOneRunAtMostNeverAStorm() {
    CronSpecs everyFifteen = schedules("*/15 * * * *");

    List<String> withDeadline = simulate(decider, everyFifteen.deadline(900),
        "2026-03-02T00:00Z", "2026-03-02T00:20Z", "2026-03-02T03:05Z", "2026-03-02T03:20Z");
    List<String> withoutDeadline = simulate(decider, everyFifteen,
        "2026-03-02T00:00Z", "2026-03-02T00:20Z", "2026-03-02T03:05Z", "2026-03-02T03:20Z");

    assertThat(withDeadline).containsExactly(
        "2026-03-02T00:15Z at 2026-03-02T00:15:00.250Z",
        "2026-03-02T03:00Z at 2026-03-02T03:05:00Z",
        "2026-03-02T03:15Z at 2026-03-02T03:15:00.250Z");
    assertThat(withoutDeadline).containsExactly(
        "2026-03-02T00:15Z at 2026-03-02T00:15:00.250Z",
        "2026-03-02T03:15Z at 2026-03-02T03:15:00.250Z");
  }

  @Test
  void aDailyJobRunsOnceOnEachDaylightSavingDayIn2026() {
    CronDecider onTime = new CronDecider(TRUE_CONDITIONS, Duration.ofSeconds(1));
    CronSpecs paris = schedules("30 2 * * *").timezone("Europe/Paris");
    CronSpecs newYork = schedules("30 1 * * *").timezone("America/New_York");

    List<String> spring = simulate(onTime, paris, "2026-03-28T00:00Z", "2000-01-01T00:00Z",
        "2000-01-01T00:00Z", "2026-03-31T00:00Z");
    List<String> fall = simulate(onTime, newYork, "2026-10-31T00:00Z", "2000-01-01T00:00Z",
        "2000-01-01T00:00Z", "2026-11-03T00:00Z");

    assertThat(spring).containsExactly(
        "2026-03-28T02:30+01:00 at 2026-03-28T01:30:00.250Z",
        "2026-03-29T03:00+02:00 at 2026-03-29T01:00:00.250Z",
        "2026-03-30T02:30+02:00 at 2026-03-30T00:30:00.250Z");
    assertThat(fall).containsExactly(
        "2026-10-31T01:30-04:00 at 2026-10-31T05:30:00.250Z",
        "2026-11-01T01:30-04:00 at 2026-11-01T05:30:00.250Z",
        "2026-11-02T01:30-05:00 at 2026-11-02T06:30:00.250Z");
  }
}
