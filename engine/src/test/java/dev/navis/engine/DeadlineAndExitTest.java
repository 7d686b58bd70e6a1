package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.engine.testing.EngineHarness;
import dev.navis.engine.testing.FakeExecutor;
import dev.navis.engine.testing.Outcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineAndExitTest {

  private static final String WITH_EXIT = """
      metadata: {name: exits}
      spec:
        entrypoint: main
        onExit: bye
        templates:
        - name: main
          container: {image: busybox, command: [sh, -c, "exit 1"]}
        - name: bye
          container:
            image: busybox
            command: [echo, "{{workflow.status}} {{workflow.failures}}"]
      """;

  @Test
  void podDeadlineStopsThePodWithArgosMessage() {
    String yaml = """
        metadata: {name: dl}
        spec:
          entrypoint: main
          templates:
          - name: main
            activeDeadlineSeconds: 10
            container: {image: busybox, command: [sleep, "1d"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml)
        .executor(new FakeExecutor().on("dl", Outcome.hangs()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.reconciliations().get(0).wakeAt())
        .isEqualTo(EngineHarness.START.plusSeconds(10));
    assertThat(harness.actions()).anySatisfy(action ->
        assertThat(action).isInstanceOf(Action.StopNode.class));
    assertThat(harness.node("dl").message())
        .isEqualTo("Pod was active on the node longer than the specified deadline");
    assertThat(harness.status().finishedAt()).isEqualTo(EngineHarness.START.plusSeconds(10));
  }

  @Test
  void workflowDeadlineStopsEverythingAndStillRunsTheExitHandler() {
    String yaml = """
        metadata: {name: wdl}
        spec:
          entrypoint: main
          activeDeadlineSeconds: 5
          onExit: bye
          templates:
          - name: main
            container: {image: busybox, command: [sleep, "1d"]}
          - name: bye
            container: {image: busybox, command: [echo, "{{workflow.status}}"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml)
        .executor(new FakeExecutor().on("wdl", Outcome.hangs()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.phaseOf("wdl.onExit")).isEqualTo("Succeeded");
    assertThat(harness.status().message()).isEqualTo("Step exceeded its deadline");
  }

  @Test
  void exitHandlerRunsAfterTheMainTreeAndSeesItsStatus() {
    EngineHarness harness = EngineHarness.of(WITH_EXIT)
        .executor(new FakeExecutor().on("exits", Outcome.failed()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.indexOf("exits.onExit", "Running"))
        .isGreaterThan(harness.indexOf("exits", "Failed"));
    String command = harness.executor().launches().get(1).template().container().command().get(1);
    assertThat(command).startsWith("Failed [{").contains("\"displayName\":\"exits\"");
  }

  @Test
  void aFailingExitHandlerFailsASucceededWorkflow() {
    EngineHarness harness = EngineHarness.of(WITH_EXIT.replace("\"exit 1\"", "\"true\""))
        .executor(new FakeExecutor().on("onExit", Outcome.failed()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.phaseOf("exits")).isEqualTo("Succeeded");
  }

  @Test
  void stepLevelExitHandlerRunsBeforeTheNextGroup() {
    String yaml = """
        metadata: {name: stepexit}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: a, template: work, onExit: cleanup}
            - - {name: b, template: work}
          - name: work
            container: {image: busybox, command: [echo]}
          - name: cleanup
            container: {image: busybox, command: [echo, cleanup]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.indexOf("stepexit[1].b", "Running"))
        .isGreaterThan(harness.indexOf("stepexit[0].a.onExit", "Succeeded"));
    assertThat(harness.node("stepexit[0].a").children())
        .contains(harness.node("stepexit[0].a.onExit").id());
  }

  @Test
  void stopStopsRunningPodsAndRunsTheExitHandler() {
    EngineHarness harness = EngineHarness.of(WITH_EXIT)
        .executor(new FakeExecutor().on("exits", Outcome.hangs()));
    harness.reconcile();

    harness.reconcile(new Occurrence.Stop(null));
    String phase = harness.runToCompletion();

    assertThat(phase).isEqualTo("Failed");
    assertThat(harness.phaseOf("exits.onExit")).isEqualTo("Succeeded");
    assertThat(harness.node("exits").message()).isEqualTo("Stopped with strategy 'Stop'");
    assertThat(harness.run().toWorkflow().spec().shutdown()).isEqualTo("Stop");
    assertThat(harness.status().message()).isEqualTo("Stopped with strategy 'Stop'");
  }

  @Test
  void terminateSkipsTheExitHandler() {
    EngineHarness harness = EngineHarness.of(WITH_EXIT)
        .executor(new FakeExecutor().on("exits", Outcome.hangs()));
    harness.reconcile();

    harness.reconcile(new Occurrence.Terminate());
    String phase = harness.runToCompletion();

    assertThat(phase).isEqualTo("Failed");
    assertThat(harness.node("exits.onExit")).isNull();
    assertThat(harness.status().message()).isEqualTo("Stopped with strategy 'Terminate'");
  }

  @Test
  void dagTaskTimeoutFailsOnlyThatTask() {
    String yaml = """
        metadata: {name: tmo}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              failFast: false
              tasks:
              - {name: quick, template: work}
              - {name: slow, template: slow}
          - name: work
            container: {image: busybox, command: [echo]}
          - name: slow
            timeout: 10s
            container: {image: busybox, command: [sleep, "15"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml).executor(new FakeExecutor()
        .on("slow", Outcome.succeeded().after(Duration.ofSeconds(15))));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.phaseOf("tmo.quick")).isEqualTo("Succeeded");
    assertThat(harness.phaseOf("tmo.slow")).isEqualTo("Failed");
    assertThat(harness.node("tmo.slow").finishedAt())
        .isEqualTo(EngineHarness.START.plusSeconds(10));
  }

  @Test
  void daemonsLetTheirCallerGoOnAndStopWhenItEnds() {
    String yaml = """
        metadata: {name: daemon}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - {name: db, template: server}
              - name: client
                template: client
                depends: db
                arguments: {parameters: [{name: ip, value: "{{tasks.db.ip}}"}]}
          - name: server
            daemon: true
            container: {image: influxdb, command: [influxd]}
          - name: client
            inputs: {parameters: [{name: ip}]}
            container: {image: busybox, command: [echo, "{{inputs.parameters.ip}}"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml).restoreEachStep()
        .executor(new FakeExecutor().on("db", Outcome.hangs()));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.node("daemon.db").daemoned()).isTrue();
    assertThat(harness.phaseOf("daemon.db")).isEqualTo("Succeeded");
    assertThat(harness.indexOf("daemon.db", "Succeeded"))
        .isGreaterThan(harness.indexOf("daemon.client", "Succeeded"));
    assertThat(harness.actions()).contains(new Action.StopNode(harness.node("daemon.db").id(),
        "daemon no longer needed: its caller ended"));
    assertThat(harness.executor().launches().get(1).template().container().command())
        .containsExactly("echo", "127.0.0.1");
  }
}
