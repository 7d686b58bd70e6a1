package dev.navis.engine;

import dev.navis.api.model.Artifact;
import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Outputs;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowSpec;
import dev.navis.api.model.WorkflowStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * One run of a workflow as the engine sees it: the submitted workflow, its node tree and the
 * indexes that keep a reconcile proportional to what changed. Not thread-safe: one reconcile
 * at a time.
 */
public final class WorkflowRun {

  /** A time at which a node must be assessed again (deadline, backoff, suspend). */
  record Timer(Instant at, Node node, Kind kind) {

    enum Kind { WAKE, DEADLINE, WORKFLOW_DEADLINE }
  }

  final Workflow workflow;
  final Map<String, Node> nodes = new LinkedHashMap<>();
  final Map<String, Node> nodesByName = new HashMap<>();
  String phase;
  Instant startedAt;
  Instant finishedAt;
  String message;
  final Map<String, String> globalOutputs = new LinkedHashMap<>();
  /** Output artifacts exported with a globalName, by that name. */
  final Map<String, Artifact> globalArtifacts = new LinkedHashMap<>();
  String shutdown;
  boolean suspended;

  // runtime indexes, rebuilt after a restore
  WorkflowSpec spec;
  TemplateScope scope;
  Node root;
  Node exitNode;
  boolean exitDone;
  final PriorityQueue<Timer> timers = new PriorityQueue<>(Comparator.comparing(Timer::at));
  final Set<Node> waitingPods = new LinkedHashSet<>();
  final Set<Node> waitingBoundaries = new LinkedHashSet<>();
  final Set<Node> runningLeaves = new LinkedHashSet<>();
  final Set<Node> daemons = new LinkedHashSet<>();
  final Map<String, String> stopReasons = new HashMap<>();
  final Map<String, Node> hookNodes = new LinkedHashMap<>();
  final Map<String, String> exitVars = new HashMap<>();
  int leafTotal;
  final Set<Node> lockWaiting = new java.util.HashSet<>();
  int leafEnded;
  boolean workflowLocked;
  boolean deadlineExceeded;
  boolean restored;
  /** workflow.creationTimestamp.* variables: fixed for the run, so formatted once. */
  Map<String, String> creationVars;

  private WorkflowRun(Workflow workflow) {
    this.workflow = workflow;
    WorkflowSpec given = workflow.spec();
    this.shutdown = given == null ? null : given.shutdown();
    this.suspended = given != null && Boolean.TRUE.equals(given.suspend());
  }

  /**
   * A new run of a workflow whose metadata has name, namespace, uid, creationTimestamp and whose
   * spec.arguments already hold the submitter's overrides. Phase Pending.
   */
  public static WorkflowRun start(Workflow workflow) {
    WorkflowRun run = new WorkflowRun(workflow.withStatus(null));
    run.phase = Phases.PENDING;
    return run;
  }

  /** A run rebuilt from storage: workflow (with status, nodes==null) + its node rows. */
  public static WorkflowRun restore(Workflow workflow, List<NodeStatus> nodes) {
    WorkflowRun run = new WorkflowRun(workflow.withStatus(null));
    WorkflowStatus status = workflow.status();
    run.phase = status == null || status.phase() == null ? Phases.PENDING : status.phase();
    if (status != null) {
      run.startedAt = status.startedAt();
      run.finishedAt = status.finishedAt();
      run.message = status.message();
      restoreGlobalOutputs(run, status.outputs());
    }
    for (NodeStatus node : nodes) {
      run.add(Node.from(node));
    }
    run.restored = true;
    return run;
  }

  private static void restoreGlobalOutputs(WorkflowRun run, Outputs outputs) {
    if (outputs != null && outputs.artifacts() != null) {
      outputs.artifacts().forEach(artifact -> run.globalArtifacts.put(artifact.name(),
          artifact));
    }
    if (outputs == null || outputs.parameters() == null) {
      return;
    }
    for (Parameter parameter : outputs.parameters()) {
      run.globalOutputs.put(parameter.name(), parameter.value());
    }
  }

  /** The workflow in Argo's shape, {@code status.nodes} filled and keyed by id. */
  public Workflow toWorkflow() {
    Map<String, NodeStatus> statuses = new LinkedHashMap<>();
    for (Node node : nodes.values()) {
      statuses.put(node.id, node.toStatus());
    }
    return workflow.withSpec(specShown()).withStatus(status(statuses));
  }

  public String phase() {
    return phase;
  }

  public String uid() {
    return workflow.metadata().uid();
  }

  String name() {
    return workflow.metadata().name();
  }

  String namespace() {
    String namespace = workflow.metadata().namespace();
    return namespace == null ? "default" : namespace;
  }

  boolean completed() {
    return Phases.SUCCEEDED.equals(phase) || Phases.FAILED.equals(phase)
        || Phases.ERROR.equals(phase);
  }

  boolean stopping() {
    return shutdown != null;
  }

  void add(Node node) {
    nodes.put(node.id, node);
    nodesByName.put(node.name, node);
  }

  WorkflowStatus status(Map<String, NodeStatus> nodeStatuses) {
    Outputs outputs = null;
    if (!globalOutputs.isEmpty() || !globalArtifacts.isEmpty()) {
      List<Parameter> parameters = new ArrayList<>();
      globalOutputs.forEach((name, value) -> parameters.add(Parameter.of(name, value)));
      List<Artifact> artifacts = new ArrayList<>();
      globalArtifacts.forEach((name, artifact) -> artifacts.add(SpecEdits.renamed(artifact,
          name)));
      outputs = new Outputs(parameters.isEmpty() ? null : parameters,
          artifacts.isEmpty() ? null : artifacts, null, null);
    }
    String progress = leafTotal == 0 ? null : leafEnded + "/" + leafTotal;
    return new WorkflowStatus(phase, startedAt, finishedAt, progress, message, nodeStatuses,
        outputs, null, null, null, null);
  }

  private WorkflowSpec specShown() {
    WorkflowSpec given = workflow.spec();
    if (given == null) {
      return null;
    }
    boolean sameShutdown = java.util.Objects.equals(shutdown, given.shutdown());
    boolean sameSuspend = suspended == Boolean.TRUE.equals(given.suspend());
    if (sameShutdown && sameSuspend) {
      return given;
    }
    return SpecEdits.withControl(given, shutdown, suspended ? Boolean.TRUE : null);
  }
}
