package dev.navis.engine;

import dev.navis.api.model.Memoize;
import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Outputs;
import dev.navis.api.model.Synchronization;
import dev.navis.api.model.Template;
import dev.navis.api.model.WorkflowSpec;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.spi.NodeResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Leaf nodes (pods and suspends): starting them within the workflow's parallelism, its locks
 * and its suspension; stopping them; taking in how they ended.
 */
final class Leaves {

  private static final String IGNORED = "ignored on a host: ";
  /** Why a daemon is stopped when the template that started it ends; it then succeeded. */
  static final String DAEMON_DONE = "daemon no longer needed: its caller ended";

  private final Reconciler reconciler;
  private final WorkflowRun run;

  Leaves(Reconciler reconciler) {
    this.reconciler = reconciler;
    this.run = reconciler.run;
  }

  /**
   * A new pod (or http) node: a memo hit ends it at once, else it starts or waits for room. An
   * http template's node has Argo's type HTTP but is otherwise started and ended like a pod.
   */
  void startPod(Node node) {
    node.type = node.template.type() == Template.Type.HTTP ? Node.HTTP : Node.POD;
    node.counted = true;
    run.leafTotal++;
    if (memoHit(node)) {
      return;
    }
    Blocker blocker = blocker(node);
    if (blocker != null) {
      wait(node, blocker);
      return;
    }
    launch(node);
  }

  /**
   * What keeps a pod from starting: the workflow as a whole (suspended, at its parallelism),
   * which holds back every later pod too, or a lock of its own.
   */
  private record Blocker(String message, boolean wholeWorkflow) {}

  private void wait(Node node, Blocker blocker) {
    if (blocker.wholeWorkflow()) {
      run.lockWaiting.remove(node);
    } else {
      run.lockWaiting.add(node);
    }
    run.waitingPods.add(node);
    reconciler.markPhase(node, Phases.PENDING, blocker.message());
  }

  /** Stops counting a pod that no longer waits. */
  void unwait(Node node) {
    run.waitingPods.remove(node);
    run.lockWaiting.remove(node);
  }

  /** What keeps a pod from starting now, or null. */
  private Blocker blocker(Node node) {
    if (run.suspended) {
      return new Blocker("workflow suspended", true);
    }
    Long parallelism = run.spec.parallelism();
    if (parallelism != null && parallelism > 0 && run.runningLeaves.size() >= parallelism) {
      return new Blocker("Waiting for parallelism " + parallelism, true);
    }
    String lock = acquireLocks(node);
    return lock == null ? null : new Blocker(lock, false);
  }

  private void launch(Node node) {
    run.runningLeaves.add(node);
    // An http request has no pod, so pod fields are not worth a word on its node.
    String ignored = Node.HTTP.equals(node.type) ? null : ignoredFields(run.spec, node.template);
    reconciler.markPhase(node, Phases.RUNNING, ignored);
    reconciler.launcher.scheduleDeadline(node, node.template);
    reconciler.actions.add(new Action.StartNode(launchOf(node)));
    if (Boolean.TRUE.equals(node.template.daemon())) {
      reconciler.daemonStarted(node);
    }
  }

  /**
   * Keeps a steps or DAG node Pending while its template's locks are held elsewhere; true when
   * it must wait. A boundary holds its locks until it ends.
   */
  boolean holdBoundary(Node node) {
    String blocker = acquireLocks(node);
    if (blocker == null) {
      return false;
    }
    run.waitingBoundaries.add(node);
    run.lockWaiting.add(node);
    reconciler.markPhase(node, Phases.PENDING, blocker);
    return true;
  }

  private void startWaitingBoundaries() {
    Iterator<Node> waiting = run.waitingBoundaries.iterator();
    while (waiting.hasNext()) {
      Node node = waiting.next();
      if (node.completed()) {
        waiting.remove();
        run.lockWaiting.remove(node);
      } else if (acquireLocks(node) == null) {
        waiting.remove();
        run.lockWaiting.remove(node);
        reconciler.markPhase(node, Phases.RUNNING, null);
        reconciler.enqueue(node);
      }
    }
  }

