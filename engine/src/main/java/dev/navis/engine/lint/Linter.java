package dev.navis.engine.lint;

import dev.navis.api.FieldCheck;
import dev.navis.api.ParseResult;
import dev.navis.api.ParsedResource;
import dev.navis.api.Problem;
import dev.navis.api.Resources;
import dev.navis.api.model.CronWorkflow;
import dev.navis.api.model.ObjectMeta;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowSpec;
import dev.navis.api.model.WorkflowTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Offline checks of Argo resources, as {@code argo lint} makes them: unknown fields, unknown
 * templates, malformed bodies, names, DAG dependencies, required inputs, enumerations and
 * durations. Every problem is reported, none throws.
 */
public final class Linter {

  private Linter() {}

  /** Every problem of the resources; templateRefs resolve among them. */
  public static List<Problem> lint(List<ParsedResource> resources) {
    Catalog catalog = new Catalog(resources);
    List<Problem> problems = new ArrayList<>();
    for (ParsedResource resource : resources) {
      problems.addAll(FieldCheck.unknownFields(resource));
      lintResource(resource, catalog, problems);
    }
    return List.copyOf(new LinkedHashSet<>(problems));
  }

  /**
   * Reads and lints files and folders (folders recursively: *.yaml, *.yml, *.json); problems
   * come sorted by file, line and column.
   */
  public static LintReport lintPaths(List<Path> filesOrDirs) {
    return lintPaths(filesOrDirs, resource -> List.of());
  }

  /**
   * Like {@link #lintPaths(List)}, with the problems {@code more} finds in each resource (the
   * checks of kinds this module does not know, such as sensors) among them.
   */
  public static LintReport lintPaths(List<Path> filesOrDirs,
      Function<ParsedResource, List<Problem>> more) {
    List<Problem> problems = new ArrayList<>();
    List<ParsedResource> resources = new ArrayList<>();
    for (Path file : expand(filesOrDirs, problems)) {
      ParseResult parsed = Resources.read(file);
      resources.addAll(parsed.resources());
      problems.addAll(parsed.problems());
    }

    problems.addAll(lint(resources));
    resources.forEach(resource -> problems.addAll(more.apply(resource)));
    problems.sort(Comparator.comparing(Problem::file)
        .thenComparingInt(Problem::line)
        .thenComparingInt(Problem::column));
    return new LintReport(problems, resources.size());
  }

  private static void lintResource(
      ParsedResource resource, Catalog catalog, List<Problem> problems) {
    lintName(resource, problems);
    switch (resource.resource()) {
      case Workflow workflow -> lintSpec(resource, workflow.spec(), "spec", true, catalog,
          problems);
      case WorkflowTemplate template -> lintSpec(resource, template.spec(), "spec", false,
          catalog, problems);
      case CronWorkflow cron when cron.spec() != null -> {
        Scope scope = lintSpec(resource, cron.spec().workflowSpec(), "spec.workflowSpec", true,
            catalog, problems);
        CronLinter.lintCron(scope, cron.spec());
      }
      case CronWorkflow cron -> problems.add(resource.problem("spec",
          "expected a CronWorkflow spec, found none"));
      case null, default -> { }
    }
  }

  /** Kubernetes refuses an object that names itself neither way; so does every store. */
  private static void lintName(ParsedResource resource, List<Problem> problems) {
    ObjectMeta metadata;
    switch (resource.resource()) {
      case Workflow workflow -> metadata = workflow.metadata();
      case WorkflowTemplate template -> metadata = template.metadata();
      case CronWorkflow cron -> metadata = cron.metadata();
      case null, default -> {
        return;
      }
    }
    if (metadata == null || (isBlank(metadata.name()) && isBlank(metadata.generateName()))) {
      problems.add(resource.problem("metadata", "a " + resource.kind()
          + " needs metadata.name or metadata.generateName"));
    }
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static Scope lintSpec(ParsedResource resource, WorkflowSpec spec, String specPath,
      boolean runnable, Catalog catalog, List<Problem> problems) {
    Scope scope = new Scope(resource, spec, specPath, catalog, problems);
    if (spec == null) {
      problems.add(resource.problem(specPath, "expected a workflow spec, found none"));
    } else {
      SpecLinter.lintSpec(scope, runnable);
    }
    return scope;
  }

  private static List<Path> expand(List<Path> filesOrDirs, List<Problem> problems) {
    List<Path> files = new ArrayList<>();
    for (Path path : filesOrDirs) {
      if (Files.isDirectory(path)) {
        files.addAll(walk(path, problems));
      } else if (Files.exists(path)) {
        files.add(path);
      } else {
        problems.add(new Problem(path.toString(), 0, 0, "", "no such file or folder"));
      }
    }
    return files;
  }

  private static List<Path> walk(Path folder, List<Problem> problems) {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> file.getFileName().toString().matches(".*\\.(ya?ml|json)"))
          .sorted()
          .toList();
    } catch (IOException e) {
      problems.add(new Problem(folder.toString(), 0, 0, "", "cannot read folder: "
          + e.getMessage()));
      return List.of();
    }
  }
}
