package dev.navis.cli;

import dev.navis.api.model.Workflow;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code navis retry}: runs a failed workflow again from its failed nodes. */
@Command(name = "retry", description = "Retry a failed workflow from where it failed.")
final class RetryCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "Workflow name, or @latest")
  String name;

  @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
  String namespace;

  @Option(names = "--restart-successful",
      description = "Also run again the successful nodes the selector matches")
  boolean restartSuccessful;

  @Option(names = "--node-field-selector", description = "Which successful nodes to restart")
  String nodeFieldSelector;

  @Option(names = {"-w", "--wait"}, description = "Run here and wait until it ends")
  boolean waitForEnd;

  @Option(names = {"-o", "--output"}, description = "name|json|yaml|wide")
  String output;

  @Override
  public Integer call() throws Exception {
    Output.check(output);
    try (WorkflowService service = WorkflowServices.open(spec)) {
      Workflow workflow = service.get(namespace, name);
      Workflow reset = service.retry(workflow, restartSuccessful, nodeFieldSelector);
      if (!waitForEnd) {
        service.runInBackground();
        Output.print(reset, output, spec.commandLine().getOut());
        return 0;
      }
      Workflow finished = service.await(reset);
      Output.print(finished, output, spec.commandLine().getOut());
      return "Succeeded".equals(finished.status().phase()) ? 0 : 1;
    }
  }
}
