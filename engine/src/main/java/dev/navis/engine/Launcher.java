package dev.navis.engine;

import dev.navis.api.model.Artifact;
import dev.navis.api.model.Outputs;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Template;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.engine.WorkflowRun.Timer;
import dev.navis.engine.expr.ExpressionException;
import dev.navis.engine.expr.Expressions.Unresolved;
import dev.navis.engine.spi.NodeLaunch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates nodes for calls and runs templates: resolves the template and its inputs, wraps it in
 * a retry node when it has a retry strategy, and starts leaves (or queues them while a limit or
 * a lock holds them back).
 */
final class Launcher {

  /** A template found for a call, with the scope its own calls resolve in. */
  record Resolved(Template template, TemplateScope scope) {}

  private final Reconciler reconciler;
  private final WorkflowRun run;
  private final Leaves leaves;

  Launcher(Reconciler reconciler) {
    this.reconciler = reconciler;
    this.run = reconciler.run;
    this.leaves = new Leaves(reconciler);
  }

  /** Creates and starts the node of one call (a step, task, loop item, exit handler). */
  Node startCall(Node owner, String name, String displayName, Call call, String boundaryId,
      TemplateScope scope) {
    Node node = newCallNode(owner, name, displayName, call, boundaryId);
    runCall(node, scope);
    return node;
  }

  Node newCallNode(Node owner, String name, String displayName, Call call, String boundaryId) {
    Node node = newNode(owner, name, displayName, boundaryId);
    node.call = call;
    node.templateName = call.templateRef() != null ? call.templateRef().template()
        : call.template();
    node.templateRef = call.templateRef();
    return node;
  }

  /** Resolves the template and inputs of a new call node and runs it. */
  void runCall(Node node, TemplateScope scope) {
    Resolved resolved;
    List<Parameter> inputs;
    List<Artifact> artifacts;
    try {
      resolved = resolve(scope, node.call);
      inputs = InputResolver.resolve(resolved.template(), node.call.arguments(),
          reconciler.vars.globals());
      artifacts = ArtifactResolver.resolveInputs(resolved.template(), node.call.arguments(),
          reconciler.vars.forArtifacts(node));
    } catch (UserError e) {
      fail(node, Node.POD, e.getMessage());
      return;
    }
    node.scope = resolved.scope();
    node.templateScope = scopeName(resolved.scope());
    node.rawTemplate = resolved.template();
    node.inputs = InputResolver.inputsOf(inputs, artifacts);
    if (resolved.template().retryStrategy() != null) {
      node.type = Node.RETRY;
      reconciler.markPhase(node, Phases.RUNNING, null);
      reconciler.enqueue(node);
      return;
    }
    execute(node, resolved.template(), inputs, null);
  }

  /** Argo's templateScope: local/ for the workflow, namespaced/ or cluster/ for stored ones. */
  private String scopeName(TemplateScope scope) {
    if (scope.kind() == null) {
      return "local/" + run.name();
    }
    return (WorkflowTemplate.CLUSTER_KIND.equals(scope.kind()) ? "cluster/" : "namespaced/")
        + scope.name();
  }

  Node newNode(Node owner, String name, String displayName, String boundaryId) {
    Node node = new Node(NodeIds.id(run.name(), name), name);
    node.displayName = displayName;
    node.boundaryId = boundaryId;
    node.owner = owner;
    if (owner != null) {
      owner.owned.add(node);
    }
    run.add(node);
    reconciler.touch(node);
    return node;
  }

  Node fail(Node node, String type, String message) {
    if (node.type == null) {
      node.type = type;
    }
    reconciler.markPhase(node, Phases.ERROR, message);
    return node;
  }

  /** A node that will not run: Skipped or Omitted, with why. */
  Node skip(Node owner, String name, String displayName, Call call, String boundaryId,
      String phase, String message) {
    Node node = newNode(owner, name, displayName, boundaryId);
    node.call = call;
    node.type = Node.SKIPPED;
    node.templateName = call.template();
    node.outputs = defaultOutputs(owner, call);
    reconciler.markPhase(node, phase, message);
    return node;
  }

  /** A skipped call's outputs: the defaults its template declares, as Argo gives them. */
  private Outputs defaultOutputs(Node owner, Call call) {
    Node boundary = owner == null ? null
        : Node.STEP_GROUP.equals(owner.type) ? owner.owner : owner;
    TemplateScope scope = boundary != null && boundary.scope != null ? boundary.scope
        : run.scope;
    try {
      return InputResolver.suppliedOutputs(resolve(scope, call).template(), null);
    } catch (UserError e) {
      return null;
    }
  }

