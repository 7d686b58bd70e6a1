package dev.navis.cli;

import dev.navis.api.Codec;
import dev.navis.api.model.Parameter;
import dev.navis.store.StoredWorkflow;
import dev.navis.store.WorkflowQuery;
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
    try (Session session = new Session()) {
      String ns = allNamespaces ? null : session.namespace(namespace);
      List<StoredWorkflow> workflows = list(session, ns);
      print(workflows, spec.commandLine().getOut());
      return 0;
    }
  }

  private List<StoredWorkflow> list(Session session, String ns) {
    Set<String> phases = running ? Set.of("Pending", "Running")
        : completed ? Lookup.FINISHED : Set.of();
    try {
      return session.store().list(new WorkflowQuery(ns, phases, selector, 0));
    } catch (IllegalArgumentException badSelector) {
      throw new UserException(badSelector.getMessage());
    }
  }

  private void print(List<StoredWorkflow> workflows, PrintWriter out) {
    if ("name".equals(output)) {
      workflows.forEach(workflow -> out.println(workflow.name()));
    } else if ("json".equals(output)) {
      out.println(Codec.toJson(workflows.stream().map(StoredWorkflow::workflow).toList()));
    } else {
      table(workflows).print(out);
    }
    out.flush();
  }

  private Table table(List<StoredWorkflow> workflows) {
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
    for (StoredWorkflow workflow : workflows) {
      table.row(row(workflow, wide, now));
    }
    return table;
  }

  private List<String> row(StoredWorkflow workflow, boolean wide, Instant now) {
    List<String> row = new ArrayList<>();
    if (allNamespaces) {
      row.add(workflow.namespace());
    }
    var spec = workflow.workflow().spec();
    var status = workflow.workflow().status();
    row.add(workflow.name());
    row.add(workflow.phase());
    row.add(Durations.shortForm(workflow.createdAt(), now));
    row.add(Durations.shortForm(workflow.startedAt(), workflow.finishedAt()));
    row.add(spec != null && spec.priority() != null ? spec.priority().toString() : "0");
    row.add(status != null && status.message() != null ? status.message() : "");
    if (wide) {
      row.add(parameters(workflow));
    }
    return row;
  }

  private static String parameters(StoredWorkflow workflow) {
    var spec = workflow.workflow().spec();
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
