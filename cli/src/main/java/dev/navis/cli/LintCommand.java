package dev.navis.cli;

import dev.navis.api.Problem;
import dev.navis.engine.lint.LintReport;
import dev.navis.engine.lint.Linter;
import dev.navis.events.runtime.EventsLint;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code navis lint}: every problem of the given files, as {@code file:line:col: message}. */
@Command(name = "lint",
    description = "Check workflow, template, cron, sensor and event source files for problems.")
final class LintCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or folders")
  List<Path> paths;

  @Override
  public Integer call() {
    for (Path path : paths) {
      if (!Files.exists(path)) {
        throw new UserException(path + ": no such file or folder");
      }
    }
    // Sensors and event sources get the checks they get when they are created.
    LintReport report = Linter.lintPaths(paths, EventsLint::problems);
    PrintWriter out = spec.commandLine().getOut();
    List<Problem> problems = report.problems();
    long errors = problems.stream().filter(problem -> !EventsLint.isWarning(problem)).count();
    problems.forEach(problem -> out.println(problem.format()));
    if (errors == 0) {
      out.println((problems.isEmpty() ? "" : "\n") + "✔ no linting errors found!");
      out.flush();
      return 0;
    }
    out.println();
    out.println("✖ " + errors + " linting error" + (errors == 1 ? "" : "s") + " found!");
    out.flush();
    return 1;
  }
}