  /** Finds the template a call names, with templateDefaults applied. */
  Resolved resolve(TemplateScope scope, Call call) throws UserError {
    Resolved found;
    if (call.inline() != null) {
      found = new Resolved(call.inline(), scope);
    } else if (call.templateRef() != null) {
      found = resolveRef(call);
    } else {
      Template template = scope.spec().template(call.template());
      if (template == null) {
        throw new UserError("template '" + call.template() + "' not found");
      }
      found = new Resolved(template, scope);
    }
    Template template = SpecEdits.withDefaults(found.template(), run.spec.templateDefaults());
    if (template.retryStrategy() == null && run.spec.retryStrategy() != null && isLeaf(template)) {
      template = SpecEdits.withRetryStrategy(template, run.spec.retryStrategy());
    }
    return new Resolved(template, found.scope());
  }

  private Resolved resolveRef(Call call) throws UserError {
    var ref = call.templateRef();
    boolean cluster = Boolean.TRUE.equals(ref.clusterScope());
    EnginePorts.TemplateSource source = reconciler.ports.templates();
    Optional<WorkflowTemplate> stored = source == null ? Optional.empty()
        : cluster ? source.clusterWorkflowTemplate(ref.name())
        : source.workflowTemplate(run.namespace(), ref.name());
    String kind = cluster ? WorkflowTemplate.CLUSTER_KIND : WorkflowTemplate.KIND;
    if (stored.isEmpty() || stored.get().spec() == null) {
      throw new UserError(kind + " '" + ref.name() + "' not found");
    }
    Template template = stored.get().spec().template(ref.template());
    if (template == null) {
      throw new UserError("template '" + ref.template() + "' not found in " + kind + " '"
          + ref.name() + "'");
    }
    return new Resolved(template, new TemplateScope(stored.get().spec(), kind, ref.name()));
  }

  /** Runs {@code raw} as {@code node}: substitutes it and starts what its type needs. */
  void execute(Node node, Template raw, List<Parameter> inputs, Integer retries) {
    Template template;
    if (node.rawTemplate == null) {
      node.rawTemplate = raw;
    }
    try {
      Map<String, String> vars = reconciler.vars.forTemplate(node, inputs, retries);
      Unresolved mode = isLeaf(raw) ? Unresolved.FAIL : Unresolved.KEEP;
      template = Templating.substitute(raw, Template.class, vars, mode);
    } catch (ExpressionException e) {
      fail(node, Node.POD, e.getMessage());
      return;
    }
    if (node.inputs == null) {
      node.inputs = InputResolver.inputsOf(inputs);
    }
    if (isLeaf(template) && run.spec.archiveLogs() != null) {
      template = SpecEdits.withArchiveLogs(template, run.spec.archiveLogs());
    }
    node.template = SpecEdits.withInputs(template, node.inputs);
    if (!isLeaf(template)) {
      scheduleDeadline(node, template);
    }
    startByType(node, template);
  }

  private static boolean isLeaf(Template template) {
    Template.Type type = template.type();
    return type == Template.Type.CONTAINER || type == Template.Type.SCRIPT
        || type == Template.Type.CONTAINER_SET || type == Template.Type.HTTP;
  }

  private void startByType(Node node, Template template) {
    switch (template.type()) {
      case CONTAINER, SCRIPT, CONTAINER_SET, HTTP -> leaves.startPod(node);
      case STEPS -> startBoundary(node, Node.STEPS);
      case DAG -> startBoundary(node, Node.DAG);
      case SUSPEND -> startSuspend(node, template);
      case NONE -> fail(node, Node.POD, "template '" + template.name() + "' has nothing to run");
      default -> fail(node, Node.POD, template.type().name().toLowerCase().replace('_', ' ')
          + " templates are not supported on this executor yet");
    }
  }

  private void startBoundary(Node node, String type) {
    node.type = type;
    if (leaves.memoHit(node) || leaves.holdBoundary(node)) {
      return;
    }
    reconciler.markPhase(node, Phases.RUNNING, null);
    reconciler.enqueue(node);
  }

  private void startSuspend(Node node, Template template) {
    node.type = Node.SUSPEND;
    node.outputs = InputResolver.awaitedOutputs(template);
    reconciler.markPhase(node, Phases.RUNNING, null);
    run.runningLeaves.add(node);
    String duration = template.suspend().duration();
    if (duration != null) {
      Duration wait = Durations.parse(duration);
      if (wait == null) {
        reconciler.markPhase(node, Phases.ERROR, "suspend duration '" + duration
            + "' is not a duration");
        return;
      }
      reconciler.schedule(node.startedAt.plus(wait), node, Timer.Kind.WAKE);
    }
  }

