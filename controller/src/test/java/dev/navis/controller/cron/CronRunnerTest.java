package dev.navis.controller.cron;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.Codec;
import dev.navis.api.model.CronWorkflow;
import dev.navis.store.StoredWorkflow;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowQuery;
import dev.navis.store.WorkflowStore;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cron runner against a real store, driven pass by pass with a clock the test moves. */
class CronRunnerTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:30Z");

  private final MovableClock clock = new MovableClock(T0);
  private WorkflowStore store;
  private CronWorkflows crons;
  private FakeWorkloads workloads;
  private CronRunner runner;

  @BeforeEach
  void open() throws Exception {
    store = Stores.open("h2:" + Files.createTempDirectory("navis-cron") + "/", clock);
    crons = new CronWorkflows(store.resources());
    workloads = new FakeWorkloads(store);
    runner = new CronRunner(store, workloads, clock, Duration.ofHours(1));
  }

  @AfterEach
  void close() {
    runner.close();
    store.close();
  }

  private void createCron(String name, String specYaml) {
    String yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: %s}
        spec:
        %s
          workflowSpec:
            entrypoint: main
            templates: [{name: main, container: {image: alpine, command: ["true"]}}]
        """.formatted(name, specYaml.indent(2).stripTrailing());
    try {
      crons.create(Codec.yaml().readValue(yaml, CronWorkflow.class), "default");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private List<StoredWorkflow> runsOf(String cron) {
    return store.list(new WorkflowQuery("default", Set.of(),
        CronWorkflowRuns.CRON_LABEL + "=" + cron, 0)).reversed();
  }

  private CronStatus statusOf(String cron) {
    return crons.status("default", cron, T0).orElseThrow();
  }

  private Instant at(String time) {
    return Instant.parse("2026-12-01T" + time + "Z");
  }

  @Test
  void firesOnTheMinuteOnceAndLabelsTheWorkflowAsArgo() {
    createCron("minutely", "schedules: ['* * * * *']");

    assertThat(runner.pass()).isEqualTo(at("10:01:00"));
    assertThat(runsOf("minutely")).isEmpty();
    clock.set(at("10:01:00"));
    runner.pass();
    runner.pass();

    List<StoredWorkflow> runs = runsOf("minutely");
    assertThat(runs).extracting(StoredWorkflow::name)
        .containsExactly("minutely-" + at("10:01:00").getEpochSecond());
    var meta = runs.getFirst().workflow().metadata();
    assertThat(meta.labels()).containsEntry(CronWorkflowRuns.CRON_LABEL, "minutely");
    assertThat(meta.annotations())
        .containsEntry(CronWorkflowRuns.SCHEDULED_TIME, "2026-12-01T10:01:00Z");
    assertThat(workloads.started).containsExactly(runs.getFirst().name());
    assertThat(statusOf("minutely").state().lastScheduledTime()).isEqualTo(at("10:01:00"));
    assertThat(statusOf("minutely").state().unfinishedWorkflows())
        .containsExactly(runs.getFirst().name());
  }

  @Test
  void aWorkflowStoredBeforeACrashIsNotStartedTwice() throws Exception {
    createCron("minutely", "schedules: ['* * * * *']");
    CronWorkflow cron = crons.get("default", "minutely").orElseThrow();
    var storedBeforeTheCrash = dev.navis.controller.Submission.plain().prepare(
        CronWorkflowRuns.scheduled(cron, at("10:01:00")), "default", at("10:01:00"));
    workloads.accept(storedBeforeTheCrash);
    clock.set(at("10:01:02"));

    runner.pass();

    assertThat(runsOf("minutely")).extracting(StoredWorkflow::uid)
        .containsExactly(storedBeforeTheCrash.metadata().uid());
    assertThat(workloads.started).containsExactly(storedBeforeTheCrash.metadata().name());
    assertThat(statusOf("minutely").state().lastScheduledTime()).isEqualTo(at("10:01:00"));
  }

  @Test
  void afterDowntimeAMissedSlotRunsOnceWithinTheStartingDeadline() {
    createCron("late", "schedules: ['*/5 * * * *']\nstartingDeadlineSeconds: 600");
    createCron("strict", "schedules: ['*/5 * * * *']");
    runner.pass();

    clock.set(at("10:18:30"));
    runner.pass();
    runner.pass();

    assertThat(runsOf("late")).extracting(StoredWorkflow::name)
        .containsExactly("late-" + at("10:15:00").getEpochSecond());
    assertThat(runsOf("strict")).isEmpty();
    assertThat(statusOf("strict").state().lastSettledTime()).isEqualTo(at("10:15:00"));
  }

  @Test
  void forbidSkipsWhileARunIsUnfinished() {
    createCron("single", "schedules: ['* * * * *']\nconcurrencyPolicy: Forbid");
    clock.set(at("10:01:00"));
    runner.pass();

    clock.set(at("10:02:00"));
    runner.pass();
    assertThat(runsOf("single")).hasSize(1);

    workloads.end("default", runsOf("single").getFirst().name(), "Succeeded", at("10:02:10"));
    clock.set(at("10:03:00"));
    runner.pass();
    assertThat(runsOf("single")).hasSize(2);
    assertThat(statusOf("single").succeeded()).isEqualTo(1);
  }

  @Test
  void replaceTerminatesTheRunningOnesAndStarts() {
    createCron("fresh", "schedules: ['* * * * *']\nconcurrencyPolicy: Replace");
    clock.set(at("10:01:00"));
    runner.pass();
    String first = runsOf("fresh").getFirst().name();

    clock.set(at("10:02:00"));
    runner.pass();

    assertThat(workloads.terminated).containsExactly(first);
    assertThat(runsOf("fresh")).hasSize(2);
  }

  @Test
  void suspendedSkipsAndResumedFiresAtTheNextTime() {
    createCron("paused", "schedules: ['* * * * *']\nsuspend: true");
    clock.set(at("10:01:00"));
    runner.pass();
    assertThat(runsOf("paused")).isEmpty();
    assertThat(runner.scheduledCount()).isZero();

    crons.setSuspended("default", "paused", false);
    runner.pass();
    assertThat(runsOf("paused")).as("a time skipped while suspended stays skipped").isEmpty();
    clock.set(at("10:02:00"));
    runner.pass();
    assertThat(runsOf("paused")).hasSize(1);
    assertThat(runner.scheduledCount()).isEqualTo(1);
  }

  @Test
  void historyKeepsOnlyTheNewestByTheLimits() {
    createCron("kept", """
        schedules: ['* * * * *']
        successfulJobsHistoryLimit: 1
        failedJobsHistoryLimit: 1""");
    for (int minute = 1; minute <= 3; minute++) {
      clock.set(at("10:0" + minute + ":00"));
      runner.pass();
      String phase = minute == 2 ? "Failed" : "Succeeded";
      workloads.end("default", runsOf("kept").getLast().name(), phase, clock.instant());
    }

    clock.set(at("10:03:30"));
    runner.pass();

    assertThat(runsOf("kept")).extracting(StoredWorkflow::name).containsExactly(
        "kept-" + at("10:02:00").getEpochSecond(), "kept-" + at("10:03:00").getEpochSecond());
    assertThat(statusOf("kept").succeeded()).isEqualTo(2);
    assertThat(statusOf("kept").failed()).isEqualTo(1);
  }

  @Test
  void aFalseWhenSkipsWithCronVariables() {
    createCron("never", "schedules: ['* * * * *']\nwhen: \"{{cronworkflow.name}} == other\"");
    createCron("always", "schedules: ['* * * * *']\nwhen: \"{{cronworkflow.name}} == always\"");
    clock.set(at("10:01:00"));

    runner.pass();

    assertThat(runsOf("never")).isEmpty();
    assertThat(runsOf("always")).hasSize(1);
  }

  @Test
  void stopStrategyStopsTheCronWorkflowForGood() {
    createCron("fragile", """
        schedules: ['* * * * *']
        stopStrategy: {expression: "cronworkflow.failed >= 1"}""");
    clock.set(at("10:01:00"));
    runner.pass();
    workloads.end("default", runsOf("fragile").getFirst().name(), "Failed", at("10:01:05"));

    for (String time : List.of("10:02:00", "10:03:00")) {
      clock.set(at(time));
      runner.pass();
    }

    assertThat(runsOf("fragile")).hasSize(1);
    assertThat(statusOf("fragile").state().stopped()).isTrue();
    assertThat(runner.scheduledCount()).as("a stopped CronWorkflow keeps nothing up").isZero();
  }

  @Test
  void anInvalidScheduleIsRecordedAndHarmsNoOther() {
    createCron("broken", "schedules: ['61 * * * *']");
    createCron("fine", "schedules: ['* * * * *']");
    clock.set(at("10:01:00"));

    runner.pass();

    assertThat(statusOf("broken").problem()).isNotBlank();
    assertThat(runsOf("fine")).hasSize(1);
    assertThat(runner.scheduledCount()).isEqualTo(1);
  }

  @Test
  void thePassWakesAtTheEarliestTimeAcrossCronWorkflows() {
    createCron("hourly", "schedules: ['0 * * * *']");
    createCron("quarterly", "schedules: ['*/15 * * * *']");

    assertThat(runner.pass()).isEqualTo(at("10:15:00"));
    clock.set(at("10:15:00"));
    assertThat(runner.pass()).isEqualTo(at("10:30:00"));

    CronRunner polling = new CronRunner(store, workloads, clock, Duration.ofSeconds(10));
    assertThat(polling.pass()).as("no time within the poll: wake to see new CronWorkflows")
        .isEqualTo(at("10:15:10"));
    polling.close();
  }

  @Test
  void anEveryTwoSecondsCronFiresTwiceWithinSixSeconds() throws Exception {
    try (CronRunner live = new CronRunner(store, workloads, Clock.systemUTC(),
        CronRunner.DEFAULT_POLL)) {
      createCron("quick", "schedules: ['@every 2s']");
      live.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
      while (workloads.started.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    }
    assertThat(workloads.started).hasSizeGreaterThanOrEqualTo(2);
  }

  /** A clock the test sets. */
  static final class MovableClock extends Clock {

    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
