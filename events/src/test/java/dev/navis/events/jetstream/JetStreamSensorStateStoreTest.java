package dev.navis.events.jetstream;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.events.Event;
import dev.navis.events.NatsServers;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sensor state in a key-value bucket of the shared NATS server. */
class JetStreamSensorStateStoreTest {

  private final String busName = NatsServers.unique("state");
  private final JetStreamEventBus bus = JetStreamEventBus.connect(NatsServers.SHARED);
  private final JetStreamSensorStateStore store = JetStreamSensorStateStore.open(bus, busName);

  @AfterEach
  void deleteBucket() throws Exception {
    bus.connection().keyValueManagement()
        .delete(JetStreamSensorStateStore.bucketName(busName));
    bus.close();
  }

  @Test
  void whatWasSavedIsLoadedByAnotherProcess() {
    Event first = event("webhook", "example", "{\"body\":{\"n\":1}}");
    Event second = event("calendar", "tick", "{\"eventTime\":\"now\"}");
    store.save("argo", "my.sensor", "trigger one", Map.of("dep-a", first, "dep_b", second));
    store.save("argo", "my.sensor", "other", Map.of("dep-a", first));

    try (JetStreamEventBus another = JetStreamEventBus.connect(NatsServers.SHARED)) {
      Map<String, Map<String, Event>> loaded =
          JetStreamSensorStateStore.open(another, busName).load("argo", "my.sensor");

      assertThat(loaded).containsOnlyKeys("trigger one", "other");
      assertThat(loaded.get("trigger one"))
          .containsExactlyInAnyOrderEntriesOf(Map.of("dep-a", first, "dep_b", second));
      assertThat(loaded.get("other")).containsExactlyEntriesOf(Map.of("dep-a", first));
    }
  }

  @Test
  void savingNothingSeenForgetsTheTrigger() {
    store.save("argo", "s", "t", Map.of("d", event("webhook", "example", "{}")));

    store.save("argo", "s", "t", Map.of());

    assertThat(store.load("argo", "s")).isEmpty();
  }

  @Test
  void deletingASensorLeavesSensorsWhoseNamesItBegins() {
    Event event = event("webhook", "example", "{}");
    store.save("argo", "s", "t", Map.of("d", event));
    store.save("argo", "s.x", "t", Map.of("d", event));
    store.save("argo", "s-2", "t", Map.of("d", event));
    store.save("other", "s", "t", Map.of("d", event));

    store.delete("argo", "s");

    assertThat(store.load("argo", "s")).isEmpty();
    assertThat(store.load("argo", "s.x")).containsOnlyKeys("t");
    assertThat(store.load("argo", "s-2")).containsOnlyKeys("t");
    assertThat(store.load("other", "s")).containsOnlyKeys("t");
  }

  @Test
  void nothingSavedLoadsEmpty() {
    assertThat(store.load("argo", "never")).isEmpty();
  }
}