  /** A suspend node whose duration passed succeeds. */
  void assessSuspend(Node node) {
    Template template = node.template;
    if (template == null || template.suspend() == null
        || template.suspend().duration() == null) {
      return;
    }
    Duration wait = Durations.parse(template.suspend().duration());
    if (wait != null && !reconciler.now.isBefore(node.startedAt.plus(wait))) {
      resume(node);
    }
  }

  /** Ends a suspend node successfully, with the outputs supplied to it or their defaults. */
  void resume(Node node) {
    run.runningLeaves.remove(node);
    node.outputs = InputResolver.suppliedOutputs(node.template, node.outputs);
    reconciler.markPhase(node, Phases.SUCCEEDED, null);
  }

  /** Schedules the template's deadline, counted from now (a pod's: from its start). */
  void scheduleDeadline(Node node, Template template) {
    String limit = template.activeDeadlineSeconds() != null
        ? template.activeDeadlineSeconds() : template.timeout();
    if (limit == null) {
      return;
    }
    Duration duration = Durations.parse(limit);
    if (duration == null) {
      node.message = "ignored deadline '" + limit + "': not a duration";
      return;
    }
    reconciler.schedule(reconciler.now.plus(duration), node, Timer.Kind.DEADLINE);
  }

  /** A node's deadline passed: stop its running leaves and fail it. */
  void expire(Node node) {
    if (node.completed()) {
      return;
    }
    String reason = node.launched()
        ? "Pod was active on the node longer than the specified deadline"
        : "Step exceeded its deadline";
    if (node.launched() && Phases.RUNNING.equals(node.phase)) {
      leaves.stop(node, reason);
      return;
    }
    stopBelow(node, reason);
    reconciler.markPhase(node, Phases.FAILED, reason);
  }

  /** Stops every running or waiting leaf under {@code node}; walks only that subtree. */
  void stopBelow(Node node, String reason) {
    List<Node> pending = new ArrayList<>(node.owned);
    while (!pending.isEmpty()) {
      Node next = pending.remove(pending.size() - 1);
      if (next.completed()) {
        continue;
      }
      if (next.leaf()) {
        leaves.stopOrFail(next, reason);
      } else {
        pending.addAll(next.owned);
      }
    }
  }

  /** Stops everything running in the workflow. */
  void stopAll(String reason) {
    for (Node node : List.copyOf(run.runningLeaves)) {
      leaves.stopOrFail(node, reason);
    }
    for (Node node : List.copyOf(run.waitingPods)) {
      reconciler.markPhase(node, Phases.FAILED, reason);
    }
    for (Timer timer : run.timers) {
      reconciler.enqueue(timer.node());
    }
  }

  /** Launches the exit handler (onExit or an exit hook) of a step or task, if it has one. */
  void startExitHandler(Node node) {
    if ("Terminate".equals(run.shutdown)) {
      return;
    }
    if (node.call.onExit() != null) {
      Call call = Call.ofTemplate(node.call.name() + ".onExit", node.call.onExit(), null);
      startAttached(node, node.name + ".onExit", node.displayName + ".onExit", call);
    }
    var exitHook = node.call.hooks() == null ? null : node.call.hooks().get("exit");
    if (exitHook != null) {
      startAttached(node, node.name + ".hooks.exit", node.displayName + ".hooks.exit",
          Call.ofHook("exit", exitHook));
    }
  }

  /** Starts a node attached to a step or task (exit handler, hook), unless it exists. */
  void startAttached(Node node, String name, String displayName, Call call) {
    if (run.nodesByName.containsKey(name)) {
      return;
    }
    Node boundary = Variables.boundaryOf(node);
    TemplateScope scope = boundary != null && boundary.scope != null ? boundary.scope
        : run.scope;
    Node attached = newCallNode(null, name, displayName, call, node.boundaryId);
    attached.exitFor = node;
    node.attached.add(attached);
    node.children.add(attached.id);
    reconciler.touch(node);
    runCall(attached, scope);
  }

  Leaves leaves() {
    return leaves;
  }

  void startWaitingPods() {
    leaves.startWaiting();
  }

  boolean waitsForLocks() {
    return leaves.waitsForLocks();
  }

  void releaseLocks(Node node) {
    leaves.releaseLocks(node);
  }

  NodeLaunch launchOf(Node node) {
    return leaves.launchOf(node);
  }
}
