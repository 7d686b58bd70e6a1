package dev.navis.cli;

import dev.navis.api.model.Workflow;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code navis resubmit}: runs a workflow's spec again as a new workflow. */
@Command(name = "resubmit", description = "Submit a new workflow with the spec of another.")
final class ResubmitCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "NAME", description = "Workflow name, or @latest")
  String name;

  @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
  String namespace;

  @Option(names = {"-w", "--wait"}, description = "Run here and wait until it ends")
  boolean waitForEnd;

  @Option(names = {"-o", "--output"}, description = "name|json|yaml|wide")
  String output;

  @Override
  public Integer call() throws Exception {
    Output.check(output);
    try (WorkflowService service = WorkflowServices.open(spec)) {
      Workflow accepted = service.resubmit(service.get(namespace, name));
      if (!waitForEnd) {
        service.runInBackground();
        Output.print(accepted, output, spec.commandLine().getOut());
        return 0;
      }
      Workflow finished = service.await(accepted);
      Output.print(finished, output, spec.commandLine().getOut());
      return "Succeeded".equals(finished.status().phase()) ? 0 : 1;
    }
  }
}
