package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.model.Artifact;
import dev.navis.api.model.NodeStatus;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.testing.EngineHarness;
import dev.navis.engine.testing.FakeExecutor;
import dev.navis.engine.testing.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How artifact keys flow: outputs to inputs, boundaries, globals, with a fake executor. */
class ArtifactFlowTest {

  private static final String PASSING = """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: passing
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: make
              template: make
          - - name: use
              template: use
              arguments:
                artifacts:
                - name: message
                  from: "{{steps.make.outputs.artifacts.out}}"
                  subPath: inner.txt
        - name: make
          container:
            image: busybox
            command: [sh, -c, "echo hi > /tmp/out"]
          outputs:
            artifacts:
            - name: out
              path: /tmp/out
              archive: {none: {}}
        - name: use
          inputs:
            artifacts:
            - name: message
              path: /tmp/message
            - name: extra
              path: /tmp/extra
              optional: true
          container:
            image: busybox
            command: [cat, "{{inputs.artifacts.message.path}}"]
      """;

  private static final String SOURCES = """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: sources
      spec:
        entrypoint: main
        archiveLogs: true
        arguments:
          artifacts:
          - name: text
            raw: {data: "one\\ntwo\\n"}
        templates:
        - name: main
          inputs:
            artifacts:
            - name: text
              path: /in/text
            - name: keyed
              path: /in/keyed
              s3: {key: shared/file, bucket: ignored}
            - name: page
              path: /in/page
              http: {url: "http://127.0.0.1:9/page"}
          outputs:
            artifacts:
            - name: copy
              path: /out/copy
          container:
            image: busybox
            command: [cp, "{{inputs.artifacts.text.path}}", "{{outputs.artifacts.copy.path}}"]
      """;

  private static final String DAG = """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: dag
      spec:
        entrypoint: main
        templates:
        - name: main
          dag:
            tasks:
            - name: flip
              template: flip
            - name: heads
              template: side
              depends: flip
              when: "{{tasks.flip.outputs.result}} == heads"
            - name: tails
              template: side
              depends: flip
              when: "{{tasks.flip.outputs.result}} == tails"
          outputs:
            artifacts:
            - name: result
              globalName: winner
              fromExpression: >-
                tasks.flip.outputs.result == 'heads'
                ? tasks.heads.outputs.artifacts.side : tasks.tails.outputs.artifacts.side
        - name: flip
          container: {image: busybox, command: [echo, tails]}
        - name: side
          container: {image: busybox, command: [touch, /tmp/side]}
          outputs:
            artifacts:
            - name: side
              path: /tmp/side
      """;

  private static final String DAG_FROM = """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: dagfrom
      spec:
        entrypoint: main
        templates:
        - name: main
          dag:
            tasks:
            - name: make
              template: make
            - name: use
              template: use
              depends: make
              arguments:
                artifacts:
                - name: in
                  from: "{{tasks.make.outputs.artifacts.out}}"
        - name: make
          container: {image: busybox, command: [touch, /tmp/out]}
          outputs:
            artifacts:
            - {name: out, path: /tmp/out}
        - name: use
          inputs:
            artifacts:
            - {name: in, path: /tmp/in}
          container: {image: busybox, command: [cat, /tmp/in]}
      """;

  private static final String MISSING = """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: missing
      spec:
        entrypoint: main
        templates:
        - name: main
          inputs:
            artifacts:
            - name: needed
              path: /tmp/needed
          container: {image: busybox, command: [cat, /tmp/needed]}
      """;

  @Test
  void aStepsOutputKeyReachesTheNextStepsInput() {
    EngineHarness harness = EngineHarness.of(PASSING);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    NodeLaunch use = launch(harness, "use");
    Artifact message = use.template().inputs().artifacts().getFirst();
    String makeId = harness.node("passing[0].make").id();
    assertThat(message.key()).isEqualTo("fake/" + makeId + "/out.tgz");
    assertThat(message.path()).isEqualTo("/tmp/message");
    assertThat(message.subPath()).isEqualTo("inner.txt");
    assertThat(use.template().inputs().artifacts()).extracting(Artifact::name)
        .containsExactly("message");
    assertThat(use.template().container().command()).containsExactly("cat", "/tmp/message");
    assertThat(harness.node("passing[0].make").outputs().artifacts())
        .extracting(Artifact::name).containsExactly("out");
  }

