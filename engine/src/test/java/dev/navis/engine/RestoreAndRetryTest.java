package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.engine.testing.EngineHarness;
import dev.navis.engine.testing.FakeExecutor;
import dev.navis.engine.testing.Outcome;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RestoreAndRetryTest {

  private static final String TWO_STEPS = """
      metadata: {name: two}
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {name: a, template: work}
          - - {name: b, template: work}
        - name: work
          container: {image: busybox, command: [echo]}
      """;

  @Test
  void restoredRunRecoversItsRunningPods() {
    EngineHarness harness = EngineHarness.of(TWO_STEPS).restoreEachStep()
        .executor(new FakeExecutor().on("a", Outcome.hangs()));
    harness.reconcile();
    harness.reconcile(new Occurrence.Tick());

    Reconciliation restored = harness.reconcile(new Occurrence.Restored());

    assertThat(restored.actions()).singleElement().satisfies(action -> {
      assertThat(action).isInstanceOf(Action.RecoverNode.class);
      assertThat(((Action.RecoverNode) action).launch().nodeName()).isEqualTo("two[0].a");
      assertThat(((Action.RecoverNode) action).launch().template().container().image())
          .isEqualTo("busybox");
    });
  }

  @Test
  void deadlinesAndBackoffsSurviveARestore() {
    String yaml = """
        metadata: {name: timers}
        spec:
          entrypoint: main
          activeDeadlineSeconds: 100
          templates:
          - name: main
            steps:
            - - {name: flaky, template: flaky}
            - - {name: slow, template: slow}
          - name: flaky
            retryStrategy: {limit: "1", backoff: {duration: "30s"}}
            container: {image: busybox, command: [echo]}
          - name: slow
            activeDeadlineSeconds: 20
            container: {image: busybox, command: [sleep, "1d"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml).restoreEachStep().executor(new FakeExecutor()
        .on("slow", Outcome.hangs())
        .when(launch -> launch.nodeName().endsWith("flaky(0)"), launch -> Outcome.failed()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    var first = harness.node("timers[0].flaky(0)");
    var second = harness.node("timers[0].flaky(1)");
    assertThat(java.time.Duration.between(first.finishedAt(), second.startedAt()))
        .hasSeconds(30);
    var slow = harness.node("timers[1].slow");
    assertThat(java.time.Duration.between(slow.startedAt(), slow.finishedAt())).hasSeconds(20);
    assertThat(slow.message())
        .isEqualTo("Pod was active on the node longer than the specified deadline");
  }

  @Test
  void retryRunsFailedNodesAgainAndKeepsSucceededOnes() {
    AtomicInteger bRuns = new AtomicInteger();
    EngineHarness harness = EngineHarness.of(TWO_STEPS).executor(new FakeExecutor()
        .on("a", Outcome.succeeded("a-out"))
        .when(launch -> launch.nodeName().endsWith(".b"),
            launch -> bRuns.incrementAndGet() == 1 ? Outcome.failed() : Outcome.succeeded()));
    assertThat(harness.runToCompletion()).isEqualTo("Failed");
    String failedId = harness.node("two[1].b").id();

    Reconciliation retried = harness.retry(false, null);

    assertThat(retried.removedNodeIds()).containsExactly(failedId);
    assertThat(retried.status().phase()).isEqualTo("Running");
    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(harness.startOrder()).containsExactly("two[0].a", "two[1].b", "two[1].b");
    assertThat(harness.node("two[0].a").outputs().result()).isEqualTo("a-out");
  }

  @Test
  void retryRunsFailedNodesAgainAfterARestoreFromStore() {
    AtomicInteger bRuns = new AtomicInteger();
    EngineHarness harness = EngineHarness.of(TWO_STEPS).restoreEachStep()
        .executor(new FakeExecutor().on("a", Outcome.succeeded("a-out"))
        .when(launch -> launch.nodeName().endsWith(".b"),
            launch -> bRuns.incrementAndGet() == 1 ? Outcome.failed() : Outcome.succeeded()));
    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    harness.retry(false, null);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(harness.startOrder()).containsExactly("two[0].a", "two[1].b", "two[1].b");
  }

  @Test
  void retryOfARestoredDagRunsTheFailedTaskAndWhatDependsOnIt() {
    String yaml = """
        metadata: {name: diamond}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: a, template: work}
              - {name: b, template: work, depends: a}
              - {name: c, template: work, depends: a}
              - {name: d, template: work, depends: b && c}
          - name: work
            container: {image: busybox, command: [echo]}
        """;
    AtomicInteger cRuns = new AtomicInteger();
    EngineHarness harness = EngineHarness.of(yaml).restoreEachStep()
        .executor(new FakeExecutor().when(launch -> launch.nodeName().endsWith(".c"),
            launch -> cRuns.incrementAndGet() == 1 ? Outcome.failed() : Outcome.succeeded()));
    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    harness.retry(false, null);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(cRuns).hasValue(2);
    assertThat(harness.phaseOf("diamond.d")).isEqualTo("Succeeded");
  }

  @Test
  void retryWithRestartSuccessfulRerunsSelectedNodes() {
    AtomicInteger bRuns = new AtomicInteger();
    EngineHarness harness = EngineHarness.of(TWO_STEPS).executor(new FakeExecutor()
        .when(launch -> launch.nodeName().endsWith(".b"),
            launch -> bRuns.incrementAndGet() == 1 ? Outcome.failed() : Outcome.succeeded()));
    harness.runToCompletion();

    harness.retry(true, "displayName=a");

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(harness.startOrder())
        .containsExactly("two[0].a", "two[1].b", "two[0].a", "two[1].b");
  }

  @Test
  void retrySelectingASucceededBoundaryRerunsEverythingUnderIt() {
    String yaml = """
        metadata: {name: nested}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: inner, template: inner}
            - - {name: last, template: work}
          - name: inner
            steps:
            - - {name: x, template: work}
          - name: work
            container: {image: busybox, command: [echo]}
        """;
    AtomicInteger lastRuns = new AtomicInteger();
    EngineHarness harness = EngineHarness.of(yaml).executor(new FakeExecutor()
        .when(launch -> launch.nodeName().endsWith(".last"),
            launch -> lastRuns.incrementAndGet() == 1 ? Outcome.failed() : Outcome.succeeded()));
    harness.runToCompletion();

    harness.retry(true, "displayName=inner");

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(harness.startOrder()).containsExactly("nested[0].inner[0].x", "nested[1].last",
        "nested[0].inner[0].x", "nested[1].last");
  }

  @Test
  void stepHooksRunWhenTheirExpressionHolds() {
    String yaml = """
        metadata: {name: hooks}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: a
                template: work
                hooks:
                  done:
                    expression: steps.a.status == "Succeeded"
                    template: notify
          - name: work
            container: {image: busybox, command: [echo]}
          - name: notify
            container: {image: busybox, command: [echo, hook]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.phaseOf("hooks[0].a.hooks.done")).isEqualTo("Succeeded");
    assertThat(harness.indexOf("hooks[0]", "Succeeded"))
        .isGreaterThan(harness.indexOf("hooks[0].a.hooks.done", "Succeeded"));
  }

  @Test
  void workflowHooksRunOnceWhileRunningAndOnExit() {
    String yaml = """
        metadata: {name: wfhooks}
        spec:
          entrypoint: main
          hooks:
            exit: {template: notify}
            running: {expression: workflow.status == "Running", template: notify}
          templates:
          - name: main
            container: {image: busybox, command: [echo]}
          - name: notify
            container: {image: busybox, command: [echo, hook]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.startOrder()).containsExactlyInAnyOrder("wfhooks",
        "wfhooks.hooks.running", "wfhooks.hooks.exit");
  }
}
