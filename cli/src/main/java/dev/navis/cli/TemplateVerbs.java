package dev.navis.cli;

import dev.navis.api.ParsedResource;
import dev.navis.api.Problem;
import dev.navis.api.model.ObjectMeta;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.controller.templates.WorkflowTemplates;
import dev.navis.engine.lint.LintReport;
import dev.navis.engine.lint.Linter;
import dev.navis.store.NameConflictException;
import dev.navis.store.ResourceNotFoundException;
import dev.navis.store.StaleResourceException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The verbs {@code template} and {@code cluster-template} share, written once: each subclass
 * says which of the two kinds it handles.
 */
final class TemplateVerbs {

  private TemplateVerbs() {}

  /** What every verb has: the kind, the output streams, the namespace. */
  abstract static class Verb implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    private final boolean cluster;

    Verb(boolean cluster) {
      this.cluster = cluster;
    }

    boolean cluster() {
      return cluster;
    }

    String kind() {
      return WorkflowTemplates.kind(cluster);
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    /** The namespace option of namespaced verbs; cluster verbs have none. */
    String namespaceOption() {
      return null;
    }

    WorkflowTemplates templates(Session session) {
      return new WorkflowTemplates(session.store().resources());
    }

    String namespace(Session session) {
      return cluster ? null : session.namespace(namespaceOption());
    }
  }

  /** {@code create FILE...}: stores new templates; refuses them all if any is invalid. */
  abstract static class Create extends Verb {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Template YAML or JSON")
    List<Path> files;

    @Option(names = {"-o", "--output"}, description = "name|json|yaml|wide")
    String output;

    Create(boolean cluster) {
      super(cluster);
    }

    @Override
    public Integer call() {
      ResourcePrinter.check(output);
      List<WorkflowTemplate> read = templatesIn(this, files);
      try (Session session = new Session()) {
        for (WorkflowTemplate template : read) {
          print(this, store(session, template), output);
        }
      }
      return 0;
    }

    WorkflowTemplate store(Session session, WorkflowTemplate template) {
      try {
        return templates(session).create(template, namespace(session));
      } catch (NameConflictException e) {
        throw new UserException(e.getMessage() + "; use update to change it");
      }
    }
  }

  /** {@code update FILE...}: replaces stored templates by name. */
  abstract static class Update extends Create {

    Update(boolean cluster) {
      super(cluster);
    }

    @Override
    WorkflowTemplate store(Session session, WorkflowTemplate template) {
      try {
        return templates(session).update(template, namespace(session));
      } catch (ResourceNotFoundException e) {
        throw new UserException(e.getMessage() + "; use create to add it");
      } catch (StaleResourceException e) {
        throw new UserException(e.getMessage());
      }
    }
  }

  /** {@code get NAME...}. */
  abstract static class Get extends Verb {

    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Option(names = {"-o", "--output"}, description = "name|json|yaml|wide")
    String output;

    Get(boolean cluster) {
      super(cluster);
    }

    @Override
    public Integer call() {
      ResourcePrinter.check(output);
      try (Session session = new Session()) {
        for (String name : names) {
          WorkflowTemplate template = templates(session)
              .get(cluster(), namespace(session), name)
              .orElseThrow(() -> new UserException(
                  new ResourceNotFoundException(kind(), namespace(session), name).getMessage()));
          print(this, template, output);
        }
      }
      return 0;
    }
  }

  /** {@code list}: templates by name. */
  abstract static class ListVerb extends Verb {

    @Option(names = {"-o", "--output"}, description = "name|json|yaml|wide")
    String output;

    @Option(names = {"-l", "--selector"}, description = "Label selector (a=b,c!=d,...)")
    String selector;

    ListVerb(boolean cluster) {
      super(cluster);
    }

    /** Whether {@code -A} asked for every namespace; cluster verbs have none. */
    boolean allNamespaces() {
      return false;
    }

    private String listedNamespace(Session session) {
      return allNamespaces() ? null : namespace(session);
    }

    @Override
    public Integer call() {
      ResourcePrinter.check(output);
      try (Session session = new Session()) {
        List<WorkflowTemplate> found;
        try {
          found = templates(session).list(cluster(), listedNamespace(session), selector);
        } catch (IllegalArgumentException badSelector) {
          throw new UserException(badSelector.getMessage());
        }
        List<ObjectMeta> metas = found.stream().map(WorkflowTemplate::metadata).toList();
        ResourcePrinter.printMany(found, metas, output, table(found), out());
      }
      return 0;
    }

