package dev.navis.cli;

import dev.navis.api.ParseResult;
import dev.navis.api.ParsedResource;
import dev.navis.api.Problem;
import dev.navis.api.Resources;
import dev.navis.engine.lint.Linter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Reads the files a command is given, and refuses them all, with every problem found, when any
 * is malformed or fails lint: nothing of a bad submission is stored.
 */
final class ResourceFiles {

  private ResourceFiles() {}

  static List<ParsedResource> readValid(List<Path> files, PrintWriter err) {
    return readValid(files, err, UnaryOperator.identity());
  }

  /**
   * Like {@link #readValid(List, PrintWriter)}, linting each resource as {@code adjust} turns
   * it (for example with the submitter's parameters in its arguments).
   */
  static List<ParsedResource> readValid(List<Path> files, PrintWriter err,
      UnaryOperator<ParsedResource> adjust) {
    List<ParsedResource> resources = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        throw new UserException(file + ": no such file");
      }
      ParseResult parsed = Resources.read(file);
      parsed.resources().forEach(resource -> resources.add(adjust.apply(resource)));
      problems.addAll(parsed.problems());
    }
    if (problems.isEmpty()) {
      problems.addAll(Linter.lint(resources));
    }
    if (!problems.isEmpty()) {
      problems.forEach(problem -> err.println(problem.format()));
      err.flush();
      throw new UserException(problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
          + " found; nothing was submitted");
    }
    return resources;
  }
}
