package dev.navis.cli;

import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowStatus;
import dev.navis.server.PodNames;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints a workflow as {@code argo get} does: a header of name, status and times, then the node
 * tree with a phase mark, template, pod name, duration and message per node.
 */
final class WorkflowPrinter {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy").withZone(ZoneId.systemDefault());

  private final boolean wide;

  WorkflowPrinter(boolean wide) {
    this.wide = wide;
  }

  void print(Workflow workflow, PrintWriter out) {
    printHeader(workflow, out);
    Map<String, NodeStatus> nodes = workflow.status().nodes();
    if (nodes == null || nodes.isEmpty()) {
      return;
    }
    out.println();
    Table table = new Table(wide
        ? List.of("STEP", "TEMPLATE", "PODNAME", "DURATION", "EXITCODE", "MESSAGE")
        : List.of("STEP", "TEMPLATE", "PODNAME", "DURATION", "MESSAGE"));
    for (NodeTree.Row row : NodeTree.rows(workflow.metadata().name(), nodes)) {
      table.row(columns(workflow, row.node(), row.prefix()));
    }
    table.print(out);
  }

  private void printHeader(Workflow workflow, PrintWriter out) {
    WorkflowStatus status = workflow.status();
    Table header = new Table(null);
    header.row("Name:", workflow.metadata().name());
    header.row("Namespace:", workflow.metadata().namespace());
    header.row("Status:", status.phase());
    if (status.message() != null) {
      header.row("Message:", status.message());
    }
    header.row("Created:", time(workflow.metadata().creationTimestamp()));
    if (status.startedAt() != null) {
      header.row("Started:", time(status.startedAt()));
    }
    if (status.finishedAt() != null) {
      header.row("Finished:", time(status.finishedAt()));
    }
    if (status.startedAt() != null) {
      header.row("Duration:", Durations.longForm(status.startedAt(), status.finishedAt()));
    }
    if (status.progress() != null) {
      header.row("Progress:", status.progress());
    }
    addParameters(header, workflow);
    header.print(out);
  }

  private void addParameters(Table header, Workflow workflow) {
    var arguments = workflow.spec() != null ? workflow.spec().arguments() : null;
    if (arguments == null || arguments.parameters() == null
        || arguments.parameters().isEmpty()) {
      return;
    }
    header.row("Parameters:", "");
    for (Parameter parameter : arguments.parameters()) {
      String value = parameter.value() != null ? parameter.value() : parameter.defaultValue();
      header.row("  " + parameter.name() + ":", value != null ? value : "");
    }
  }

  private static String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  private List<String> columns(Workflow workflow, NodeStatus node, String prefix) {
    List<String> row = new ArrayList<>();
    String name = node.displayName() != null ? node.displayName() : node.name();
    row.add(" " + prefix + mark(node.phase()) + " " + name);
    row.add(node.templateName() != null ? node.templateName() : "");
    row.add("Pod".equals(node.type()) ? PodNames.of(workflow.metadata().name(), node) : "");
    row.add(leaf(node) ? Durations.shortForm(node.startedAt(), node.finishedAt()) : "");
    if (wide) {
      String exitCode = node.outputs() != null ? node.outputs().exitCode() : null;
      row.add(exitCode != null ? exitCode : "");
    }
    row.add(node.message() != null ? node.message().replace('\n', ' ') : "");
    return row;
  }

  private static boolean leaf(NodeStatus node) {
    return "Pod".equals(node.type()) || "Suspend".equals(node.type())
        || "Container".equals(node.type());
  }

  static String mark(String phase) {
    if (phase == null) {
      return "◷";
    }
    return switch (phase) {
      case "Succeeded" -> "✔";
      case "Failed" -> "✖";
      case "Error" -> "⚠";
      case "Running" -> "●";
      case "Skipped", "Omitted" -> "○";
      default -> "◷";
    };
  }
}
