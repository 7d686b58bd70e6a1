package dev.navis.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code navis get}: one workflow with its node tree. */
@Command(name = "get", description = "Show a workflow and its nodes.")
final class GetCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "Workflow name, or @latest")
  String name;

  @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
  String namespace;

  @Option(names = {"-o", "--output"}, description = "json|yaml|wide")
  String output;

  @Override
  public Integer call() {
    Output.check(output);
    try (WorkflowService service = WorkflowServices.open(spec)) {
      Output.print(service.get(namespace, name), output, spec.commandLine().getOut());
      return 0;
    }
  }
}
