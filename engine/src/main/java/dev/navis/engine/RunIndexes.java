package dev.navis.engine;

import dev.navis.api.model.DagTask;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Template;
import dev.navis.api.model.WorkflowStep;
import dev.navis.engine.WorkflowRun.Timer;
import dev.navis.engine.expr.ExpressionException;
import dev.navis.engine.expr.Expressions.Unresolved;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rebuilds a restored run's runtime indexes from its node rows, once: owners (from Argo's node
 * names), resolved templates, counters, scope variables, timers. The one O(n) pass a run pays
 * after a restart.
 */
final class RunIndexes {

  private static final Pattern ATTEMPT = Pattern.compile("\\((\\d+)\\)$");
  private static final Pattern LOOP_ITEM = Pattern.compile("\\(\\d+:.*\\)$");

  private final Reconciler reconciler;
  private final WorkflowRun run;

  RunIndexes(Reconciler reconciler) {
    this.reconciler = reconciler;
    this.run = reconciler.run;
  }

  void rebuild() {
    List<Node> ordered = new ArrayList<>(run.nodes.values());
    ordered.sort(Comparator.comparingInt(node -> node.name.length()));
    for (Node node : ordered) {
      linkOwner(node);
    }
    restoreExitVars();
    for (Node node : ordered) {
      rebuildNode(node);
    }
    for (Node node : ordered) {
      registerEnded(node);
    }
    for (Node node : ordered) {
      rebuildCounters(node);
    }
    rebuildWorkflowState();
  }

  /** The workflow's lock and deadline, as they were before the restart. */
  private void rebuildWorkflowState() {
    if (run.root == null || run.completed()) {
      return;
    }
    run.workflowLocked = run.spec.synchronization() != null;
    Duration deadline = Durations.parse(run.spec.activeDeadlineSeconds());
    if (deadline == null || run.startedAt == null) {
      return;
    }
    Instant at = run.startedAt.plus(deadline);
    if (run.stopping() && !reconciler.now.isBefore(at)) {
      run.deadlineExceeded = true;
    } else {
      reconciler.schedule(at, null, Timer.Kind.WORKFLOW_DEADLINE);
    }
  }

  /** Scope variables first: re-planning a group needs its earlier siblings' outputs. */
  private void registerEnded(Node node) {
    if (!node.completed() || Node.CONTAINER.equals(node.type)) {
      return;
    }
    if (Node.STEP_GROUP.equals(node.type) || Node.TASK_GROUP.equals(node.type)) {
      reconciler.steps.aggregateLoops(node);
    }
    reconciler.vars.registerScope(node);
  }

  private void linkOwner(Node node) {
    String name = node.name;
    if (name.equals(run.name())) {
      run.root = node;
      return;
    }
    if (Node.CONTAINER.equals(node.type)) {
      return;
    }
    if (name.equals(run.name() + ".onExit") || name.equals(run.name() + ".hooks.exit")) {
      run.exitNode = node;
      return;
    }
    if (name.startsWith(run.name() + ".hooks.")) {
      run.hookNodes.put(name.substring(run.name().length() + 7), node);
      return;
    }
    Node prefix = longestPrefix(name);
    if ((name.endsWith(".onExit") || name.contains(".hooks.")) && prefix != null
        && !Node.STEP_GROUP.equals(prefix.type) && !Node.DAG.equals(prefix.type)) {
      node.exitFor = prefix;
      prefix.attached.add(node);
      return;
    }
    node.owner = prefix;
    if (prefix != null) {
      prefix.owned.add(node);
    }
  }

  /** An exit handler that was running sees the same workflow.status and failures again. */
  private void restoreExitVars() {
    if (run.exitNode == null || run.root == null || !run.root.completed()) {
      return;
    }
    run.exitVars.put("workflow.status", WorkflowLogic.finalPhase(run.root.phase));
    run.exitVars.put("workflow.failures", reconciler.vars.failures());
    reconciler.vars.invalidate();
  }

