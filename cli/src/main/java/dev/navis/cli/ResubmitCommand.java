package dev.navis.cli;

import dev.navis.api.model.ObjectMeta;
import dev.navis.api.model.Workflow;
import dev.navis.controller.Submission;
import dev.navis.store.StoredWorkflow;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code navis resubmit}: runs a workflow's spec again as a new workflow. */
@Command(name = "resubmit", description = "Submit a new workflow with the spec of another.")
final class ResubmitCommand implements Callable<Integer> {

  static final String RESUBMITTED_FROM = "workflows.argoproj.io/resubmitted-from-workflow";

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
    try (Session session = new Session()) {
      StoredWorkflow original = Lookup.workflow(session, namespace, name);
      Workflow fresh = copyOf(original);
      Map<String, String> labels = Map.of(RESUBMITTED_FROM, original.name());
      Submission submission = new Submission(Map.of(), null, null, null, labels);
      Workflow prepared = submission.prepare(fresh, original.namespace(), Instant.now());
      StoredWorkflow accepted = session.controller().accept(prepared);
      if (!waitForEnd) {
        BackgroundController.ensureRunning(session.config());
        Output.print(accepted.workflow(), output, spec.commandLine().getOut());
        return 0;
      }
      Workflow finished = session.controller().run(accepted.uid()).get();
      Output.print(finished, output, spec.commandLine().getOut());
      return "Succeeded".equals(finished.status().phase()) ? 0 : 1;
    }
  }

  /** The original's spec and labels under a new generated name, without status. */
  private static Workflow copyOf(StoredWorkflow original) {
    ObjectMeta meta = original.workflow().metadata();
    String prefix = meta.generateName() != null ? meta.generateName() : original.name() + "-";
    Map<String, String> labels = new LinkedHashMap<>();
    if (meta.labels() != null) {
      labels.putAll(meta.labels());
    }
    ObjectMeta fresh = new ObjectMeta(null, prefix, meta.namespace(), null, labels,
        meta.annotations(), null, null, null, null, null, null);
    return new Workflow(Workflow.API_VERSION, Workflow.KIND, fresh, original.workflow().spec(),
        null);
  }
}
