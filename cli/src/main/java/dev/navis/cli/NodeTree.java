package dev.navis.cli;

import dev.navis.api.model.NodeStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lays the nodes of a workflow out as {@code argo get} draws them: a steps node shows its step
 * groups one per branch (several steps of a group fan out with {@code ┬}), a DAG node lists the
 * tasks of its boundary in start order, and the exit handler follows the main tree.
 */
final class NodeTree {

  /** One row to print: the tree prefix before the phase mark, and the node. */
  record Row(String prefix, NodeStatus node) {}

  private static final Comparator<NodeStatus> BY_START = Comparator
      .comparing(NodeStatus::startedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
      .thenComparing(NodeStatus::name);

  private final Map<String, NodeStatus> nodes;
  private final Map<String, List<NodeStatus>> byBoundary = new java.util.HashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private final Set<String> drawn = new HashSet<>();
  private final Set<String> loopMembers = new HashSet<>();

  private NodeTree(Map<String, NodeStatus> nodes) {
    this.nodes = nodes;
    for (NodeStatus node : nodes.values()) {
      if (node.boundaryID() != null) {
        byBoundary.computeIfAbsent(node.boundaryID(), id -> new ArrayList<>()).add(node);
      }
      if ("TaskGroup".equals(node.type()) && node.children() != null) {
        loopMembers.addAll(node.children());
      }
    }
  }

  static List<Row> rows(String workflowName, Map<String, NodeStatus> nodes) {
    NodeTree tree = new NodeTree(nodes);
    for (NodeStatus root : tree.roots(workflowName)) {
      tree.draw(root, "", "");
    }
    return tree.rows;
  }

  private List<NodeStatus> roots(String workflowName) {
    Set<String> children = new HashSet<>();
    nodes.values().forEach(node -> {
      if (node.children() != null) {
        children.addAll(node.children());
      }
    });
    return nodes.values().stream()
        .filter(node -> !children.contains(node.id()))
        .filter(node -> node.boundaryID() == null || !nodes.containsKey(node.boundaryID()))
        .sorted(Comparator.comparing((NodeStatus node) -> !workflowName.equals(node.name()))
            .thenComparing(BY_START))
        .toList();
  }

  private void draw(NodeStatus node, String prefix, String below) {
    if (!drawn.add(node.id())) {
      return;
    }
    rows.add(new Row(prefix, node));
    if ("Steps".equals(node.type())) {
      drawStepGroups(node, below);
    } else {
      drawList(visibleChildren(node), below);
    }
  }

  private void drawList(List<NodeStatus> children, String below) {
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      draw(children.get(i), below + (last ? "└─" : "├─"), below + (last ? "  " : "│ "));
    }
  }

  /** Each group is a branch; a group of several steps forks with ┬ and lists them below. */
  private void drawStepGroups(NodeStatus steps, String below) {
    List<NodeStatus> groups = children(steps).stream()
        .filter(child -> "StepGroup".equals(child.type())).toList();
    List<NodeStatus> chain = new ArrayList<>();
    for (NodeStatus group = groups.isEmpty() ? null : groups.getFirst(); group != null;
        group = nextGroup(group)) {
      chain.add(group);
    }
    for (int g = 0; g < chain.size(); g++) {
      boolean lastGroup = g == chain.size() - 1;
      String branch = below + (lastGroup ? "└─" : "├─");
      String under = below + (lastGroup ? "  " : "│ ");
      drawGroup(chain.get(g), branch, under);
    }
  }

  private void drawGroup(NodeStatus group, String branch, String under) {
    drawn.add(group.id());
    List<NodeStatus> members = children(group).stream()
        .filter(child -> !"StepGroup".equals(child.type())).toList();
    if (members.size() == 1) {
      draw(members.getFirst(), branch + "──", under + "  ");
      return;
    }
    for (int i = 0; i < members.size(); i++) {
      boolean last = i == members.size() - 1;
      String prefix = i == 0 ? branch + "┬─" : under + (last ? "└─" : "├─");
      draw(members.get(i), prefix, under + (last ? "  " : "│ "));
    }
  }

  /** Argo chains step groups: the next group hangs from the steps of the one before. */
  private NodeStatus nextGroup(NodeStatus group) {
    for (NodeStatus member : children(group)) {
      for (NodeStatus child : children(member)) {
        if ("StepGroup".equals(child.type()) && !drawn.contains(child.id())
            && group.boundaryID() != null && group.boundaryID().equals(child.boundaryID())) {
          return child;
        }
      }
    }
    return null;
  }

  private List<NodeStatus> visibleChildren(NodeStatus node) {
    if ("DAG".equals(node.type())) {
      List<NodeStatus> tasks = new ArrayList<>(byBoundary.getOrDefault(node.id(), List.of()));
      // Items of a looped task are drawn under the task's group, not again in the DAG.
      tasks.removeIf(task -> drawn.contains(task.id()) || loopMembers.contains(task.id()));
      tasks.sort(BY_START);
      return tasks;
    }
    if ("Pod".equals(node.type()) || "Skipped".equals(node.type())
        || "Suspend".equals(node.type())) {
      // In a DAG a task's children are its dependents, drawn by the DAG; only containers stay.
      return children(node).stream().filter(child -> "Container".equals(child.type()))
          .toList();
    }
    return children(node).stream().filter(child -> !drawn.contains(child.id())).toList();
  }

  private List<NodeStatus> children(NodeStatus node) {
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
}
