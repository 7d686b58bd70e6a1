package dev.navis.cli;

import dev.navis.api.model.Workflow;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code navis logs}: the output of a workflow's nodes, each line prefixed with its pod name;
 * with {@code -f}, followed until the workflow ends.
 */
@Command(name = "logs", description = "Print the logs of a workflow or of one of its nodes.")
final class LogsCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Workflow name, or @latest")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "NODE",
      description = "Pod name, node name, display name or node id")
  String node;

  @Option(names = {"-f", "--follow"}, description = "Keep printing until the workflow ends")
  boolean follow;

  @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
  String namespace;

  @Option(names = {"-c", "--container"}, description = "Container of a containerSet")
  String container = "main";

  @Override
  public Integer call() throws Exception {
    try (WorkflowService service = WorkflowServices.open(spec)) {
      Workflow workflow = service.get(namespace, name);
      service.printLogs(workflow, node, container, follow, spec.commandLine().getOut());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
