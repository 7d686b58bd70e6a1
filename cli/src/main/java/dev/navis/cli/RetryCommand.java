package dev.navis.cli;

import dev.navis.api.model.Workflow;
import dev.navis.store.StoredWorkflow;
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
    try (Session session = new Session()) {
      StoredWorkflow stored = Lookup.workflow(session, namespace, name);
      if (!Lookup.finished(stored) || "Succeeded".equals(stored.phase()) && !restartSuccessful) {
        throw new UserException("workflow " + stored.name() + " is " + stored.phase()
            + ": only Failed or Error workflows can be retried");
      }
      session.controller().retry(stored.uid(), restartSuccessful, nodeFieldSelector);
      if (!waitForEnd) {
        BackgroundController.ensureRunning(session.config());
        Output.print(Lookup.full(session, Lookup.workflow(session, namespace, stored.name())),
            output, spec.commandLine().getOut());
        return 0;
      }
      Workflow finished = session.controller().run(stored.uid()).get();
      Output.print(finished, output, spec.commandLine().getOut());
      return "Succeeded".equals(finished.status().phase()) ? 0 : 1;
    }
  }
}
