package dev.navis.engine;

import dev.navis.api.model.NodeStatus;
import dev.navis.engine.WorkflowRun.Timer;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconcile of one run: the state it collects (actions, changed nodes, phase changes), the
 * one place phases change, and the queue of nodes to assess again. Everything a completion
 * affects is reached through owners, never by walking the tree.
 */
final class Reconciler {

  private static final Logger log = LoggerFactory.getLogger(Engine.class);

  final WorkflowRun run;
  final EnginePorts ports;
  final Instant now;
  final List<Action> actions = new ArrayList<>();
  final Map<String, Node> changed = new LinkedHashMap<>();
  final List<PhaseChange> phaseChanges = new ArrayList<>();
  final List<String> removed = new ArrayList<>();
  final Variables vars;
  final Launcher launcher;
  final StepsLogic steps;
  final DagLogic dag;
  final RetryLogic retry;
  final WorkflowLogic workflow;
  final Hooks hooks;
  private final ArrayDeque<Node> dirty = new ArrayDeque<>();
  private final Set<Node> queued = new HashSet<>();
  boolean workflowDirty;
  boolean slotFreed;
  /** Set when the run must be reconciled again at once (after a retry). */
  boolean wakeNow;

  Reconciler(WorkflowRun run, EnginePorts ports, Instant now) {
    this.run = run;
    this.ports = ports;
    this.now = now;
    this.vars = new Variables(this);
    this.launcher = new Launcher(this);
    this.steps = new StepsLogic(this);
    this.dag = new DagLogic(this);
    this.retry = new RetryLogic(this);
    this.workflow = new WorkflowLogic(this);
    this.hooks = new Hooks(this);
  }

  /** Changes a node's phase and message: stamps times, records and logs the change. */
  void markPhase(Node node, String to, String message) {
    String from = node.phase;
    if (Objects.equals(from, to) && Objects.equals(node.message, message)) {
      return;
    }
    node.phase = to;
    node.message = message;
    stampTimes(node, to);
    touch(node);
    if (Objects.equals(from, to)) {
      return;
    }
    if (node.call != null && node.call.hooks() != null) {
      hooks.assessStepHooks(node);
    }
    phaseChanges.add(new PhaseChange(run.name(), node.id, node.name, from, to, now, message));
    log.atDebug().addKeyValue("workflow", run.name()).addKeyValue("node", node.name)
        .addKeyValue("from", from).addKeyValue("to", to).log("node phase changed");
    if (Phases.completed(to) && !Phases.completed(from)) {
      onEnded(node);
    }
  }

  private void stampTimes(Node node, String to) {
    if (node.startedAt == null && !Phases.PENDING.equals(to)) {
      node.startedAt = now;
    }
    if (Phases.completed(to) && node.finishedAt == null) {
      node.finishedAt = now;
    }
  }

  /** Changes the workflow's phase and message, the same way as a node's. */
  void markWorkflowPhase(String to, String message) {
    String from = run.phase;
    if (Objects.equals(from, to) && Objects.equals(run.message, message)) {
      return;
    }
    run.phase = to;
    run.message = message;
    if (Phases.RUNNING.equals(to) && run.startedAt == null) {
      run.startedAt = now;
    }
    if (run.completed() && run.finishedAt == null) {
      run.finishedAt = now;
    }
    if (!Objects.equals(from, to)) {
      phaseChanges.add(new PhaseChange(run.name(), null, null, from, to, now, message));
      log.atDebug().addKeyValue("workflow", run.name()).addKeyValue("from", from)
          .addKeyValue("to", to).log("workflow phase changed");
    }
  }

  /** Records that a node's status changed in this step. */
  void touch(Node node) {
    changed.put(node.id, node);
  }

  /**
   * Records that a node gained a child that a restore can add back by itself (a loop item, a
   * DAG's root task). A loop's group gains one per item: storing its row, every child id so
   * far, each time would cost the square of the items, so the row is stored once its children
   * grew by a quarter since last stored (or with any other change of it).
   */
  void touchChildren(Node parent) {
    int stored = parent.childrenStored;
    if (parent.children.size() > stored + stored / 4) {
      touch(parent);
    }
  }

  /** Asks for {@code node} to be assessed again before this reconcile ends. */
  void enqueue(Node node) {
    if (node != null && queued.add(node)) {
      dirty.add(node);
    }
  }

  void schedule(Instant at, Node node, Timer.Kind kind) {
    run.timers.add(new Timer(at, node, kind));
  }

  /** Assesses queued nodes until nothing changes any more. */
  void drain() {
    while (true) {
      Node node = dirty.poll();
      if (node != null) {
        queued.remove(node);
        assess(node);
      } else if (slotFreed) {
        slotFreed = false;
        launcher.startWaitingPods();
      } else if (workflowDirty) {
        workflowDirty = false;
        workflow.assess();
      } else {
        return;
      }
    }
  }

