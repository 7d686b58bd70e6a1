package dev.navis.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.FieldCheck;
import dev.navis.api.ParseResult;
import dev.navis.api.ParsedResource;
import dev.navis.api.Problem;
import dev.navis.api.Resources;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.Sensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every EventSource and Sensor among Argo Events' own examples parses, with no unknown field. */
class EventsExamplesTest {

  private static final Path RELATIVE = Path.of("shared", "argo-events-examples");

  @Test
  void everyEventSourceAndSensorExampleParsesWithoutUnknownFields() throws IOException {
    List<String> problems = new ArrayList<>();
    int sources = 0;
    int sensors = 0;
    for (Path file : exampleFiles()) {
      ParseResult result = Resources.read(file);
      result.problems().forEach(problem -> problems.add(problem.toString()));
      for (ParsedResource resource : result.resources()) {
        FieldCheck.unknownFields(resource).stream().map(Problem::toString).forEach(problems::add);
        sources += resource.resource() instanceof EventSource ? 1 : 0;
        sensors += resource.resource() instanceof Sensor ? 1 : 0;
      }
    }

    assertThat(problems).isEmpty();
    assertThat(sources).isGreaterThanOrEqualTo(30);
    assertThat(sensors).isGreaterThanOrEqualTo(80);
  }

  @Test
  void webhookSourceAndSensorReadTyped() {
    Path folder = folder();
    EventSource source = (EventSource) Resources.read(folder.resolve("event-sources/webhook.yaml"))
        .resources().getFirst().resource();
    Sensor sensor = (Sensor) Resources
        .read(folder.resolve("sensors/special-workflow-trigger.yaml"))
        .resources().getFirst().resource();

    assertThat(source.spec().webhook().get("example").endpoint()).isEqualTo("/example");
    assertThat(source.spec().webhook().get("example").port()).isEqualTo("12000");
    assertThat(sensor.spec().dependencies().getFirst().eventSourceName()).isEqualTo("webhook");
    assertThat(sensor.spec().triggers().getFirst().template().argoWorkflow().operation())
        .isEqualTo("submit");
  }

  @Test
  void aMisspeltDependencyFieldIsReported() {
    String yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata: {name: s}
        spec:
          dependencies:
            - name: d
              eventSourceNam: webhook
        """;
    ParsedResource resource = Resources.parse("s.yaml", yaml).resources().getFirst();

    assertThat(FieldCheck.unknownFields(resource)).singleElement()
        .satisfies(problem -> assertThat(problem.message())
            .contains("spec.dependencies[0].eventSourceNam").contains("eventSourceName"));
  }

  private static List<Path> exampleFiles() throws IOException {
    try (Stream<Path> walk = Files.walk(folder())) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> file.toString().matches(".*\\.ya?ml$"))
          .filter(file -> !file.toString().contains("/rbac/"))
          .sorted()
          .toList();
    }
  }

  private static Path folder() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(RELATIVE))) {
        return dir.resolve(RELATIVE);
      }
    }
    throw new IllegalStateException("Argo Events examples not found above " + Path.of(""));
  }
}
