package dev.navis.engine;

import dev.navis.api.model.Inputs;
import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Outputs;
import dev.navis.api.model.Template;
import dev.navis.api.model.TemplateRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a run while the engine works on it: Argo's status fields plus runtime indexes
 * (owner, counters, resolved template) that are rebuilt from the status after a restore.
 */
final class Node {

  static final String POD = "Pod";
  /** An http template's node: a request the executor makes instead of a process. */
  static final String HTTP = "HTTP";
  static final String STEPS = "Steps";
  static final String STEP_GROUP = "StepGroup";
  static final String DAG = "DAG";
  static final String TASK_GROUP = "TaskGroup";
  static final String RETRY = "Retry";
  static final String SKIPPED = "Skipped";
  static final String SUSPEND = "Suspend";
  static final String CONTAINER = "Container";

  String id;
  String name;
  String displayName;
  String type;
  String templateName;
  TemplateRef templateRef;
  String templateScope;
  String phase;
  String boundaryId;
  List<String> children = new ArrayList<>();
  List<String> outboundNodes;
  Instant startedAt;
  Instant finishedAt;
  String progress;
  String message;
  Inputs inputs;
  Outputs outputs;
  String hostNodeName;
  Boolean daemoned;
  NodeStatus.MemoizationStatus memoizationStatus;

  /** The node whose assessment this node's end feeds (group, DAG, retry...); null for roots. */
  transient Node owner;
  /** Nodes this node created and assesses, in creation order. */
  final transient List<Node> owned = new ArrayList<>();
  /** The step or DAG task this node instantiates, substituted; null when not a step/task. */
  transient Call call;
  /** The template this node runs, with its inputs substituted; rebuilt lazily. */
  transient Template template;
  /** Where template names used by this node resolve. */
  transient TemplateScope scope;
  /** Variables of a steps/DAG boundary: steps.x.* and tasks.x.* of its finished children. */
  transient Map<String, String> scopeVars;
  /** Counters and pending work of a node that fans out children. */
  transient Fanout fanout;
  /** Whether this node is counted in its workflow's leaf progress. */
  transient boolean counted;
  /** Whether this node is one item of a looped step or task. */
  transient boolean loopItem;
  /** The template before substitution, for retry attempts; rebuilt lazily. */
  transient Template rawTemplate;
  /** For a step or task exit handler or hook: the node it is attached to. */
  transient Node exitFor;
  /** Exit handler and hooks attached to this step or task, which its caller waits for. */
  final transient List<Node> attached = new ArrayList<>();
  /** Whether this node's owner was told it ended (once, after its attached nodes). */
  transient boolean ownerNotified;
  /** Loop outputs aggregated when a loop ends: steps.x.outputs.* suffix to JSON text. */
  transient Map<String, String> aggregated;
  /** Lock keys this node holds. */
  transient List<String> locks;
  /** How many children the last stored row of this node listed. */
  transient int childrenStored;

  Node(String id, String name) {
    this.id = id;
    this.name = name;
  }

  boolean completed() {
    return Phases.completed(phase);
  }

  /** A daemon that runs on while its caller moves on, as if it had ended. */
  boolean daemonRunning() {
    return Boolean.TRUE.equals(daemoned) && !completed();
  }

  boolean leaf() {
    return launched() || SUSPEND.equals(type);
  }

  /** Whether an executor runs this node (a pod or an http request). */
  boolean launched() {
    return POD.equals(type) || HTTP.equals(type);
  }

  Map<String, String> scopeVars() {
    if (scopeVars == null) {
      scopeVars = new HashMap<>();
    }
    return scopeVars;
  }

  NodeStatus toStatus() {
    return new NodeStatus(id, name, displayName, type, templateName, templateRef, templateScope,
        phase, boundaryId, children.isEmpty() ? null : List.copyOf(children),
        outboundNodes == null || outboundNodes.isEmpty() ? null : List.copyOf(outboundNodes),
        startedAt, finishedAt, progress, message, inputs, outputs, hostNodeName, daemoned,
        memoizationStatus);
  }

  static Node from(NodeStatus status) {
    Node node = new Node(status.id(), status.name());
    node.displayName = status.displayName();
    node.type = status.type();
    node.templateName = status.templateName();
    node.templateRef = status.templateRef();
    node.templateScope = status.templateScope();
    node.phase = status.phase();
    node.boundaryId = status.boundaryID();
    if (status.children() != null) {
      node.children.addAll(status.children());
    }
    node.childrenStored = node.children.size();
    node.outboundNodes = status.outboundNodes() == null
        ? null : new ArrayList<>(status.outboundNodes());
    node.startedAt = status.startedAt();
    node.finishedAt = status.finishedAt();
    node.progress = status.progress();
    node.message = status.message();
    node.inputs = status.inputs();
    node.outputs = status.outputs();
    node.hostNodeName = status.hostNodeName();
    node.daemoned = status.daemoned();
    node.memoizationStatus = status.memoizationStatus();
    return node;
  }

  @Override
  public String toString() {
    return name + "(" + type + " " + phase + ")";
  }
}
