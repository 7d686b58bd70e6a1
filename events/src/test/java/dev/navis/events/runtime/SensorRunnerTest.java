package dev.navis.events.runtime;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.api.model.Workflow;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.Event;
import dev.navis.events.FakeWorkflowOperations;
import dev.navis.events.InMemoryEventBus;
import dev.navis.events.Secrets;
import dev.navis.events.TestEvents;
import dev.navis.events.trigger.ArgoWorkflowTriggerAction;
import dev.navis.events.trigger.TriggerOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SensorRunnerTest {

  private static final String SENSOR = """
      apiVersion: argoproj.io/v1alpha1
      kind: Sensor
      metadata: {name: orders}
      spec:
        dependencies:
          - name: order
            eventSourceName: shop
            eventName: order
            filters:
              data:
                - {path: body.total, type: number, comparator: ">=", value: ["10"]}
        triggers:
          - template:
              name: fulfil
              argoWorkflow:
                operation: submit
                source:
                  resource:
                    apiVersion: argoproj.io/v1alpha1
                    kind: Workflow
                    metadata: {generateName: fulfil-}
                    spec:
                      entrypoint: main
                      arguments:
                        parameters: [{name: order, value: none}]
                      templates: [{name: main, container: {image: alpine}}]
                parameters:
                  - src: {dependencyName: order, dataKey: body.id}
                    dest: spec.arguments.parameters.0.value
            retryStrategy: {steps: 3, duration: 1s, factor: 2}
            atLeastOnce: true
            dlqTrigger:
              template:
                name: dead-letter
                log: {}
      """;

  private final InMemoryEventBus bus = new InMemoryEventBus(1000, Duration.ofMillis(20));
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final List<TriggerRun> runs = new CopyOnWriteArrayList<>();
  private final List<String> filtered = new CopyOnWriteArrayList<>();
  private SensorRunner runner;

  @AfterEach
  void close() {
    runner.close();
    bus.close();
  }

  private void start(Sensor sensor, TriggerActions actions) {
    runner = new SensorRunner(sensor, "ns", bus, actions, Clock.systemUTC(), waits::add,
        new SensorListener() {
          @Override
          public void eventFiltered(String s, String dependency, Event event, String reason) {
            filtered.add(reason);
          }

          @Override
          public void triggerRan(TriggerRun run) {
            runs.add(run);
          }
        });
    runner.start();
  }

  @Test
  void submitsAParameterizedLabelledWorkflowAfterRetries() throws Exception {
    FakeWorkflowOperations workflows = new FakeWorkflowOperations(2);
    start(TestEvents.sensor(SENSOR), TriggerActions.standard(workflows, Secrets.none()));
    Event order = event("shop", "order", "{\"body\":{\"id\":\"A-17\",\"total\":12}}");

    bus.publish(null, event("shop", "order", "{\"body\":{\"id\":\"A-16\",\"total\":3}}")).get();
    bus.publish(null, order).get();

    await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
    Workflow workflow = workflows.submitted.getFirst();
    assertThat(workflow.spec().arguments().parameters().getFirst().value()).isEqualTo("A-17");
    assertThat(workflow.metadata().labels())
        .containsEntry(ArgoWorkflowTriggerAction.SENSOR_LABEL, "orders")
        .containsEntry(ArgoWorkflowTriggerAction.TRIGGER_LABEL, "fulfil")
        .containsEntry(ArgoWorkflowTriggerAction.EVENT_ID_LABEL, order.id());
    assertThat(runs.getFirst().attempts()).isEqualTo(3);
    assertThat(runs.getFirst().succeeded()).isTrue();
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(filtered).singleElement().asString().contains("body.total");
  }

  @Test
  void anEventAcceptedAfterTheSensorWasCreatedButBeforeItStartedIsNotMissed() throws Exception {
    Instant created = Instant.now();
    Thread.sleep(50);
    Event order = event("shop", "order", "{\"body\":{\"id\":\"C-1\",\"total\":50}}");
    bus.publish(null, order).get();

    FakeWorkflowOperations workflows = new FakeWorkflowOperations();
    Sensor sensor = TestEvents.sensor(SENSOR.replace("metadata: {name: orders}",
        "metadata: {name: orders, creationTimestamp: \"" + created + "\"}"));
    start(sensor, TriggerActions.standard(workflows, Secrets.none()));

    await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
    assertThat(workflows.submitted.getFirst().metadata().labels())
        .containsEntry(ArgoWorkflowTriggerAction.EVENT_ID_LABEL, order.id());
  }

  @Test
  void aTriggerThatKeepsFailingGoesToItsDeadLetterTrigger() throws Exception {
    FakeWorkflowOperations workflows = new FakeWorkflowOperations(10);
    start(TestEvents.sensor(SENSOR), TriggerActions.standard(workflows, Secrets.none()));

    bus.publish(null, event("shop", "order", "{\"body\":{\"id\":\"B-1\",\"total\":99}}")).get();

    await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);
    TriggerRun run = runs.getFirst();
    assertThat(run.succeeded()).isFalse();
    assertThat(run.attempts()).isEqualTo(3);
    assertThat(run.detail()).contains("the store is busy");
    assertThat(run.deadLetter()).isNotNull();
    assertThat(run.deadLetter().trigger()).isEqualTo("dead-letter");
    assertThat(run.deadLetter().succeeded()).isTrue();
    assertThat(workflows.submitted).isEmpty();
  }

  @Test
  void anAtLeastOnceTriggerWithNowhereToGoGetsTheEventAgain() throws Exception {
    String noDeadLetter = SENSOR.substring(0, SENSOR.indexOf("      dlqTrigger:"));
    List<String> attempts = new CopyOnWriteArrayList<>();
    TriggerActions actions = TriggerActions.standard(new FakeWorkflowOperations(),
        Secrets.none()).with("argoWorkflow", request -> {
          attempts.add(request.triggeringEvent().id());
          return attempts.size() < 2 ? TriggerOutcome.failed("down")
              : TriggerOutcome.succeeded("up");
        });
    start(TestEvents.sensor(noDeadLetter.replace("steps: 3", "steps: 1")), actions);
    Event order = event("shop", "order", "{\"body\":{\"id\":\"C-1\",\"total\":10}}");

    bus.publish(null, order).get();

    await().atMost(Duration.ofSeconds(5)).until(() -> attempts.size() == 2);
    assertThat(attempts).containsOnly(order.id());
  }
}
