package dev.navis.events.runtime;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.api.model.Workflow;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.ArgoEventsExamples;
import dev.navis.events.FakeWorkflowOperations;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.Secrets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argo Events' parameterization and trigger-conditions tutorials, run on the in-memory bus. */
class TutorialExamplesTest {

  private final InMemoryEventBus bus = new InMemoryEventBus();
  private final FakeWorkflowOperations workflows = new FakeWorkflowOperations();
  private SensorRunner runner;

  @AfterEach
  void close() {
    runner.close();
    bus.close();
  }

  private void start(String file) {
    Sensor sensor = ArgoEventsExamples.read("tutorials/" + file, Sensor.class);
    runner = new SensorRunner(sensor, "argo", bus, TriggerActions.standard(workflows,
        Secrets.none()), Clock.systemUTC(), Sleeper.REAL, SensorListener.NONE);
    runner.start();
  }

  private Workflow awaitWorkflow(int count) {
    await().atMost(Duration.ofSeconds(5)).until(() -> workflows.submitted.size() >= count);
    return workflows.submitted.get(count - 1);
  }

  private static String message(Workflow workflow) {
    return workflow.spec().arguments().parameters().getFirst().value();
  }

  private static String firstArg(Workflow workflow) {
    return workflow.spec().templates().getFirst().container().args().getFirst();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "02-parameterization/sensor-02.yaml | {\"message\":\"hey!!\"} | hey!!",
      "02-parameterization/sensor-03.yaml | {\"message\":\"hey!!\"} | wow! a default value.",
      "02-parameterization/sensor-04.yaml | {\"message\":\"hey!!\"} | hey!!hello world",
      "02-parameterization/sensor-05.yaml | {\"dependencyName\":\"test-dep\",\"dataKey\":"
          + "\"body.name\",\"dest\":\"spec.arguments.parameters.0.value\","
          + "\"name\":\"Ann\"} | Ann"})
  void parameterizationTutorial(String file, String body, String expected) throws Exception {
    start(file);

    bus.publish(null, event("webhook", "example", "{\"header\":{},\"body\":" + body + "}"))
        .get();

    assertThat(message(awaitWorkflow(1))).isEqualTo(expected);
  }

  @Test
  void triggerConditionsTutorialFiresOnlyTheTriggerItsEventSatisfies() throws Exception {
    start("06-trigger-conditions/sensor-01.yaml");

    bus.publish(null, event("minio", "example",
        "{\"notification\":[{\"s3\":{\"bucket\":{\"name\":\"input\"}}}]}")).get();
    Workflow fromMinio = awaitWorkflow(1);
    bus.publish(null, event("webhook", "example", "{\"body\":{\"message\":\"hi\"}}")).get();
    Workflow fromWebhook = awaitWorkflow(2);

    assertThat(fromMinio.metadata().generateName()).isEqualTo("group-2-");
    assertThat(firstArg(fromMinio)).isEqualTo("input");
    assertThat(fromWebhook.metadata().generateName()).isEqualTo("group-1-");
    assertThat(firstArg(fromWebhook)).isEqualTo("hi");
  }
}
