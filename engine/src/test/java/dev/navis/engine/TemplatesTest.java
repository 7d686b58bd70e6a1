package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.Codec;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.engine.spi.NodeResult;
import dev.navis.engine.testing.EngineHarness;
import dev.navis.engine.testing.FakeExecutor;
import dev.navis.engine.testing.Outcome;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplatesTest {

  private static final String STORED = """
      apiVersion: argoproj.io/v1alpha1
      kind: WorkflowTemplate
      metadata: {name: shared, namespace: argo}
      spec:
        entrypoint: hello
        arguments: {parameters: [{name: who, value: stored}]}
        templates:
        - name: hello
          inputs: {parameters: [{name: who, default: world}]}
          steps:
          - - name: say
              template: say
              arguments: {parameters: [{name: who, value: "{{inputs.parameters.who}}"}]}
        - name: say
          inputs: {parameters: [{name: who}]}
          container: {image: busybox, command: [echo, "hello {{inputs.parameters.who}}"]}
      """;

  private static WorkflowTemplate stored() throws IOException {
    return Codec.yaml().readValue(STORED, WorkflowTemplate.class);
  }

  @Test
  void templateRefRunsAStoredTemplateWhoseCallsResolveInIt() throws IOException {
    String yaml = """
        metadata: {name: ref}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: call
                templateRef: {name: shared, template: hello}
                arguments: {parameters: [{name: who, value: ref}]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);
    harness.ports().template(stored());

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.executor().launches().get(0).template().container().command())
        .containsExactly("echo", "hello ref");
    assertThat(harness.node("ref[0].call").templateRef().name()).isEqualTo("shared");
  }

  @Test
  void aMissingTemplateRefIsAnErrorNamingIt() {
    String yaml = """
        metadata: {name: noref}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: call, templateRef: {name: absent, template: hello}}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.node("noref[0].call").phase()).isEqualTo("Error");
    assertThat(harness.node("noref[0].call").message())
        .isEqualTo("WorkflowTemplate 'absent' not found");
  }

  @Test
  void workflowTemplateRefRunsTheStoredSpecWithTheWorkflowsArguments() throws IOException {
    String yaml = """
        metadata: {name: fromtemplate}
        spec:
          workflowTemplateRef: {name: shared}
          arguments: {parameters: [{name: who, value: submitter}]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);
    harness.ports().template(stored());

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.executor().launches().get(0).template().container().command())
        .containsExactly("echo", "hello submitter");
  }

  @Test
  void aMissingTemplateEndsTheStepInError() {
    String yaml = """
        metadata: {name: missing}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: a, template: nowhere}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.node("missing[0].a").message()).isEqualTo("template 'nowhere' not found");
  }

  @Test
  void aMissingEntrypointIsAnError() {
    EngineHarness harness = EngineHarness.of("""
        metadata: {name: noentry}
        spec: {entrypoint: absent, templates: []}
        """);

    assertThat(harness.runToCompletion()).isEqualTo("Error");

    assertThat(harness.status().message()).isEqualTo("template 'absent' not found");
  }

  @Test
  void parametersAreCheckedAgainstTheirEnumAndPresence() {
    String yaml = """
        metadata: {name: params}
        spec:
          entrypoint: main
          arguments: {parameters: [{name: color, value: purple}]}
          templates:
          - name: main
            inputs:
              parameters:
              - {name: color, enum: [red, green]}
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Error");

    assertThat(harness.status().message())
        .isEqualTo("value 'purple' of inputs.parameters.color is not one of [red, green]");
  }

  @Test
  void anUnsuppliedParameterIsAnError() {
    String yaml = """
        metadata: {name: unsupplied}
        spec:
          entrypoint: main
          templates:
          - name: main
            inputs: {parameters: [{name: needed}]}
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Error");

    assertThat(harness.status().message()).isEqualTo("inputs.parameters.needed was not supplied");
  }

  @Test
  void anUnresolvableVariableIsAnErrorNamingIt() {
    String yaml = """
        metadata: {name: unresolved}
        spec:
          entrypoint: main
          templates:
          - name: main
            container: {image: busybox, command: [echo, "{{workflow.parameters.nope}}"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Error");

    assertThat(harness.status().message()).contains("workflow.parameters.nope");
  }

  @Test
  void kubernetesOnlyFieldsAreNamedOnceInTheMessage() {
    String yaml = """
        metadata: {name: k8s}
        spec:
          entrypoint: main
          templates:
          - name: main
            nodeSelector: {disk: ssd}
            volumes: [{name: v, emptyDir: {}}]
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);
    harness.reconcile();

    assertThat(harness.node("k8s").message())
        .isEqualTo("ignored on a host: volumes, nodeSelector");
    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(harness.node("k8s").message())
        .isEqualTo("ignored on a host: volumes, nodeSelector");
  }

  @Test
  void workflowLevelPodFieldsAreNamedToo() {
    String yaml = """
        metadata: {name: k8s-wf}
        spec:
          entrypoint: main
          imagePullSecrets: [{name: registry}]
          dnsConfig: {nameservers: [1.2.3.4]}
          templates:
          - name: main
            tolerations: [{key: gpu, operator: Exists}]
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");
    assertThat(harness.node("k8s-wf").message()).isEqualTo(
        "ignored on a host: spec.imagePullSecrets, spec.dnsConfig, tolerations");
  }

  @Test
  void containerSetMakesOneLaunchAndContainerChildren() {
    String yaml = """
        metadata: {name: cs}
        spec:
          entrypoint: main
          templates:
          - name: main
            containerSet:
              containers:
              - {name: a, image: busybox, command: [echo]}
              - {name: b, image: busybox, command: [echo], dependencies: [a]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);
    harness.reconcile();
    var launch = harness.executor().launches().get(0);
    var now = harness.now();

    harness.reconcile(new Occurrence.NodeEnded(new NodeResult(launch.workflowUid(),
        launch.nodeId(), "Succeeded", 0, "out", Map.of(), null, now, now,
        List.of(new NodeResult.ContainerResult("a", "Succeeded", 0, null, now, now),
            new NodeResult.ContainerResult("b", "Succeeded", 0, null, now, now)))));

    assertThat(harness.phase()).isEqualTo("Succeeded");
    assertThat(harness.node("cs.a").type()).isEqualTo("Container");
    assertThat(harness.node("cs").children())
        .containsExactly(harness.node("cs.a").id(), harness.node("cs.b").id());
  }

  @Test
  void variablesOfTheWorkflowAreAvailable() {
    String yaml = """
        metadata: {name: vars, labels: {team: data}}
        spec:
          entrypoint: main
          arguments: {parameters: [{name: p, value: one}]}
          templates:
          - name: main
            inputs: {parameters: [{name: p}]}
            container:
              image: busybox
              command:
              - "{{workflow.name}}/{{workflow.namespace}}/{{workflow.labels.team}}"
              - "{{workflow.parameters.p}}/{{inputs.parameters.p}}/{{pod.name}}"
              - "{{workflow.creationTimestamp.Y}}"
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    harness.runToCompletion();

    assertThat(harness.executor().launches().get(0).template().container().command())
        .containsExactly("vars/argo/data", "one/one/vars", "2026");
  }

  @Test
  void inlineTemplatesRun() {
    String yaml = """
        metadata: {name: inline}
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - name: a
                arguments: {parameters: [{name: x, value: "7"}]}
                inline:
                  inputs: {parameters: [{name: x}]}
                  container: {image: busybox, command: [echo, "{{inputs.parameters.x}}"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.executor().launches().get(0).template().container().command())
        .containsExactly("echo", "7");
  }

  @Test
  void whenFalseSkipsWithArgosMessage() {
    String yaml = """
        metadata: {name: when}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: flip, template: work}
            - - {name: heads, template: work, when: "{{steps.flip.outputs.result}} == heads"}
              - {name: tails, template: work, when: "{{steps.flip.outputs.result}} == tails"}
          - name: work
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml)
        .executor(new FakeExecutor().on("flip", Outcome.succeeded("heads")));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.phaseOf("when[1].heads")).isEqualTo("Succeeded");
    assertThat(harness.phaseOf("when[1].tails")).isEqualTo("Skipped");
    assertThat(harness.node("when[1].tails").message())
        .isEqualTo("when 'heads == tails' evaluated false");
  }
}
