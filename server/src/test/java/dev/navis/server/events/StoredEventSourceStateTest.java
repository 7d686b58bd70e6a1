package dev.navis.server.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.navis.api.Codec;
import dev.navis.api.model.events.EventSource;
import dev.navis.events.source.EventSourceState.EventSourceStateException;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredEventSourceStateTest {

  @TempDir Path home;

  @Test
  void savedValuesSurviveAReopenedStoreAndKeepEachOther() throws Exception {
    try (WorkflowStore store = Stores.open("h2:" + home.resolve("navis"))) {
      store.resources().create(EventSource.KIND, "team-a", Codec.json().readTree("""
          {"apiVersion": "argoproj.io/v1alpha1", "kind": "EventSource",
           "metadata": {"name": "ticks", "namespace": "team-a"},
           "spec": {"calendar": {"nightly": {"schedule": "0 3 * * *"}}}}
          """));
      StoredEventSourceState state = new StoredEventSourceState(store.resources());
      state.save("team-a", "ticks", "calendar.nightly", "2026-12-04T03:00:00Z");
      state.save("team-a", "ticks", "calendar.hourly", "2026-12-04T05:00:00Z");
      state.save("team-a", "ticks", "calendar.nightly", "2026-12-05T03:00:00Z");
    }

    try (WorkflowStore store = Stores.open("h2:" + home.resolve("navis"))) {
      StoredEventSourceState state = new StoredEventSourceState(store.resources());
      assertThat(state.load("team-a", "ticks", "calendar.nightly"))
          .contains("2026-12-05T03:00:00Z");
      assertThat(state.load("team-a", "ticks", "calendar.hourly"))
          .contains("2026-12-04T05:00:00Z");
      assertThat(state.load("team-a", "ticks", "calendar.weekly")).isEmpty();
      assertThat(state.load("team-b", "ticks", "calendar.nightly")).isEmpty();
    }
  }

  @Test
  void savingForAnEventSourceThatIsNotStoredSaysSo() {
    try (WorkflowStore store = Stores.open("h2:" + home.resolve("navis"))) {
      StoredEventSourceState state = new StoredEventSourceState(store.resources());
      assertThatThrownBy(() -> state.save("default", "ghost", "calendar.x", "now"))
          .isInstanceOf(EventSourceStateException.class).hasMessageContaining("default/ghost");
    }
  }
}
