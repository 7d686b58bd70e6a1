package dev.navis.cli;

import dev.navis.api.model.Workflow;
import dev.navis.engine.Occurrence.SetNodes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code node set}: what a person supplies to a workflow's running suspend nodes. */
@Command(name = "node", description = "Act on a workflow's nodes.",
    subcommands = NodeCommand.Set.class)
final class NodeCommand {

  @Command(name = "set", description = "Set the outputs, message or phase of running suspend "
      + "nodes, as an approval step awaits them.")
  static final class Set implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Workflow name (or @latest)")
    String name;

    @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
    String namespace;

    @Option(names = "--node-field-selector", required = true,
        description = "Nodes to set, e.g. displayName=approve")
    String nodeFieldSelector;

    @Option(names = {"-p", "--output-parameter"}, paramLabel = "NAME=VALUE",
        description = "A supplied output parameter's value (repeatable)")
    List<String> outputParameters = new ArrayList<>();

    @Option(names = {"-m", "--message"}, description = "The nodes' message")
    String message;

    @Option(names = "--phase", description = "End the nodes: Succeeded, Failed or Error")
    String phase;

    @Override
    public Integer call() throws Exception {
      SetNodes set = new SetNodes(nodeFieldSelector, phase, message,
          KeyValues.parse(outputParameters, "--output-parameter"));
      try (WorkflowService service = WorkflowServices.open(spec)) {
        Workflow workflow = service.get(namespace, name);
        service.setNodes(workflow, set);
        spec.commandLine().getOut().println("workflow " + workflow.metadata().name()
            + " nodes " + nodeFieldSelector + " set");
        service.runInBackground();
        return 0;
      }
    }
  }
}