  private void assess(Node node) {
    if (node.completed() || Phases.PENDING.equals(node.phase)) {
      return;
    }
    switch (node.type) {
      case Node.STEPS -> steps.assessSteps(node);
      case Node.STEP_GROUP, Node.TASK_GROUP -> steps.assessGroup(node);
      case Node.DAG -> dag.assess(node);
      case Node.RETRY -> retry.assess(node);
      case Node.SUSPEND -> launcher.assessSuspend(node);
      default -> { }
    }
  }

  private void onEnded(Node node) {
    if (node.counted) {
      run.leafEnded++;
      run.runningLeaves.remove(node);
      slotFreed = true;
    }
    launcher.leaves().unwait(node);
    launcher.releaseLocks(node);
    launcher.leaves().saveMemo(node);
    if (!run.daemons.isEmpty() && (Node.STEPS.equals(node.type) || Node.DAG.equals(node.type))) {
      stopDaemons(node);
    }
    vars.exportGlobals(node);
    if (node.exitFor != null) {
      notifyWhenSettled(node.exitFor);
      return;
    }
    if (node.call != null && !Phases.OMITTED.equals(node.phase)
        && !Phases.SKIPPED.equals(node.phase)) {
      launcher.startExitHandler(node);
    }
    notifyWhenSettled(node);
  }

  /**
   * A daemon is running: its caller goes on as if it had ended, and it is stopped when the
   * template that started it ends.
   */
  void daemonStarted(Node node) {
    node.daemoned = true;
    if (Node.POD.equals(node.type)) {
      run.daemons.add(node);
    }
    if (!node.ownerNotified) {
      node.ownerNotified = true;
      notifyOwner(node);
    }
  }

  /** Stops the daemons a steps or DAG node started, now that it ended. */
  private void stopDaemons(Node boundary) {
    for (Node daemon : List.copyOf(run.daemons)) {
      if (boundary.id.equals(daemon.boundaryId) && !daemon.completed()) {
        // The daemon did its job: it succeeds now, and its process is stopped.
        actions.add(new Action.StopNode(daemon.id, Leaves.DAEMON_DONE));
        run.daemons.remove(daemon);
        run.runningLeaves.remove(daemon);
        markPhase(daemon, Phases.SUCCEEDED, null);
      }
    }
  }

  /** Notifies a step's owner once it and everything attached to it have ended. */
  private void notifyWhenSettled(Node node) {
    if (node.ownerNotified || !node.completed()) {
      return;
    }
    for (Node attached : node.attached) {
      if (!attached.completed()) {
        return;
      }
    }
    node.ownerNotified = true;
    notifyOwner(node);
  }

  /** Tells a node's owner that it ended: counters, scope variables, reassessment. */
  void notifyOwner(Node node) {
    Node owner = node.owner;
    if (owner == null) {
      workflowDirty = true;
      return;
    }
    Fanout fanout = owner.fanout;
    if (fanout != null) {
      countEnd(owner, fanout, node);
    }
    vars.registerScope(node);
    enqueue(owner);
  }

  private void countEnd(Node owner, Fanout fanout, Node node) {
    fanout.ended++;
    boolean dagTask = Node.DAG.equals(owner.type) && node.call != null;
    if (Phases.unsuccessful(node.phase)
        && (node.call == null || !node.call.continuesOn(node.phase))
        && !(dagTask && dag.failureHandled(owner, node.call.name()))) {
      fanout.unsuccessful++;
      if (fanout.firstFailure == null) {
        fanout.firstFailure = node;
      }
    }
    if (dagTask) {
      fanout.candidates.addAll(fanout.dependents.getOrDefault(node.call.name(), List.of()));
    }
  }

  Reconciliation result() {
    List<NodeStatus> statuses = new ArrayList<>(changed.size());
    for (Node node : changed.values()) {
      statuses.add(node.toStatus());
      node.childrenStored = node.children.size();
    }
    return new Reconciliation(run.status(null), statuses, List.copyOf(removed),
        List.copyOf(actions), wakeAt(), List.copyOf(phaseChanges));
  }

  private Instant wakeAt() {
    if (wakeNow) {
      return now;
    }
    if (run.completed()) {
      return null;
    }
    while (!run.timers.isEmpty() && staleTimer(run.timers.peek())) {
      run.timers.poll();
    }
    Instant at = run.timers.isEmpty() ? null : run.timers.peek().at();
    boolean workflowWaits = run.root == null && Phases.PENDING.equals(run.phase)
        && run.message != null;
    if ((launcher.waitsForLocks() || workflowWaits) && !run.completed()) {
      Instant poll = now.plusSeconds(5);
      at = at == null || poll.isBefore(at) ? poll : at;
    }
    return at;
  }

  private boolean staleTimer(Timer timer) {
    if (timer.kind() == Timer.Kind.WORKFLOW_DEADLINE) {
      return run.completed();
    }
    return timer.node().completed();
  }

  /** Pops the timers that are due and acts on them. */
  void fireTimers() {
    while (!run.timers.isEmpty() && !run.timers.peek().at().isAfter(now)) {
      Timer timer = run.timers.poll();
      switch (timer.kind()) {
        case WAKE -> enqueue(timer.node());
        case DEADLINE -> launcher.expire(timer.node());
        case WORKFLOW_DEADLINE -> workflow.expire();
      }
    }
  }
}
