package dev.navis.cli;

import dev.navis.store.StoredWorkflow;
import dev.navis.store.WorkflowQuery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code navis delete}: removes workflows, their nodes and their node folders. */
@Command(name = "delete", description = "Delete workflows.")
final class DeleteCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "NAME", description = "Workflow names")
  List<String> names = new ArrayList<>();

  @Option(names = "--all", description = "Delete all workflows of the namespace")
  boolean all;

  @Option(names = "--completed", description = "Delete the completed workflows")
  boolean completed;

  @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
  String namespace;

  @Override
  public Integer call() throws IOException {
    if (names.isEmpty() && !all && !completed) {
      throw new UserException("name workflows to delete, or give --all or --completed");
    }
    try (Session session = new Session()) {
      for (StoredWorkflow workflow : chosen(session)) {
        if (!Lookup.finished(workflow)) {
          // Whoever runs it stops its processes when it sees the request.
          session.store().request(workflow.uid(), "terminate", null, java.time.Instant.now());
        }
        session.store().delete(workflow.namespace(), workflow.name());
        deleteFolder(session.config().runs().resolve(workflow.uid()));
        spec.commandLine().getOut().println("Workflow '" + workflow.name() + "' deleted");
      }
      return 0;
    }
  }

  private List<StoredWorkflow> chosen(Session session) {
    String ns = session.namespace(namespace);
    if (all || completed) {
      Set<String> phases = completed ? Lookup.FINISHED : Set.of();
      return session.store().list(new WorkflowQuery(ns, phases, null, 0));
    }
    return names.stream().map(name -> Lookup.workflow(session, namespace, name)).toList();
  }

  private static void deleteFolder(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
