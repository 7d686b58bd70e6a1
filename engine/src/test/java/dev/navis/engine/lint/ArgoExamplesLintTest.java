package dev.navis.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.Problem;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Argo's own examples are valid Argo, so they must lint clean: model and rules agree. Two are
 * not: their {@code generateName} sits under labels or annotations, so they name nothing and
 * Kubernetes refuses them as well; those must get exactly that problem.
 */
class ArgoExamplesLintTest {

  private static final Set<String> NAMELESS = Set.of("fun-with-gifs.yaml", "k8s-jobs.yaml");

  private static final String NAMELESS_PROBLEM =
      "metadata: a Workflow needs metadata.name or metadata.generateName";

  @Test
  void everyArgoExampleLintsWithoutProblems() {
    LintReport report = Linter.lintPaths(List.of(ArgoExamples.folder()));

    assertThat(report.resources()).isGreaterThan(200);
    assertThat(report.problems()).extracting(Problem::format)
        .allMatch(line -> line.endsWith(NAMELESS_PROBLEM))
        .hasSize(NAMELESS.size());
  }

  @Test
  void eachFileAlsoLintsCleanOnItsOwn() {
    for (Path file : ArgoExamples.files()) {
      LintReport report = Linter.lintPaths(List.of(file));

      if (NAMELESS.contains(file.getFileName().toString())) {
        assertThat(report.problems()).as(file.toString()).extracting(Problem::message)
            .containsExactly(NAMELESS_PROBLEM);
      } else {
        assertThat(report.problems()).as(file.toString()).extracting(Problem::format)
            .isEmpty();
      }
    }
  }
}
