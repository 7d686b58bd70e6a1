package dev.navis.engine.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Argo's own examples are valid Argo, so they must lint clean: model and rules agree. */
class ArgoExamplesLintTest {

  @Test
  void everyArgoExampleLintsWithoutProblems() {
    LintReport report = Linter.lintPaths(List.of(ArgoExamples.folder()));

    assertThat(report.resources()).isGreaterThan(200);
    assertThat(report.problems()).extracting(Problem::format).isEmpty();
  }

  @Test
  void eachFileAlsoLintsCleanOnItsOwn() {
    for (var file : ArgoExamples.files()) {
      LintReport report = Linter.lintPaths(List.of(file));

      assertThat(report.problems()).as(file.toString()).extracting(Problem::format).isEmpty();
    }
  }
}
