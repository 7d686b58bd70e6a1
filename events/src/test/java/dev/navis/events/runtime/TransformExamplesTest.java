package dev.navis.events.runtime;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.api.model.Workflow;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.ArgoEventsExamples;
import dev.navis.events.Event;
import dev.navis.events.FakeWorkflowOperations;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.Secrets;
import dev.navis.events.sensor.SensorCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Argo Events' transform example sensor, run as it is on the in-memory bus. */
class TransformExamplesTest {

  private final InMemoryEventBus bus = new InMemoryEventBus();
  private final FakeWorkflowOperations workflows = new FakeWorkflowOperations();
  private final List<String> dropped = new CopyOnWriteArrayList<>();
  private SensorRunner runner;

  @BeforeEach
  void start() {
    Sensor sensor = ArgoEventsExamples.read("sensors/transform.yaml", Sensor.class);
    assertThat(SensorCheck.errors(sensor)).isEmpty();
    SensorListener listener = new SensorListener() {
      @Override
      public void eventFiltered(String sensor, String dependency, Event event, String reason) {
        dropped.add(dependency + ": " + reason);
      }
    };
    runner = new SensorRunner(sensor, "argo", bus, TriggerActions.standard(workflows,
        Secrets.none()), Clock.systemUTC(), Sleeper.REAL, listener);
    runner.start();
  }

  @AfterEach
  void close() {
    runner.close();
    bus.close();
  }

  private Workflow awaitWorkflow(int count) {
    await().atMost(Duration.ofSeconds(5)).until(() -> workflows.submitted.size() >= count);
    return workflows.submitted.get(count - 1);
  }

  private static String message(Workflow workflow) {
    return workflow.spec().arguments().parameters().getFirst().value();
  }

  @Test
  void luaScriptRewritesTheBodyBeforeTheTriggerReadsIt() throws Exception {
    bus.publish(null, event("webhook", "example",
        "{\"header\":{},\"body\":{\"message\":\"hello\"}}")).get();

    assertThat(message(awaitWorkflow(1))).isEqualTo("{\"message\":\"updated\"}");
  }

  @Test
  void jqProgramRewritesTheBodyBeforeTheTriggerReadsIt() throws Exception {
    bus.publish(null, event("webhook", "example-foo",
        "{\"header\":{},\"body\":{\"message\":\"hey\"}}")).get();

    assertThat(message(awaitWorkflow(1))).isEqualTo("{\"message\":\"heyhey\"}");
  }

  @Test
  void eventTheTransformCannotHandleIsDroppedWithItsReason() throws Exception {
    bus.publish(null, event("webhook", "example-foo", "[\"not\", \"an object\"]")).get();
    await().atMost(Duration.ofSeconds(5)).until(() -> !dropped.isEmpty());
    bus.publish(null, event("webhook", "example-foo",
        "{\"header\":{},\"body\":{\"message\":\"ok\"}}")).get();

    assertThat(message(awaitWorkflow(1))).isEqualTo("{\"message\":\"okok\"}");
    assertThat(workflows.submitted).hasSize(1);
    assertThat(dropped).containsExactly("test-dep-foo: transform: expected the event data to"
        + " be a JSON object, found array");
  }
}
