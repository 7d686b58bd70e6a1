package dev.navis.engine;

import dev.navis.api.model.DagTask;
import dev.navis.api.model.DagTemplate;
import dev.navis.engine.expr.DependsExpression;
import dev.navis.engine.expr.DependsExpression.TaskState;
import dev.navis.engine.expr.ExpressionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * DAG templates. A task is looked at again only when one of its dependencies ends, so a
 * completion costs the number of its dependents, not the size of the DAG.
 */
final class DagLogic {

  private final Reconciler reconciler;
  private final WorkflowRun run;
  private final Map<Node, Map<String, DependsExpression>> parsed = new HashMap<>();

  DagLogic(Reconciler reconciler) {
    this.reconciler = reconciler;
    this.run = reconciler.run;
  }

  void assess(Node dag) {
    if (dag.fanout == null && !index(dag)) {
      return;
    }
    Fanout fanout = dag.fanout;
    boolean failFast = !Boolean.FALSE.equals(dag.template.dag().failFast())
        && !Boolean.FALSE.equals(dag.template.failFast());
    boolean halted = run.stopping() || failFast && fanout.unsuccessful > 0;
    if (!halted) {
      startReady(dag, fanout);
    }
    if (fanout.running() > 0) {
      return;
    }
    if (fanout.taskNodes.size() >= fanout.included.size() || halted) {
      finish(dag, fanout, halted);
    }
  }

  /** Builds the task indexes of a new DAG node; false when the DAG is invalid. */
  boolean index(Node dag) {
    Fanout fanout = new Fanout();
    DagTemplate spec = dag.template.dag();
    List<DagTask> tasks = spec.tasks() == null ? List.of() : spec.tasks();
    for (DagTask task : tasks) {
      fanout.tasks.put(task.name(), Call.of(task));
    }
    try {
      for (Call call : fanout.tasks.values()) {
        for (String dependency : expression(dag, call).taskNames()) {
          if (!fanout.tasks.containsKey(dependency)) {
            throw new UserError("task '" + call.name() + "' depends on unknown task '"
                + dependency + "'");
          }
          fanout.dependents.computeIfAbsent(dependency, k -> new ArrayList<>()).add(call.name());
        }
      }
      include(dag, fanout, spec.target());
    } catch (UserError | ExpressionException e) {
      reconciler.markPhase(dag, Phases.ERROR, e.getMessage());
      return false;
    }
    fanout.candidates.addAll(fanout.included);
    dag.fanout = fanout;
    return true;
  }

  private void include(Node dag, Fanout fanout, String target) throws UserError {
    if (target == null || target.isBlank()) {
      fanout.included.addAll(fanout.tasks.keySet());
      return;
    }
    ArrayDeque<String> pending = new ArrayDeque<>(List.of(target.trim().split("[\\s,]+")));
    while (!pending.isEmpty()) {
      String name = pending.poll();
      Call call = fanout.tasks.get(name);
      if (call == null) {
        throw new UserError("target task '" + name + "' is not a task of the DAG");
      }
      if (fanout.included.add(name)) {
        pending.addAll(expression(dag, call).taskNames());
      }
    }
  }

  /** The task's depends, or its dependencies list in Argo's legacy meaning. */
  DependsExpression expression(Node dag, Call call) {
    return parsed.computeIfAbsent(dag, k -> new HashMap<>())
        .computeIfAbsent(call.name(), k -> DependsExpression.parse(dependsOf(call, dag)));
  }

  private String dependsOf(Call call, Node dag) {
    if (call.depends() != null && !call.depends().isBlank()) {
      return call.depends();
    }
    if (call.dependencies() == null || call.dependencies().isEmpty()) {
      return "";
    }
    List<String> terms = new ArrayList<>();
    for (String dependency : call.dependencies()) {
      Call other = dag.fanout == null ? null : dag.fanout.tasks.get(dependency);
      terms.add(legacyTerm(dependency, other == null ? call : other));
    }
    return String.join(" && ", terms);
  }

  private static String legacyTerm(String name, Call dependency) {
    StringBuilder term = new StringBuilder("(" + name + ".Succeeded || " + name + ".Skipped || "
        + name + ".Daemoned");
    if (dependency.continueOn() != null) {
      if (Boolean.TRUE.equals(dependency.continueOn().failed())) {
        term.append(" || ").append(name).append(".Failed");
      }
      if (Boolean.TRUE.equals(dependency.continueOn().error())) {
        term.append(" || ").append(name).append(".Errored");
      }
    }
    return term.append(")").toString();
  }

  /** Whether a dependent of {@code task} runs on its failure, so failFast must not stop. */
  boolean failureHandled(Node dag, String task) {
    Fanout fanout = dag.fanout;
    java.util.regex.Pattern onFailure = java.util.regex.Pattern.compile(
        "(^|[^\\w-])" + java.util.regex.Pattern.quote(task) + "\\.(Failed|Errored|AllFailed)");
    for (String dependent : fanout.dependents.getOrDefault(task, List.of())) {
      String depends = fanout.tasks.get(dependent).depends();
      if (depends != null && onFailure.matcher(depends).find()) {
        return true;
      }
    }
    return false;
  }

