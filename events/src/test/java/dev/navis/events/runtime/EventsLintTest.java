package dev.navis.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.ParsedResource;
import dev.navis.api.Problem;
import dev.navis.api.Resources;
import dev.navis.events.ArgoEventsExamples;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventsLintTest {

  @Test
  void findingsLandOnTheLineOfTheirField() {
    ParsedResource sensor = Resources.read(ArgoEventsExamples.folder()
        .resolve("sensors/trigger-with-atleast-once-semantics.yaml")).resources().getFirst();
    ParsedResource source = Resources.parse("s.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: s}
        spec:
          webhook:
            hook:
              port: "12000"
              endpoint: no-slash
        """).resources().getFirst();

    List<Problem> sensorProblems = EventsLint.problems(sensor);
    List<Problem> sourceProblems = EventsLint.problems(source);

    assertThat(sensorProblems).singleElement().satisfies(problem -> {
      assertThat(problem.field()).isEqualTo("spec.triggers[0].template.atLeastOnce");
      assertThat(problem.line()).isGreaterThan(1);
      assertThat(problem.message()).contains("warning: atLeastOnce belongs to the trigger");
    });
    assertThat(sourceProblems).singleElement().satisfies(problem -> {
      assertThat(problem.line()).isEqualTo(8);
      assertThat(problem.message()).contains("expected a path starting with /");
    });
  }
}
