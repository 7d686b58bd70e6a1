package dev.navis.cli;

import dev.navis.api.Codec;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Workflow;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code navis list}: workflows, newest first. */
@Command(name = "list", description = "List workflows.")
final class ListCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = {"-A", "--all-namespaces"}, description = "Show workflows of all namespaces")
  boolean allNamespaces;

  @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
  String namespace;

  @Option(names = "--running", description = "Only running workflows")
  boolean running;

  @Option(names = "--completed", description = "Only completed workflows")
  boolean completed;

  @Option(names = {"-l", "--selector"}, description = "Label selector (a=b,c!=d,...)")
  String selector;

  @Option(names = {"-o", "--output"}, description = "name|wide|json")
  String output;

  @Override
  public Integer call() {
    if (output != null && !Set.of("name", "wide", "json").contains(output)) {
      throw new UserException("unknown output format \"" + output + "\": use name, wide or json");
    }
    try (WorkflowService service = WorkflowServices.open(spec)) {
      String ns = allNamespaces ? null : service.namespace(namespace);
      Set<String> phases = running ? Set.of("Pending", "Running")
          : completed ? Lookup.FINISHED : Set.of();
      print(service.list(ns, phases, selector), spec.commandLine().getOut());
      return 0;
    }
  }

  private void print(List<Workflow> workflows, PrintWriter out) {
    if ("name".equals(output)) {
      workflows.forEach(workflow -> out.println(workflow.metadata().name()));
    } else if ("json".equals(output)) {
      out.println(Codec.toJson(workflows));
    } else {
      table(workflows).print(out);
    }
    out.flush();
  }

  private Table table(List<Workflow> workflows) {
    boolean wide = "wide".equals(output);
    List<String> header = new ArrayList<>();
    if (allNamespaces) {
      header.add("NAMESPACE");
    }
    header.addAll(List.of("NAME", "STATUS", "AGE", "DURATION", "PRIORITY", "MESSAGE"));
    if (wide) {
      header.add("PARAMETERS");
    }
    Table table = new Table(header);
    Instant now = Instant.now();
    for (Workflow workflow : workflows) {
      table.row(row(workflow, wide, now));
    }
    return table;
  }

  private List<String> row(Workflow workflow, boolean wide, Instant now) {
    List<String> row = new ArrayList<>();
    if (allNamespaces) {
      row.add(workflow.metadata().namespace());
    }
    var spec = workflow.spec();
    var status = workflow.status();
    row.add(workflow.metadata().name());
    row.add(Lookup.phase(workflow));
    row.add(Durations.shortForm(workflow.metadata().creationTimestamp(), now));
    row.add(Durations.shortForm(status.startedAt(), status.finishedAt()));
    row.add(spec != null && spec.priority() != null ? spec.priority().toString() : "0");
    row.add(status != null && status.message() != null ? status.message() : "");
    if (wide) {
      row.add(parameters(workflow));
    }
    return row;
  }

  private static String parameters(Workflow workflow) {
    var spec = workflow.spec();
    if (spec == null || spec.arguments() == null || spec.arguments().parameters() == null) {
      return "";
    }
    List<String> pairs = new ArrayList<>();
    for (Parameter parameter : spec.arguments().parameters()) {
      pairs.add(parameter.name() + "=" + (parameter.value() != null ? parameter.value() : ""));
    }
    return String.join(",", pairs);
  }
}