  /** Starts waiting pods, in the order they began to wait, while room is left. */
  void startWaiting() {
    if (!run.waitingBoundaries.isEmpty() && !run.suspended) {
      startWaitingBoundaries();
    }
    Iterator<Node> waiting = run.waitingPods.iterator();
    while (waiting.hasNext()) {
      Node node = waiting.next();
      Blocker blocker = blocker(node);
      if (blocker == null) {
        run.lockWaiting.remove(node);
        waiting.remove();
        launch(node);
      } else if (blocker.wholeWorkflow()) {
        return;
      }
    }
  }

  boolean waitsForLocks() {
    return !run.lockWaiting.isEmpty();
  }

  private String acquireLocks(Node node) {
    Synchronization sync = node.template == null ? null : node.template.synchronization();
    if (sync == null) {
      return null;
    }
    String holder = run.namespace() + "/" + run.name() + "/" + node.id;
    List<String> held = new ArrayList<>();
    for (Map.Entry<String, Integer> lock : Locks.keys(run, sync, reconciler.ports).entrySet()) {
      if (!reconciler.ports.locks().tryAcquire(lock.getKey(), lock.getValue(), holder)) {
        held.forEach(key -> reconciler.ports.locks().release(key, holder));
        return "Waiting for " + lock.getKey() + " lock";
      }
      held.add(lock.getKey());
    }
    node.locks = held;
    return null;
  }

  void releaseLocks(Node node) {
    if (node.locks == null) {
      return;
    }
    String holder = run.namespace() + "/" + run.name() + "/" + node.id;
    node.locks.forEach(key -> reconciler.ports.locks().release(key, holder));
    node.locks = null;
    reconciler.slotFreed = true;
  }

  /** Whether the template's memoized outputs end the node at once (Succeeded, from cache). */
  boolean memoHit(Node node) {
    Memoize memoize = node.template.memoize();
    if (memoize == null || reconciler.ports.memo() == null) {
      return false;
    }
    String cache = cacheName(memoize);
    Duration maxAge = memoize.maxAge() == null ? null : Durations.parse(memoize.maxAge());
    Optional<Outputs> saved =
        reconciler.ports.memo().load(cache, memoize.key(), maxAge, reconciler.now);
    node.memoizationStatus = new NodeStatus.MemoizationStatus(saved.isPresent(),
        memoize.key(), cache);
    if (saved.isEmpty()) {
      return false;
    }
    node.outputs = saved.get();
    reconciler.markPhase(node, Phases.SUCCEEDED, null);
    return true;
  }

  private static String cacheName(Memoize memoize) {
    if (memoize.cache() == null || memoize.cache().configMap() == null) {
      return "default";
    }
    return memoize.cache().configMap().name();
  }

  /** Takes in how an executor says a leaf ended. */
  void end(Node node, NodeResult result) {
    if (node.completed() || !node.launched()) {
      return;
    }
    run.runningLeaves.remove(node);
    String phase = result.phase();
    String message = result.message();
    String reason = run.stopReasons.remove(node.id);
    run.daemons.remove(node);
    if (reason != null && !Phases.SUCCEEDED.equals(phase)) {
      phase = Phases.FAILED;
      message = reason;
    }
    try {
      node.outputs = InputResolver.outputs(node.template, result);
    } catch (UserError e) {
      node.outputs = new Outputs(null, null, result.result(), exitCode(result));
      if (Phases.SUCCEEDED.equals(phase)) {
        phase = Phases.ERROR;
        message = e.getMessage();
      }
    }
    if (result.startedAt() != null) {
      node.startedAt = result.startedAt();
    }
    addContainers(node, result);
    if (message == null && node.message != null && node.message.startsWith(IGNORED)) {
      message = node.message;
    }
    reconciler.markPhase(node, phase, message);
  }

  private static String exitCode(NodeResult result) {
    return result.exitCode() == null ? null : result.exitCode().toString();
  }

  private void addContainers(Node pod, NodeResult result) {
    if (result.containers() == null) {
      return;
    }
    for (NodeResult.ContainerResult container : result.containers()) {
      String name = pod.name + "." + container.name();
      Node child = run.nodesByName.get(name);
      if (child == null) {
        child = new Node(NodeIds.id(run.name(), name), name);
        child.displayName = container.name();
        child.type = Node.CONTAINER;
        child.boundaryId = pod.boundaryId;
        child.templateName = pod.templateName;
        run.add(child);
        pod.children.add(child.id);
      }
      child.outputs = container.exitCode() == null ? null
          : new Outputs(null, null, null, container.exitCode().toString());
      reconciler.markPhase(child, container.phase(), container.message());
      child.startedAt = container.startedAt();
      child.finishedAt = container.finishedAt();
    }
  }

