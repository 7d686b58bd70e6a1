package dev.navis.cli;

import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowStatus;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    for (NodeStatus root : roots(workflow.metadata().name(), nodes)) {
      addNode(table, workflow, nodes, root, "", "", new HashSet<>());
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

  /** The main tree first, then trees that hang from no node, such as the exit handler. */
  private static List<NodeStatus> roots(String workflowName, Map<String, NodeStatus> nodes) {
    Set<String> children = new HashSet<>();
    nodes.values().forEach(node -> {
      if (node.children() != null) {
        children.addAll(node.children());
      }
    });
    List<NodeStatus> roots = new ArrayList<>();
    nodes.values().stream().filter(node -> !children.contains(node.id()))
        .sorted((a, b) -> Boolean.compare(!workflowName.equals(a.name()),
            !workflowName.equals(b.name())))
        .forEach(roots::add);
    return roots;
  }

  private void addNode(Table table, Workflow workflow, Map<String, NodeStatus> nodes,
      NodeStatus node, String prefix, String childPrefix, Set<String> seen) {
    if (!seen.add(node.id())) {
      return;
    }
    boolean group = "StepGroup".equals(node.type()) || "TaskGroup".equals(node.type());
    String nextPrefix = childPrefix;
    if (!group) {
      table.row(columns(workflow, node, prefix));
    } else {
      nextPrefix = childPrefix;
    }
    List<NodeStatus> children = children(nodes, node);
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      String branch = nextPrefix + (last ? "└─" : "├─");
      String below = nextPrefix + (last ? "  " : "│ ");
      addNode(table, workflow, nodes, children.get(i), group ? prefix : branch,
          group ? childPrefix : below, seen);
    }
  }

  private static List<NodeStatus> children(Map<String, NodeStatus> nodes, NodeStatus node) {
    List<NodeStatus> children = new ArrayList<>();
    if (node.children() != null) {
      for (String id : node.children()) {
        NodeStatus child = nodes.get(id);
        if (child != null) {
          children.add(child);
        }
      }
    }
    return children;
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
