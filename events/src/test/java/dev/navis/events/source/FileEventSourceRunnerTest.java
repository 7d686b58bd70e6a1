package dev.navis.events.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.Resources;
import dev.navis.api.model.events.EventDependency;
import dev.navis.api.model.events.EventSource;
import dev.navis.events.Event;
import dev.navis.events.InMemoryEventBus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEventSourceRunnerTest {

  @TempDir
  Path folder;

  @Test
  void aCreatedFileMatchingThePatternBecomesAnEvent() throws Exception {
    EventSource source = Resources.parse("f.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: drop}
        spec:
          file:
            csv:
              eventType: CREATE
              watchPathConfig: {directory: "%s", pathRegexp: ".*\\\\.csv"}
            broken:
              watchPathConfig: {directory: "%s/missing", path: x}
        """.formatted(folder, folder)).resources().getFirst().as(EventSource.class);
    LinkedBlockingQueue<Event> received = new LinkedBlockingQueue<>();

    try (InMemoryEventBus bus = new InMemoryEventBus()) {
      bus.subscribe(null, "s", new EventDependency("d", "drop", "csv", null, null, null),
          delivery -> {
            received.add(delivery.event());
            delivery.ack();
          });
      try (FileEventSourceRunner runner = FileEventSourceRunner.start(source, bus,
          Clock.systemUTC())) {
        Files.writeString(folder.resolve("notes.txt"), "ignored");
        Files.writeString(folder.resolve("orders.csv"), "a,b");
        Event event = received.poll(10, TimeUnit.SECONDS);

        assertThat(runner.problems()).singleElement().asString()
            .startsWith("spec.file.broken.watchPathConfig.directory");
        assertThat(event.context().type()).isEqualTo("file");
        assertThat(event.data().get("name").asText())
            .isEqualTo(folder.resolve("orders.csv").toString());
        assertThat(event.data().get("op").asText()).isEqualTo("CREATE");
        assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
      }
    }
  }
}
