package dev.navis.cli;

import dev.navis.api.model.Workflow;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stop}, {@code terminate}, {@code suspend} and {@code resume}: operations recorded in
 * the store for whichever process runs the workflow (started in the background if none does).
 */
final class LifecycleCommands {

  private LifecycleCommands() {}

  /** What the four verbs share: find each named workflow, record the operation. */
  abstract static class Base implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Workflow names")
    List<String> names;

    @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
    String namespace;

    abstract String kind();

    String argument() {
      return null;
    }

    String done() {
      return kind() + "ped";
    }

    @Override
    public Integer call() throws Exception {
      try (WorkflowService service = WorkflowServices.open(spec)) {
        for (String name : names) {
          Workflow workflow = service.get(namespace, name);
          if (Lookup.finished(workflow)) {
            throw new UserException("workflow " + workflow.metadata().name() + " has already "
                + Lookup.phase(workflow).toLowerCase());
          }
          service.request(workflow, kind(), argument());
          spec.commandLine().getOut().println("workflow " + workflow.metadata().name() + " "
              + done());
        }
        service.runInBackground();
        return 0;
      }
    }
  }

  @Command(name = "stop", description = "Stop workflows: no new nodes; exit handlers run.")
  static final class Stop extends Base {

    @Option(names = "--message", description = "Why, shown as the workflow's message")
    String message;

    @Override
    String kind() {
      return "stop";
    }

    @Override
    String argument() {
      return message;
    }
  }

  @Command(name = "terminate", description = "Terminate workflows: exit handlers do not run.")
  static final class Terminate extends Base {

    @Override
    String kind() {
      return "terminate";
    }

    @Override
    String done() {
      return "terminated";
    }
  }

  @Command(name = "suspend", description = "Suspend workflows: start nothing new.")
  static final class Suspend extends Base {

    @Override
    String kind() {
      return "suspend";
    }

    @Override
    String done() {
      return "suspended";
    }
  }

  @Command(name = "resume", description = "Resume suspended workflows or suspend nodes.")
  static final class Resume extends Base {

    @Option(names = "--node-field-selector", description = "Resume only matching nodes")
    String nodeFieldSelector;

    @Override
    String kind() {
      return "resume";
    }

    @Override
    String argument() {
      return nodeFieldSelector;
    }

    @Override
    String done() {
      return "resumed";
    }
  }
}
