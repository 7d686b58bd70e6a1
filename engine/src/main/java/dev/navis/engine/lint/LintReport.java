package dev.navis.engine.lint;

import dev.navis.api.Problem;
import java.util.List;

/** What linting files found: every problem, in file and line order, and how many resources. */
public record LintReport(List<Problem> problems, int resources) {

  public LintReport {
    problems = List.copyOf(problems);
  }

  /** Whether nothing is wrong. */
  public boolean clean() {
    return problems.isEmpty();
  }
}
