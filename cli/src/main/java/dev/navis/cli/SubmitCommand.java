package dev.navis.cli;

import dev.navis.api.Codec;
import dev.navis.api.ParsedResource;
import dev.navis.api.model.Workflow;
import dev.navis.controller.Submission;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code navis submit}: accept workflows, and optionally run them here until they end. */
@Command(name = "submit", description = "Submit workflows; with --wait or --watch, run them.")
final class SubmitCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "FILE", description = "Workflow YAML or JSON files")
  List<Path> files = new ArrayList<>();

  @Option(names = "--from", paramLabel = "KIND/NAME",
      description = "From workflowtemplate/NAME, clusterworkflowtemplate/NAME or cronwf/NAME")
  String from;

  @Option(names = {"-p", "--parameter"}, paramLabel = "NAME=VALUE",
      description = "Override a workflow argument")
  List<String> parameters = new ArrayList<>();

  @Option(names = {"-f", "--parameter-file"}, paramLabel = "FILE",
      description = "YAML or JSON map of argument overrides")
  Path parameterFile;

  @Option(names = "--entrypoint", description = "Run this template instead of the entrypoint")
  String entrypoint;

  @Option(names = "--name", description = "Name the workflow exactly")
  String name;

  @Option(names = "--generate-name", description = "Name prefix; a random suffix follows")
  String generateName;

  @Option(names = {"-l", "--labels"}, paramLabel = "KEY=VALUE,...", split = ",",
      description = "Labels to add")
  List<String> labels = new ArrayList<>();

  @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
  String namespace;

  @Option(names = {"-w", "--wait"}, description = "Run and wait until the workflow ends")
  boolean waitForEnd;

  @Option(names = "--watch", description = "Run and draw the node tree until it ends")
  boolean watch;

  @Option(names = "--log", description = "Run and print the nodes' logs as they end")
  boolean log;

  @Option(names = {"-o", "--output"}, description = "name|json|yaml|wide")
  String output;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Output.check(output);
    Submission submission = submission();
    if (from != null && !files.isEmpty()) {
      throw new UserException("give either files or --from " + from + ", not both");
    }
    List<Workflow> workflows = from != null ? List.of()
        : workflowsIn(ResourceFiles.readValid(files, err, submission::applyTo));

    try (WorkflowService service = WorkflowServices.open(spec)) {
      List<Workflow> accepted = new ArrayList<>();
      if (from != null) {
        accepted.add(service.submitFrom(from, namespace, submission));
      }
      for (Workflow workflow : workflows) {
        Workflow prepared = submission.prepare(workflow, service.namespace(namespace),
            Instant.now());
        accepted.add(service.submit(prepared));
      }
      if (!(waitForEnd || watch || log)) {
        // Said first: the hand-over to the background controller takes a moment.
        accepted.forEach(stored -> Output.print(stored, output, out));
        out.flush();
        service.runInBackground();
        return 0;
      }
      return runToEnd(service, accepted, out);
    }
  }

  private int runToEnd(WorkflowService service, List<Workflow> accepted, PrintWriter out)
      throws InterruptedException {
    service.follow(watch, log, out);
    boolean allSucceeded = true;
    for (Workflow workflow : accepted) {
      Workflow finished = service.await(workflow);
      allSucceeded &= "Succeeded".equals(finished.status().phase());
      if (watch && output == null) {
        WatchPrinter.clearScreen(out); // the final tree replaces the last live one
      }
      Output.print(finished, output != null ? output : "wide-tree", out);
    }
    return allSucceeded ? 0 : 1;
  }

  private static List<Workflow> workflowsIn(List<ParsedResource> resources) {
    List<Workflow> workflows = new ArrayList<>();
    for (ParsedResource resource : resources) {
      if (!Workflow.KIND.equals(resource.kind())) {
        throw new UserException(resource.file() + ": submit takes Workflows, found "
            + resource.kind() + " (document " + (resource.document() + 1) + ")");
      }
      workflows.add(resource.as(Workflow.class));
    }
    if (workflows.isEmpty()) {
      throw new UserException("no Workflow found in the given files");
    }
    return workflows;
  }

  private Submission submission() throws IOException {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (parameterFile != null) {
      overrides.putAll(readParameterFile(parameterFile));
    }
    overrides.putAll(KeyValues.parse(parameters, "-p"));
    return new Submission(overrides, entrypoint, name, generateName,
        KeyValues.parse(labels, "-l"));
  }

  private static Map<String, String> readParameterFile(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UserException(file + ": no such parameter file");
    }
    Map<?, ?> map;
    try {
      map = Codec.yaml().readValue(file.toFile(), Map.class);
    } catch (IOException e) {
      throw new UserException(file + ": not a YAML or JSON map of parameters: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
    Map<String, String> values = new LinkedHashMap<>();
    if (map != null) {
      map.forEach((key, value) -> values.put(String.valueOf(key), value instanceof String s
          ? s : Codec.toJson(value)));
    }
    return values;
  }
}
