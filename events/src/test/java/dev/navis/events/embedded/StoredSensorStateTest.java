package dev.navis.events.embedded;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.navis.api.model.events.Sensor;
import dev.navis.events.Event;
import dev.navis.events.TestEvents;
import dev.navis.events.runtime.SensorListener;
import dev.navis.events.runtime.SensorRunner;
import dev.navis.events.runtime.TriggerActions;
import dev.navis.events.runtime.TriggerRun;
import dev.navis.events.trigger.TriggerOutcome;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sensor's partly met conditions, kept in the store, survive a restart of the process. */
class StoredSensorStateTest {

  private static final Sensor SENSOR = TestEvents.sensor("""
      apiVersion: argoproj.io/v1alpha1
      kind: Sensor
      metadata: {name: pair}
      spec:
        dependencies:
          - {name: left, eventSourceName: shop, eventName: left}
          - {name: right, eventSourceName: shop, eventName: right}
        triggers:
          - template: {name: both, conditions: "left && right", log: {}}
      """);

  @TempDir
  Path home;

  private final List<TriggerRun> runs = new CopyOnWriteArrayList<>();
  private final List<Map<String, Event>> fired = new CopyOnWriteArrayList<>();

  private SensorRunner runner(WorkflowStore store, JournalEventBus bus) {
    TriggerActions actions = TriggerActions.standard(null, null).with("log", request -> {
      fired.add(request.events());
      return TriggerOutcome.succeeded("logged");
    });
    return new SensorRunner(SENSOR, "ns", bus, new StoredSensorStateStore(store.sensorStates()),
        actions, Clock.systemUTC(), duration -> {}, new SensorListener() {
          @Override
          public void triggerRan(TriggerRun run) {
            runs.add(run);
          }
        });
  }

  @Test
  void aHalfMetConditionIsCompletedAfterARestart() throws Exception {
    Event left = event("shop", "left", "{\"side\":\"left\"}");
    try (WorkflowStore store = Stores.open("h2:" + home + "/");
        JournalEventBus bus = new JournalEventBus(store.events());
        SensorRunner first = runner(store, bus)) {
      first.start();
      bus.publish(null, left).get();
      await().atMost(Duration.ofSeconds(5)).until(() ->
          store.sensorStates().load("ns", "pair").getOrDefault("both", "{}").contains("left"));
    }
    assertThat(fired).isEmpty();

    Event right = event("shop", "right", "{\"side\":\"right\"}");
    try (WorkflowStore store = Stores.open("h2:" + home + "/");
        JournalEventBus bus = new JournalEventBus(store.events());
        SensorRunner second = runner(store, bus)) {
      second.start();
      bus.publish(null, right).get();
      await().atMost(Duration.ofSeconds(5)).until(() -> runs.size() == 1);

      assertThat(fired.getFirst()).isEqualTo(Map.of("left", left, "right", right));
      assertThat(store.sensorStates().load("ns", "pair").get("both")).isEqualTo("{}");
    }
  }
}
