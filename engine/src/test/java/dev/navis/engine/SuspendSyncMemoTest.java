package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.model.Outputs;
import dev.navis.api.model.Parameter;
import dev.navis.engine.testing.EngineHarness;
import dev.navis.engine.testing.FakeExecutor;
import dev.navis.engine.testing.InMemoryPorts;
import dev.navis.engine.testing.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuspendSyncMemoTest {

  private static final String APPROVAL = """
      metadata: {name: approve}
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {name: wait, template: wait}
          - - {name: after, template: work}
        - name: wait
          suspend: {}
        - name: work
          container: {image: busybox, command: [echo]}
      """;

  @Test
  void suspendWithoutDurationWaitsForResume() {
    EngineHarness harness = EngineHarness.of(APPROVAL);
    harness.runToCompletion();

    assertThat(harness.phase()).isEqualTo("Running");
    assertThat(harness.node("approve[0].wait").type()).isEqualTo("Suspend");
    assertThat(harness.node("approve[1]")).isNull();

    harness.reconcile(new Occurrence.Resume("displayName=wait"));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(harness.phaseOf("approve[1].after")).isEqualTo("Succeeded");
  }

  @Test
  void suspendWithDurationWakesItself() {
    EngineHarness harness = EngineHarness.of(APPROVAL.replace("suspend: {}",
        "suspend: {duration: \"20s\"}"));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.node("approve[0].wait").finishedAt())
        .isEqualTo(EngineHarness.START.plusSeconds(20));
  }

  @Test
  void suspendedWorkflowStartsNothingNewUntilResumed() {
    String yaml = """
        metadata: {name: paused}
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
    EngineHarness harness = EngineHarness.of(yaml);
    harness.reconcile();
    harness.reconcile(new Occurrence.Suspend());
    harness.advance(Duration.ofSeconds(5));

    assertThat(harness.phaseOf("paused[1].b")).isEqualTo("Pending");
    assertThat(harness.node("paused[1].b").message()).isEqualTo("workflow suspended");

    harness.reconcile(new Occurrence.Resume(null));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
  }

  @Test
  void workflowMutexLetsOneWorkflowRunAtATime() {
    String yaml = """
        metadata: {name: NAME}
        spec:
          entrypoint: main
          synchronization: {mutex: {name: only-one}}
          templates:
          - name: main
            container: {image: busybox, command: [echo]}
        """;
    InMemoryPorts shared = new InMemoryPorts();
    EngineHarness first = EngineHarness.of(yaml.replace("NAME", "first")).ports(shared);
    EngineHarness second = EngineHarness.of(yaml.replace("NAME", "second")).ports(shared);
    first.reconcile();

    second.reconcile();

    assertThat(second.phase()).isEqualTo("Pending");
    assertThat(second.status().message()).isEqualTo("Waiting for argo/Mutex/only-one lock");
    assertThat(first.runToCompletion()).isEqualTo("Succeeded");
    assertThat(second.runToCompletion()).isEqualTo("Succeeded");
  }

  @Test
  void templateSemaphoreHoldsPodsPendingWithTheLockInTheirMessage() {
    String yaml = """
        metadata: {name: sem}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: a, template: limited}
              - {name: b, template: limited}
              - {name: c, template: limited}
          - name: limited
            synchronization:
              semaphore: {configMapKeyRef: {name: my-config, key: workflow}}
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);
    harness.ports().semaphore("my-config", "workflow", 2);

    harness.reconcile();

    assertThat(harness.phaseOf("sem[0].c")).isEqualTo("Pending");
    assertThat(harness.node("sem[0].c").message())
        .isEqualTo("Waiting for argo/ConfigMap/my-config/workflow lock");
    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(harness.ports().holdersOf("argo/ConfigMap/my-config/workflow")).isEmpty();
  }

  @Test
  void aStepsTemplateMutexHoldsTheWholeBoundary() {
    String yaml = """
        metadata: {name: bmutex}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: one, template: guarded}
              - {name: two, template: guarded}
          - name: guarded
            synchronization: {mutexes: [{name: region}]}
            steps:
            - - {name: first, template: work}
            - - {name: second, template: work}
          - name: work
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml).restoreEachStep();

    harness.reconcile();

    assertThat(harness.phaseOf("bmutex[0].two")).isEqualTo("Pending");
    assertThat(harness.node("bmutex[0].two").message())
        .isEqualTo("Waiting for argo/Mutex/region lock");
    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(harness.indexOf("bmutex[0].two", "Running"))
        .isGreaterThan(harness.indexOf("bmutex[0].one", "Succeeded"));
    assertThat(harness.ports().holdersOf("argo/Mutex/region")).isEmpty();
  }

  @Test
  void memoizeMissSavesAndHitReusesOutputs() {
    String yaml = """
        metadata: {name: NAME}
        spec:
          entrypoint: main
          templates:
          - name: main
            memoize:
              key: "k-1"
              maxAge: "1h"
              cache: {configMap: {name: my-cache}}
            container: {image: busybox, command: [echo]}
        """;
    InMemoryPorts shared = new InMemoryPorts();
    EngineHarness miss = EngineHarness.of(yaml.replace("NAME", "miss")).ports(shared)
        .executor(new FakeExecutor().on("miss", Outcome.succeeded("computed")));
    assertThat(miss.runToCompletion()).isEqualTo("Succeeded");
    assertThat(miss.actions()).anySatisfy(action ->
        assertThat(action).isEqualTo(new Action.SaveMemo("my-cache", "k-1",
            new Outputs(null, null, "computed", "0"))));

    EngineHarness hit = EngineHarness.of(yaml.replace("NAME", "hit")).ports(shared);

    assertThat(hit.runToCompletion()).isEqualTo("Succeeded");
    assertThat(hit.executor().launches()).isEmpty();
    assertThat(hit.node("hit").outputs().result()).isEqualTo("computed");
    assertThat(hit.node("hit").memoizationStatus().hit()).isTrue();
  }

  @Test
  void memoizedStepsTemplatesReuseTheirOutputs() {
    String yaml = """
        metadata: {name: NAME}
        spec:
          entrypoint: main
          templates:
          - name: main
            memoize: {key: "steps-1", cache: {configMap: {name: c}}}
            outputs:
              parameters:
              - {name: out, valueFrom: {parameter: "{{steps.a.outputs.result}}"}}
            steps:
            - - {name: a, template: work}
          - name: work
            container: {image: busybox, command: [echo]}
        """;
    InMemoryPorts shared = new InMemoryPorts();
    EngineHarness miss = EngineHarness.of(yaml.replace("NAME", "miss")).ports(shared)
        .executor(new FakeExecutor().on("a", Outcome.succeeded("cached-value")));
    miss.runToCompletion();

    EngineHarness hit = EngineHarness.of(yaml.replace("NAME", "hit")).ports(shared);

    assertThat(hit.runToCompletion()).isEqualTo("Succeeded");
    assertThat(hit.executor().launches()).isEmpty();
    assertThat(hit.node("hit").type()).isEqualTo("Steps");
    assertThat(hit.node("hit").outputs().parameters().get(0).value()).isEqualTo("cached-value");
  }

  @Test
  void globalOutputsAreExportedToTheWorkflow() {
    String yaml = """
        metadata: {name: glob}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: a, template: produce}
            - - {name: b, template: consume}
          - name: produce
            outputs:
              parameters:
              - {name: p, globalName: shared, valueFrom: {path: /tmp/p}}
            container: {image: busybox, command: [echo]}
          - name: consume
            container:
              image: busybox
              command: [echo, "{{workflow.outputs.parameters.shared}}"]
        """;
    EngineHarness harness = EngineHarness.of(yaml).executor(new FakeExecutor()
        .on("a", Outcome.succeeded().withParameters(java.util.Map.of("p", "42"))));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.status().outputs().parameters())
        .containsExactly(Parameter.of("shared", "42"));
    assertThat(harness.executor().launches().get(1).template().container().command())
        .isEqualTo(List.of("echo", "42"));
  }
}
