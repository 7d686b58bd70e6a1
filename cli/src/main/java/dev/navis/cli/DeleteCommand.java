package dev.navis.cli;

import dev.navis.api.model.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
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
  public Integer call() {
    if (names.isEmpty() && !all && !completed) {
      throw new UserException("name workflows to delete, or give --all or --completed");
    }
    try (WorkflowService service = WorkflowServices.open(spec)) {
      for (Workflow workflow : chosen(service)) {
        service.delete(workflow);
        spec.commandLine().getOut().println("Workflow '" + workflow.metadata().name()
            + "' deleted");
      }
      return 0;
    }
  }

  private List<Workflow> chosen(WorkflowService service) {
    if (all || completed) {
      Set<String> phases = completed ? Lookup.FINISHED : Set.of();
      return service.list(service.namespace(namespace), phases, null);
    }
    return names.stream().map(name -> service.get(namespace, name)).toList();
  }
}