  private Node longestPrefix(String name) {
    for (int i = name.length() - 1; i > 0; i--) {
      char c = name.charAt(i);
      if (c == '.' || c == '[' || c == '(') {
        Node found = run.nodesByName.get(name.substring(0, i));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private void rebuildNode(Node node) {
    if (Node.CONTAINER.equals(node.type)) {
      return;
    }
    node.ownerNotified = node.daemonRunning()
        || node.completed() && node.attached.stream().allMatch(Node::completed);
    if (node.daemonRunning() && Node.POD.equals(node.type)) {
      run.daemons.add(node);
    }
    Node owner = node.owner;
    node.loopItem = owner != null && (Node.STEP_GROUP.equals(owner.type)
        || Node.TASK_GROUP.equals(owner.type)) && LOOP_ITEM.matcher(node.displayName).find();
    Call call = callOf(node);
    node.call = node.loopItem && call != null ? call.withoutLoop() : call;
    if (Node.STEP_GROUP.equals(node.type) || Node.TASK_GROUP.equals(node.type)) {
      return;
    }
    try {
      rebuildTemplate(node);
    } catch (UserError | ExpressionException e) {
      node.template = null;
    }
  }

  private Call callOf(Node node) {
    if (node == run.root) {
      return Call.ofTemplate(run.name(), run.spec.entrypoint(), run.spec.arguments());
    }
    if (node == run.exitNode || node.exitFor != null || run.hookNodes.containsValue(node)) {
      return Hooks.attachedCall(run, node);
    }
    Node owner = node.owner;
    if (owner == null) {
      return null;
    }
    String callName = node.displayName.replaceAll("\\(\\d+:.*\\)$", "");
    return switch (owner.type) {
      case Node.STEP_GROUP -> stepCall(owner, callName);
      case Node.DAG -> taskCall(owner, callName);
      case Node.TASK_GROUP -> owner.call;
      default -> null;
    };
  }

  private Call stepCall(Node group, String name) {
    Node steps = group.owner;
    if (steps == null || steps.template == null || steps.template.steps() == null) {
      return null;
    }
    int index = steps.owned.indexOf(group);
    if (index < 0 || index >= steps.template.steps().size()) {
      return null;
    }
    for (WorkflowStep step : steps.template.steps().get(index)) {
      if (step.name().equals(name)) {
        return Call.of(step);
      }
    }
    return null;
  }

  private Call taskCall(Node dag, String name) {
    if (dag.template == null || dag.template.dag() == null) {
      return null;
    }
    for (DagTask task : dag.template.dag().tasks()) {
      if (task.name().equals(name)) {
        return Call.of(task);
      }
    }
    return null;
  }

  private void rebuildTemplate(Node node) throws UserError {
    Node owner = node.owner;
    Integer retries = null;
    if (owner != null && Node.RETRY.equals(owner.type)) {
      node.rawTemplate = owner.rawTemplate;
      node.scope = owner.scope;
      Matcher attempt = ATTEMPT.matcher(node.name);
      retries = attempt.find() ? Integer.valueOf(attempt.group(1)) : 0;
    } else if (node.call != null) {
      Node boundary = Variables.boundaryOf(node);
      TemplateScope scope = boundary != null && boundary.scope != null ? boundary.scope
          : run.scope;
      Launcher.Resolved resolved = reconciler.launcher.resolve(scope, node.call);
      node.rawTemplate = resolved.template();
      node.scope = resolved.scope();
    }
    if (node.rawTemplate == null || Node.RETRY.equals(node.type)
        || Node.SKIPPED.equals(node.type)) {
      return;
    }
    List<Parameter> inputs = node.inputs == null || node.inputs.parameters() == null
        ? List.of() : node.inputs.parameters();
    Unresolved mode = node.launched() ? Unresolved.FAIL : Unresolved.KEEP;
    node.template = SpecEdits.withInputs(Templating.substitute(node.rawTemplate,
        Template.class, reconciler.vars.forTemplate(node, inputs, retries), mode), node.inputs);
  }

  private void rebuildCounters(Node node) {
    switch (node.type == null ? "" : node.type) {
      case Node.POD, Node.HTTP -> countPod(node);
      case Node.SUSPEND -> countSuspend(node);
      case Node.STEP_GROUP, Node.TASK_GROUP -> rebuildGroup(node);
      case Node.DAG -> rebuildDag(node);
      default -> { }
    }
    boolean boundary = Node.STEPS.equals(node.type) || Node.DAG.equals(node.type);
    if (boundary && Phases.PENDING.equals(node.phase)) {
      run.waitingBoundaries.add(node);
      run.lockWaiting.add(node);
    } else if (boundary && !node.completed()) {
      node.locks = heldLocks(node);
    }
    if (!node.completed() && node.template != null && node.startedAt != null) {
      scheduleDeadline(node);
    }
    if (!node.completed() && Node.RETRY.equals(node.type)) {
      reconciler.enqueue(node);
    }
  }

  private void countPod(Node node) {
    node.counted = true;
    run.leafTotal++;
    if (node.completed()) {
      run.leafEnded++;
    } else if (Phases.PENDING.equals(node.phase)) {
      run.waitingPods.add(node);
      if (node.message != null && node.message.endsWith(" lock")) {
        run.lockWaiting.add(node);
      }
    } else {
      run.runningLeaves.add(node);
      node.locks = heldLocks(node);
    }
  }

  private List<String> heldLocks(Node node) {
    if (node.template == null || node.template.synchronization() == null) {
      return null;
    }
    return List.copyOf(
        Locks.keys(run, node.template.synchronization(), reconciler.ports).keySet());
  }

  private void countSuspend(Node node) {
    if (!node.completed()) {
      run.runningLeaves.add(node);
      reconciler.enqueue(node);
      var suspend = node.template == null ? null : node.template.suspend();
      Duration wait = suspend == null ? null : Durations.parse(suspend.duration());
      if (wait != null) {
        reconciler.schedule(node.startedAt.plus(wait), node, Timer.Kind.WAKE);
      }
    }
  }

  private void scheduleDeadline(Node node) {
    Template template = node.template;
    String limit = template.activeDeadlineSeconds() != null ? template.activeDeadlineSeconds()
        : template.timeout();
    Duration duration = limit == null ? null : Durations.parse(limit);
    if (duration != null) {
      reconciler.schedule(node.startedAt.plus(duration), node, Timer.Kind.DEADLINE);
    }
  }

  private void rebuildGroup(Node group) {
    Fanout fanout = new Fanout();
    group.fanout = fanout;
    if (Node.STEP_GROUP.equals(group.type)) {
      planSteps(group, fanout);
    } else if (group.call != null && group.owner != null) {
      reconciler.steps.plan(group.owner, group, group.call, fanout);
    }
    restoreLoopChildren(group, fanout);
    dropStarted(fanout);
    for (Node child : group.owned) {
      fanout.started++;
      if (child.completed() || child.daemonRunning()) {
        countEnded(fanout, child);
      }
    }
    if (!group.completed()) {
      reconciler.enqueue(group);
    }
  }

  private void planSteps(Node group, Fanout fanout) {
    Node steps = group.owner;
    int index = steps == null ? -1 : steps.owned.indexOf(group);
    if (index < 0 || steps.template == null || index >= steps.template.steps().size()) {
      return;
    }
    for (WorkflowStep step : steps.template.steps().get(index)) {
      reconciler.steps.plan(steps, group, Call.of(step), fanout);
    }
  }

  /**
   * Adds back the loop items a group's stored row did not list yet (its row is stored only
   * now and then while items start, see Reconciler#touchChildren). They are the last started,
   * and items start in planned order.
   */
  private void restoreLoopChildren(Node group, Fanout fanout) {
    Set<String> listed = new HashSet<>(group.children);
    for (Fanout.Planned planned : fanout.planned) {
      Node item = planned.loopItem() ? run.nodesByName.get(planned.name()) : null;
      if (item != null && item.owner == group && listed.add(item.id)) {
        group.children.add(item.id);
      }
    }
  }

  private void dropStarted(Fanout fanout) {
    fanout.planned.removeIf(planned -> run.nodesByName.containsKey(planned.name()));
  }

  private static void countEnded(Fanout fanout, Node child) {
    fanout.ended++;
    if (Phases.unsuccessful(child.phase)
        && (child.call == null || !child.call.continuesOn(child.phase))) {
      fanout.unsuccessful++;
      if (fanout.firstFailure == null) {
        fanout.firstFailure = child;
      }
    }
  }

  /** The same for a DAG's root tasks, which start in the order of its included tasks. */
  private void restoreRootChildren(Node dag, Fanout fanout) {
    Set<String> listed = new HashSet<>(dag.children);
    for (String name : fanout.included) {
      Node task = fanout.taskNodes.get(name);
      Call call = fanout.tasks.get(name);
      boolean root = reconciler.dag.expression(dag, call).taskNames().isEmpty();
      if (task != null && root && listed.add(task.id)) {
        dag.children.add(task.id);
      }
    }
  }

  private void rebuildDag(Node dag) {
    if (dag.completed() || dag.template == null || !reconciler.dag.index(dag)) {
      return;
    }
    Fanout fanout = dag.fanout;
    for (Node task : dag.owned) {
      if (task.call == null) {
        continue;
      }
      fanout.taskNodes.put(task.call.name(), task);
      fanout.started++;
      if (task.completed() || task.daemonRunning()) {
        countEnded(fanout, task);
      }
    }
    restoreRootChildren(dag, fanout);
    if (!dag.completed()) {
      reconciler.enqueue(dag);
    }
  }
}
