package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.engine.testing.EngineHarness;
import dev.navis.engine.testing.FakeExecutor;
import dev.navis.engine.testing.Outcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoopsTest {

  @Test
  void withItemsNamesEachItemAsArgoPrintsIt() {
    String yaml = """
        metadata: {name: items}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: say
                template: echo
                arguments: {parameters: [{name: m, value: "{{item}}"}]}
                withItems: [hello, {os: debian, v: 9}]
          - name: echo
            inputs: {parameters: [{name: m}]}
            container: {image: busybox, command: [echo, "{{inputs.parameters.m}}"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.startOrder()).containsExactly("items[0].say(0:hello)",
        "items[0].say(1:{\"os\":\"debian\",\"v\":9})");
    assertThat(harness.node("items[0].say(0:hello)").displayName()).isEqualTo("say(0:hello)");
  }

  @Test
  void withParamFromAnEarlierStepAndItemKeys() {
    String yaml = """
        metadata: {name: param}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: gen, template: echo0}
            - - name: use
                template: echo
                arguments: {parameters: [{name: m, value: "{{item.os}}"}]}
                withParam: "{{steps.gen.outputs.result}}"
          - name: echo0
            container: {image: busybox, command: [echo]}
          - name: echo
            inputs: {parameters: [{name: m}]}
            container: {image: busybox, command: [echo, "{{inputs.parameters.m}}"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml).executor(new FakeExecutor()
        .on("gen", Outcome.succeeded("[{\"os\": \"debian\"}, {\"os\": \"alpine\"}]")));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.node("param[1].use(1:{\"os\":\"alpine\"})").inputs().parameters().get(0)
        .value()).isEqualTo("alpine");
  }

  @Test
  void aWithParamThatIsNotAListIsAnError() {
    String yaml = """
        metadata: {name: bad}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: use, template: echo, withParam: "not json"}
          - name: echo
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.node("bad[0].use").message())
        .isEqualTo("withParam value could not be parsed as a JSON list: not json");
  }

  @Test
  void withSequenceFormatsNumbers() {
    String yaml = """
        metadata: {name: seq}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: n
                template: echo
                withSequence: {start: "2", end: "4", format: "n%02d"}
          - name: echo
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.startOrder())
        .containsExactly("seq[0].n(0:n02)", "seq[0].n(1:n03)", "seq[0].n(2:n04)");
  }

  @Test
  void templateParallelismLimitsRunningItems() {
    String yaml = """
        metadata: {name: par}
        spec:
          entrypoint: main
          templates:
          - name: main
            parallelism: 2
            steps:
            - - {name: s, template: sleep, withSequence: {count: "5"}}
          - name: sleep
            container: {image: busybox, command: [sleep, "1"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(maxRunning(harness)).isEqualTo(2);
    assertThat(harness.executor().launches()).hasSize(5);
  }

  @Test
  void workflowParallelismKeepsPodsPending() {
    String yaml = """
        metadata: {name: wpar}
        spec:
          entrypoint: main
          parallelism: 1
          templates:
          - name: main
            steps:
            - - {name: a, template: sleep}
              - {name: b, template: sleep}
          - name: sleep
            container: {image: busybox, command: [sleep, "1"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml)
        .executor(new FakeExecutor().when(l -> true, l -> Outcome.succeeded()
            .after(Duration.ofSeconds(3))));

    harness.reconcile();

    assertThat(harness.phaseOf("wpar[0].b")).isEqualTo("Pending");
    assertThat(harness.node("wpar[0].b").message()).isEqualTo("Waiting for parallelism 1");
    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(harness.indexOf("wpar[0].b", "Running"))
        .isGreaterThan(harness.indexOf("wpar[0].a", "Succeeded"));
  }

  @Test
  void failFastWithParallelismStartsNothingAfterAFailure() {
    String yaml = """
        metadata: {name: ff}
        spec:
          entrypoint: main
          templates:
          - name: main
            parallelism: 1
            failFast: true
            steps:
            - - {name: unit, template: run, withItems: [ok1, bad, ok2, ok3],
                 arguments: {parameters: [{name: m, value: "{{item}}"}]}}
          - name: run
            inputs: {parameters: [{name: m}]}
            container: {image: busybox, command: [echo, "{{inputs.parameters.m}}"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml).executor(new FakeExecutor()
        .when(l -> FakeExecutor.displayName(l).contains(":bad"), l -> Outcome.failed())
        .when(l -> true, l -> Outcome.succeeded()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.executor().launches()).hasSize(2);
    assertThat(harness.node("ff[0]").message())
        .isEqualTo("template has failed or errored children and failFast enabled");
  }

  @Test
  void emptyItemsSkipTheStep() {
    String yaml = """
        metadata: {name: empty}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: s, template: echo, withParam: "[]"}
          - name: echo
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.phaseOf("empty[0].s")).isEqualTo("Skipped");
  }

  private static final String EVERY_LOOP_KIND = """
      metadata: {name: kinds}
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - {name: gen, template: echo0}
          - - name: items
              template: echo
              arguments: {parameters: [{name: m, value: "{{item}}"}]}
              withItems: [a, b, c]
            - name: param
              template: echo
              arguments: {parameters: [{name: m, value: "{{item}}"}]}
              withParam: "{{steps.gen.outputs.result}}"
            - name: seq
              template: echo
              arguments: {parameters: [{name: m, value: "{{item}}"}]}
              withSequence: {count: "3"}
            - {name: tasks, template: dag}
        - name: dag
          dag:
            tasks:
            - name: each
              template: echo
              arguments: {parameters: [{name: m, value: "{{item}}"}]}
              withItems: [x, y, z]
        - name: echo0
          container: {image: busybox, command: [echo]}
        - name: echo
          inputs: {parameters: [{name: m}]}
          container: {image: busybox, command: [echo, "{{inputs.parameters.m}}"]}
      """;

  @Test
  void aLoopItemKeepsNoCopyOfItsLoop() {
    EngineHarness fresh = EngineHarness.of(EVERY_LOOP_KIND).executor(new FakeExecutor()
        .on("gen", Outcome.succeeded("[1, 2, 3]")));
    EngineHarness restored = EngineHarness.of(EVERY_LOOP_KIND).restoreEachStep()
        .executor(new FakeExecutor().on("gen", Outcome.succeeded("[1, 2, 3]")));

    for (EngineHarness harness : List.of(fresh, restored)) {
      assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

      List<Node> items = harness.run().nodes.values().stream()
          .filter(node -> node.loopItem).toList();
      assertThat(items).hasSize(12);
      assertThat(items).allSatisfy(node -> {
        assertThat(node.call).isNotNull();
        assertThat(node.call.withItems()).isNull();
        assertThat(node.call.withParam()).isNull();
        assertThat(node.call.withSequence()).isNull();
      });
    }
  }

  @Test
  void aLongLoopsRowIsStoredNowAndThenAndItsChildrenSurviveARestore() {
    StringBuilder tasks = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      tasks.append("        - {name: t").append(i).append(", template: echo}\n");
    }
    String yaml = """
        metadata: {name: long}
        spec:
          entrypoint: main
          templates:
          - name: main
            parallelism: 1
            steps:
            - - {name: each, template: echo, withSequence: {count: "40"}}
            - - {name: tasks, template: dag}
          - name: dag
            parallelism: 1
            dag:
              tasks:
        """ + tasks + """
          - name: echo
            container: {image: busybox, command: [echo]}
        """;

    for (EngineHarness harness : List.of(EngineHarness.of(yaml),
        EngineHarness.of(yaml).restoreEachStep())) {
      assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

      List<String> started = harness.startOrder().stream()
          .map(name -> harness.node(name).id()).toList();
      assertThat(harness.node("long[0]").children()).isEqualTo(started.subList(0, 40));
      assertThat(harness.node("long[1].tasks").children()).isEqualTo(started.subList(40, 80));
      assertThat(rowsStored(harness, "long[0]")).isLessThan(20);
      assertThat(rowsStored(harness, "long[1].tasks")).isLessThan(20);
    }
  }

  private static long rowsStored(EngineHarness harness, String nodeName) {
    return harness.reconciliations().stream()
        .filter(step -> step.changedNodes().stream().anyMatch(n -> nodeName.equals(n.name())))
        .count();
  }

  static int maxRunning(EngineHarness harness) {
    int running = 0;
    int max = 0;
    for (PhaseChange change : harness.phaseChanges()) {
      if (change.nodeId() == null || !change.nodeName().contains("(")) {
        continue;
      }
      if ("Running".equals(change.to())) {
        max = Math.max(max, ++running);
      } else if (Phases.completed(change.to())) {
        running--;
      }
    }
    return max;
  }
}