  /** After a memoized template succeeded without a cache hit: save its outputs. */
  void saveMemo(Node node) {
    if (node.memoizationStatus == null || Boolean.TRUE.equals(node.memoizationStatus.hit())
        || !Phases.SUCCEEDED.equals(node.phase)) {
      return;
    }
    reconciler.actions.add(new Action.SaveMemo(node.memoizationStatus.cacheName(),
        node.memoizationStatus.key(), node.outputs));
  }

  void stop(Node node, String reason) {
    run.stopReasons.put(node.id, reason);
    reconciler.actions.add(new Action.StopNode(node.id, reason));
  }

  /** Stops a running pod, or fails a leaf that has no process (suspend, waiting pod). */
  void stopOrFail(Node node, String reason) {
    if (node.launched() && Phases.RUNNING.equals(node.phase)) {
      stop(node, reason);
    } else {
      run.runningLeaves.remove(node);
      reconciler.markPhase(node, Phases.FAILED, reason);
    }
  }

  NodeLaunch launchOf(Node node) {
    Map<String, String> env = new LinkedHashMap<>();
    String podName = NodeIds.podName(run.name(), node.name, node.templateName);
    env.put("ARGO_WORKFLOW_NAME", run.name());
    env.put("ARGO_WORKFLOW_UID", String.valueOf(run.uid()));
    env.put("ARGO_NAMESPACE", run.namespace());
    env.put("ARGO_NODE_ID", node.id);
    env.put("ARGO_POD_NAME", podName);
    env.put("ARGO_TEMPLATE_NAME", String.valueOf(node.templateName));
    return new NodeLaunch(run.namespace(), run.name(), run.uid(), node.id, node.name, podName,
        node.template, env);
  }

  /**
   * Kubernetes-only pod fields the workflow (for every pod) or the template sets, said once in
   * the node's message.
   */
  static String ignoredFields(WorkflowSpec spec, Template template) {
    List<String> ignored = new ArrayList<>();
    addIf(ignored, spec.volumes(), "spec.volumes");
    addIf(ignored, spec.volumeClaimTemplates(), "spec.volumeClaimTemplates");
    addIf(ignored, spec.nodeSelector(), "spec.nodeSelector");
    addIf(ignored, spec.affinity(), "spec.affinity");
    addIf(ignored, spec.tolerations(), "spec.tolerations");
    addIf(ignored, spec.imagePullSecrets(), "spec.imagePullSecrets");
    addIf(ignored, spec.securityContext(), "spec.securityContext");
    addIf(ignored, spec.dnsConfig(), "spec.dnsConfig");
    addIf(ignored, spec.dnsPolicy(), "spec.dnsPolicy");
    addIf(ignored, spec.hostNetwork(), "spec.hostNetwork");
    addIf(ignored, spec.hostAliases(), "spec.hostAliases");
    addIf(ignored, spec.podSpecPatch(), "spec.podSpecPatch");
    addIf(ignored, spec.podPriorityClassName(), "spec.podPriorityClassName");
    addIf(ignored, spec.schedulerName(), "spec.schedulerName");
    addIf(ignored, template.volumes(), "volumes");
    addIf(ignored, template.nodeSelector(), "nodeSelector");
    addIf(ignored, template.affinity(), "affinity");
    addIf(ignored, template.tolerations(), "tolerations");
    addIf(ignored, template.securityContext(), "securityContext");
    addIf(ignored, template.podSpecPatch(), "podSpecPatch");
    addIf(ignored, template.initContainers(), "initContainers");
    addIf(ignored, template.sidecars(), "sidecars");
    addIf(ignored, template.serviceAccountName(), "serviceAccountName");
    addIf(ignored, template.priorityClassName(), "priorityClassName");
    addIf(ignored, template.schedulerName(), "schedulerName");
    addIf(ignored, template.hostAliases(), "hostAliases");
    return ignored.isEmpty() ? null : IGNORED + String.join(", ", ignored);
  }

  private static void addIf(List<String> ignored, Object value, String name) {
    if (value != null) {
      ignored.add(name);
    }
  }
}