    private Table table(List<WorkflowTemplate> found) {
      boolean wide = "wide".equals(output);
      boolean namespaces = !cluster() && allNamespaces();
      List<String> header = new ArrayList<>(namespaces ? List.of("NAMESPACE", "NAME")
          : List.of("NAME"));
      if (wide) {
        header.addAll(List.of("AGE", "TEMPLATES", "ENTRYPOINT"));
      }
      Table table = new Table(header);
      Instant now = Instant.now();
      for (WorkflowTemplate template : found) {
        List<String> row = new ArrayList<>();
        if (namespaces) {
          row.add(template.metadata().namespace());
        }
        row.add(template.metadata().name());
        if (wide) {
          var spec = template.spec();
          row.add(ResourcePrinter.age(template.metadata(), now));
          row.add(spec == null || spec.templates() == null ? "0"
              : Integer.toString(spec.templates().size()));
          row.add(spec == null || spec.entrypoint() == null ? "" : spec.entrypoint());
        }
        table.row(row);
      }
      return table;
    }
  }

  /** {@code delete NAME... | --all}. */
  abstract static class Delete extends Verb {

    @Parameters(arity = "0..*", paramLabel = "NAME")
    List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Delete all of them")
    boolean all;

    Delete(boolean cluster) {
      super(cluster);
    }

    @Override
    public Integer call() {
      if (names.isEmpty() == !all) {
        throw new UserException("name the " + kind() + "s to delete, or give --all");
      }
      try (Session session = new Session()) {
        WorkflowTemplates templates = templates(session);
        List<String> chosen = all
            ? templates.list(cluster(), namespace(session), null).stream()
                .map(template -> template.metadata().name()).toList()
            : names;
        for (String name : chosen) {
          if (!templates.delete(cluster(), namespace(session), name)) {
            throw new UserException(
                new ResourceNotFoundException(kind(), namespace(session), name).getMessage());
          }
          out().println(kind() + " '" + name + "' deleted");
        }
      }
      out().flush();
      return 0;
    }
  }

  /** {@code lint FILE|DIR...}: problems as {@code file:line:col: message}. */
  abstract static class Lint extends Verb {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR")
    List<Path> paths;

    Lint(boolean cluster) {
      super(cluster);
    }

    @Override
    public Integer call() {
      for (Path path : paths) {
        if (!Files.exists(path)) {
          throw new UserException(path + ": no such file or folder");
        }
      }
      LintReport report = Linter.lintPaths(paths);
      List<Problem> problems = report.problems();
      problems.forEach(problem -> out().println(problem.format()));
      out().println(problems.isEmpty() ? "✔ no linting errors found!"
          : "✖ " + problems.size() + " linting error" + (problems.size() == 1 ? "" : "s")
              + " found!");
      out().flush();
      return problems.isEmpty() ? 0 : 1;
    }
  }

  /** The templates of the verb's kind in {@code files}, linted; other kinds are refused. */
  static List<WorkflowTemplate> templatesIn(Verb verb, List<Path> files) {
    PrintWriter err = verb.spec.commandLine().getErr();
    List<WorkflowTemplate> templates = new ArrayList<>();
    for (ParsedResource resource : ResourceFiles.readValid(files, err)) {
      if (!verb.kind().equals(resource.kind())) {
        throw new UserException(resource.file() + ": expected a " + verb.kind() + ", found "
            + resource.kind() + " (document " + (resource.document() + 1) + ")");
      }
      templates.add(resource.as(WorkflowTemplate.class));
    }
    if (templates.isEmpty()) {
      throw new UserException("no " + verb.kind() + " found in the given files");
    }
    return templates;
  }

  static void print(Verb verb, WorkflowTemplate template, String output) {
    var spec = template.spec();
    List<List<String>> summary = List.of(List.of("Entrypoint:",
        spec == null || spec.entrypoint() == null ? "" : spec.entrypoint()));
    ResourcePrinter.printOne(template, template.metadata(), output, summary, verb.out());
  }
}