  private void startReady(Node dag, Fanout fanout) {
    long limit = dag.template.parallelism() == null ? 0 : dag.template.parallelism();
    var candidates = fanout.candidates.iterator();
    while (candidates.hasNext()) {
      if (limit > 0 && fanout.running() >= limit) {
        return;
      }
      String name = candidates.next();
      Call call = fanout.tasks.get(name);
      if (fanout.taskNodes.containsKey(name) || !fanout.included.contains(name)) {
        candidates.remove();
        continue;
      }
      DependsExpression depends = expression(dag, call);
      if (!depends.decidable(task -> state(fanout, task))) {
        candidates.remove();
        continue;
      }
      candidates.remove();
      fanout.started++;
      startTask(dag, fanout, call, depends.evaluate(task -> state(fanout, task)));
      candidates = fanout.candidates.iterator();
    }
  }

  private static TaskState state(Fanout fanout, String task) {
    Node node = fanout.taskNodes.get(task);
    if (node == null || !node.completed()) {
      return new TaskState(node == null ? Phases.PENDING : node.phase,
          node != null && node.daemonRunning(), false, false);
    }
    boolean anySucceeded = false;
    boolean allFailed = !node.owned.isEmpty();
    for (Node item : Node.TASK_GROUP.equals(node.type) ? node.owned : List.<Node>of()) {
      anySucceeded |= Phases.SUCCEEDED.equals(item.phase);
      allFailed &= Phases.unsuccessful(item.phase);
    }
    return new TaskState(node.phase, false, anySucceeded,
        Node.TASK_GROUP.equals(node.type) && allFailed);
  }

  private void startTask(Node dag, Fanout fanout, Call call, boolean dependsHold) {
    String name = dag.name + "." + call.name();
    Node node;
    if (!dependsHold) {
      node = reconciler.launcher.skip(dag, name, call.name(), call, dag.id, Phases.OMITTED,
          "omitted: depends condition not met");
    } else if (call.looped()) {
      node = startLoop(dag, name, call);
    } else {
      node = startSingle(dag, name, call);
    }
    fanout.taskNodes.put(call.name(), node);
    link(dag, fanout, call, node);
  }

  private Node startSingle(Node dag, String name, Call call) {
    Fanout.Planned planned = new Fanout.Planned(name, call.name(), call, null, false);
    int before = dag.owned.size();
    reconciler.steps.startPlanned(dag, dag, planned);
    return dag.owned.get(before);
  }

  private Node startLoop(Node dag, String name, Call call) {
    Node group = reconciler.launcher.newNode(dag, name, call.name(), dag.id);
    group.call = call;
    group.type = Node.TASK_GROUP;
    group.templateName = call.template();
    group.fanout = new Fanout();
    reconciler.markPhase(group, Phases.RUNNING, null);
    reconciler.steps.plan(dag, group, call, group.fanout);
    reconciler.enqueue(group);
    return group;
  }

  private void link(Node dag, Fanout fanout, Call call, Node node) {
    var dependencies = expression(dag, call).taskNames();
    if (dependencies.isEmpty()) {
      dag.children.add(node.id);
      reconciler.touchChildren(dag);
      return;
    }
    for (String dependency : dependencies) {
      Node parent = fanout.taskNodes.get(dependency);
      if (parent != null) {
        parent.children.add(node.id);
        reconciler.touch(parent);
      }
    }
  }

  private void finish(Node dag, Fanout fanout, boolean halted) {
    Node failed = null;
    List<String> outbound = new ArrayList<>();
    for (String name : fanout.included) {
      Node node = fanout.taskNodes.get(name);
      if (node == null) {
        continue;
      }
      if (failed == null && unhandledFailure(fanout, name, node)) {
        failed = node;
      }
      if (fanout.dependents.getOrDefault(name, List.of()).stream()
          .noneMatch(fanout.included::contains)) {
        addOutbound(outbound, node);
      }
    }
    dag.outboundNodes = outbound;
    if (failed != null) {
      reconciler.markPhase(dag, Phases.FAILED, "child '" + failed.id + "' failed");
    } else if (halted && run.stopping()) {
      reconciler.markPhase(dag, Phases.FAILED, reconciler.steps.stoppedMessage());
    } else {
      reconciler.steps.finishBoundary(dag, Phases.SUCCEEDED, null);
    }
  }

  private boolean unhandledFailure(Fanout fanout, String name, Node node) {
    if (!Phases.unsuccessful(node.phase)
        || node.call != null && node.call.continuesOn(node.phase)) {
      return false;
    }
    for (String dependent : fanout.dependents.getOrDefault(name, List.of())) {
      Node after = fanout.taskNodes.get(dependent);
      if (after != null && !Phases.OMITTED.equals(after.phase)) {
        return false;
      }
    }
    return true;
  }

  private void addOutbound(List<String> outbound, Node node) {
    if (node.outboundNodes != null && !node.outboundNodes.isEmpty()) {
      outbound.addAll(node.outboundNodes);
    } else {
      outbound.add(node.id);
    }
  }
}