  @Test
  void rawKeyOnlyAndHttpSourcesArePassedToTheExecutor() {
    EngineHarness harness = EngineHarness.of(SOURCES);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    NodeLaunch main = launch(harness, "sources");
    List<Artifact> inputs = main.template().inputs().artifacts();
    assertThat(inputs.get(0).raw().data()).isEqualTo("one\ntwo\n");
    assertThat(inputs.get(1).key()).isEqualTo("shared/file");
    assertThat(inputs.get(1).s3()).isNull();
    assertThat(inputs.get(2).http().url()).isEqualTo("http://127.0.0.1:9/page");
    assertThat(main.template().archiveLocation().path("archiveLogs").asBoolean()).isTrue();
    assertThat(main.template().container().command())
        .containsExactly("cp", "/in/text", "/out/copy");
  }

  @Test
  void aBoundaryPicksAnArtifactByExpressionAndExportsItGlobally() {
    EngineHarness harness = EngineHarness.of(DAG)
        .executor(new FakeExecutor().on("flip", Outcome.succeeded("tails")));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    String tailsId = harness.node("dag.tails").id();
    NodeStatus main = harness.node("dag");
    assertThat(main.outputs().artifacts()).singleElement().satisfies(artifact -> {
      assertThat(artifact.name()).isEqualTo("result");
      assertThat(artifact.key()).isEqualTo("fake/" + tailsId + "/side.tgz");
    });
    assertThat(harness.status().outputs().artifacts()).singleElement().satisfies(artifact -> {
      assertThat(artifact.name()).isEqualTo("winner");
      assertThat(artifact.key()).isEqualTo("fake/" + tailsId + "/side.tgz");
    });
  }

  @Test
  void keysAndGlobalArtifactsSurviveARestoreAfterEveryStep() {
    EngineHarness passing = EngineHarness.of(PASSING).restoreEachStep();
    EngineHarness dag = EngineHarness.of(DAG).restoreEachStep()
        .executor(new FakeExecutor().on("flip", Outcome.succeeded("tails")));

    assertThat(passing.runToCompletion()).isEqualTo("Succeeded");
    assertThat(dag.runToCompletion()).isEqualTo("Succeeded");

    String makeId = passing.node("passing[0].make").id();
    assertThat(launch(passing, "use").template().inputs().artifacts().getFirst().key())
        .isEqualTo("fake/" + makeId + "/out.tgz");
    assertThat(dag.status().outputs().artifacts()).extracting(Artifact::name)
        .containsExactly("winner");
  }

  @Test
  void aDagTaskReadsAnotherTasksOutputArtifact() {
    EngineHarness harness = EngineHarness.of(DAG_FROM);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    String makeId = harness.node("dagfrom.make").id();
    assertThat(launch(harness, "use").template().inputs().artifacts()).singleElement()
        .satisfies(artifact -> {
          assertThat(artifact.key()).isEqualTo("fake/" + makeId + "/out.tgz");
          assertThat(artifact.path()).isEqualTo("/tmp/in");
          assertThat(artifact.from()).isNull();
        });
  }

  @Test
  void aMissingInputArtifactIsANodeErrorNotAnException() {
    EngineHarness harness = EngineHarness.of(MISSING);

    assertThat(harness.runToCompletion()).isEqualTo("Error");

    assertThat(harness.node("missing").message())
        .isEqualTo("inputs.artifacts.needed was not supplied");
    assertThat(harness.executor().launches()).isEmpty();
  }

  @Test
  void aGitInputSaysItIsNotSupported() {
    EngineHarness harness = EngineHarness.of(MISSING.replace(
        "path: /tmp/needed\n", "path: /tmp/needed\n        git: {repo: https://x/y.git}\n"));

    assertThat(harness.runToCompletion()).isEqualTo("Error");

    assertThat(harness.node("missing").message()).isEqualTo("inputs.artifacts.needed was not"
        + " supplied (git artifacts are not supported: use raw, http, a key or from)");
  }

  private static NodeLaunch launch(EngineHarness harness, String displayName) {
    return harness.executor().launches().stream()
        .filter(launch -> FakeExecutor.displayName(launch).equals(displayName))
        .findFirst().orElseThrow();
  }
}
