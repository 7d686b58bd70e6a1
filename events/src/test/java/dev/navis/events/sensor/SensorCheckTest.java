package dev.navis.events.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.navis.api.ParsedResource;
import dev.navis.api.Resources;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.TestEvents;
import dev.navis.events.sensor.SensorCheck.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SensorCheckTest {

  @Test
  void everyArgoEventsExampleSensorHasNoErrorAndMisplacedPolicyIsAWarning() throws Exception {
    List<String> errors = new ArrayList<>();
    List<Finding> warnings = new ArrayList<>();
    Path examples = dev.navis.events.ArgoEventsExamples.folder();
    try (Stream<Path> files = Files.walk(examples)) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml$")).toList()) {
        for (ParsedResource resource : Resources.read(file).resources()) {
          if (resource.resource() instanceof Sensor sensor) {
            SensorCheck.check(sensor).forEach(finding -> {
              if (finding.warning()) {
                warnings.add(finding);
              } else {
                errors.add(file.getFileName() + ": " + finding);
              }
            });
          }
        }
      }
    }

    assertThat(errors).isEmpty();
    assertThat(warnings).extracting(Finding::path)
        .contains("spec.triggers[0].template.policy", "spec.triggers[0].template.atLeastOnce");
  }

  @Test
  void theWorkflowATriggerSubmitsIsLintedAtItsPath() {
    String sensor = """
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata: {name: s}
        spec:
          dependencies:
            - {name: a, eventSourceName: src, eventName: e}
          triggers:
            - template:
                name: t
                argoWorkflow:
                  operation: submit
                  source:
                    resource:
                      apiVersion: argoproj.io/v1alpha1
                      kind: Workflow
                      metadata: {generateName: w-}
                      spec:
                        entrypoint: nope
                        templates:
                          - {name: main, container: {image: alpine, command: ["true"]}}
        """;
    String path = "spec.triggers[0].template.argoWorkflow.source.resource.spec.entrypoint";

    assertThat(SensorCheck.errors(TestEvents.sensor(sensor)))
        .extracting(Finding::path, Finding::message)
        .containsExactly(tuple(path, "template \"nope\" not found"));

    // An event's parameter may fill in what is missing, so then it is only a warning.
    Sensor parameterized = TestEvents.sensor(sensor.replace("operation: submit", """
        operation: submit
                  parameters:
                    - src: {dependencyName: a, dataKey: body.entrypoint}
                      dest: spec.entrypoint"""));
    assertThat(SensorCheck.errors(parameterized)).isEmpty();
    assertThat(SensorCheck.check(parameterized)).extracting(Finding::path).containsExactly(path);
  }

  @Test
  void mistakesAreNamedByTheirFieldPath() {
    Sensor sensor = TestEvents.sensor("""
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata: {name: s}
        spec:
          dependencies:
            - {name: a, eventSourceName: src, eventName: e}
            - {name: a, eventSourceName: src}
          triggers:
            - template:
                name: t
                conditions: "a && (b"
                log: {}
              parameters:
                - src: {dependencyName: zed, dataKey: x}
                  dest: y
            - template: {name: u, conditions: "a || c"}
        """);

    assertThat(SensorCheck.errors(sensor)).extracting(Finding::path).containsExactly(
        "spec.dependencies[1].eventName",
        "spec.dependencies[1].name",
        "spec.triggers[0].template.conditions",
        "spec.triggers[0].parameters[0].src.dependencyName",
        "spec.triggers[1].template",
        "spec.triggers[1].template.conditions");
  }

  @Test
  void kafkaAndAwsLambdaMistakesAreNamedByTheirFieldPath() {
    Sensor sensor = TestEvents.sensor("""
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata: {name: s}
        spec:
          dependencies: [{name: a, eventSourceName: src, eventName: e}]
          triggers:
            - template:
                name: k
                kafka:
                  url: broker
                  requiredAcks: 2
                  sasl: {mechanism: GSSAPI}
                  schemaRegistry: {url: "http://127.0.0.1:8081"}
                  payload: [{src: {dependencyName: zed, dataKey: x}, dest: y}]
            - template:
                name: l
                awsLambda:
                  functionName: hello
                  invocationType: Later
                  accessKey: {name: aws, key: id}
        """);

    assertThat(SensorCheck.check(sensor)).extracting(Finding::path, Finding::warning)
        .containsExactly(
            tuple("spec.triggers[0].template.kafka.url", false),
            tuple("spec.triggers[0].template.kafka.topic", false),
            tuple("spec.triggers[0].template.kafka.requiredAcks", false),
            tuple("spec.triggers[0].template.kafka.sasl.mechanism", false),
            tuple("spec.triggers[0].template.kafka.schemaRegistry", true),
            tuple("spec.triggers[0].template.kafka.payload[0].src.dependencyName", false),
            tuple("spec.triggers[1].template.awsLambda.region", false),
            tuple("spec.triggers[1].template.awsLambda.invocationType", false),
            tuple("spec.triggers[1].template.awsLambda.secretKey", false));
  }

  @Test
  void luaAndJqThatDoNotCompileAreNamedByTheirFieldPath() {
    Sensor sensor = TestEvents.sensor("""
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata: {name: s}
        spec:
          dependencies:
            - {name: a, eventSourceName: src, eventName: e, transform: {jq: ".body |"}}
            - {name: b, eventSourceName: src, eventName: e, transform: {script: "return {"}}
            - name: c
              eventSourceName: src
              eventName: e
              transform: {jq: ".", script: "return event"}
            - {name: d, eventSourceName: src, eventName: e, transform: {jq: ".body.x *= 2"}}
            - {name: f, eventSourceName: src, eventName: e, filters: {script: "if then"}}
          triggers: [{template: {name: t, log: {}}}]
        """);

    List<Finding> findings = SensorCheck.check(sensor);

    assertThat(findings).extracting(Finding::path, Finding::warning).containsExactly(
        tuple("spec.dependencies[0].transform.jq", false),
        tuple("spec.dependencies[1].transform.script", false),
        tuple("spec.dependencies[2].transform.script", true),
        tuple("spec.dependencies[4].filters.script", false));
    assertThat(findings.get(0).message()).startsWith("does not compile:");
    assertThat(findings.get(1).message()).startsWith("does not compile:");
  }
}
