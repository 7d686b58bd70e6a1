package dev.navis.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every field Argo's own examples use must be one the model knows. */
class ArgoExamplesTest {

  @Test
  void everyExampleParsesWithoutUnknownFields() {
    List<String> problems = new ArrayList<>();
    int resources = 0;
    for (Path file : ArgoExamples.files()) {
      ParseResult result = Resources.read(file);
      result.problems().forEach(problem -> problems.add(problem.format()));
      for (ParsedResource resource : result.resources()) {
        FieldCheck.unknownFields(resource).forEach(problem -> problems.add(problem.format()));
        resources++;
      }
    }

    assertThat(resources).isGreaterThan(200);
    assertThat(problems).isEmpty();
  }
}
