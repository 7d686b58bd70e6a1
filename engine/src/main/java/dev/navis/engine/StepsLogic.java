package dev.navis.engine;

import dev.navis.api.model.Outputs;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Template;
import dev.navis.api.model.WorkflowStep;
import dev.navis.engine.expr.ExpressionException;
import dev.navis.engine.expr.Expressions;
import dev.navis.engine.expr.Expressions.Unresolved;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Steps templates: groups run one after another, the steps of a group side by side. */
final class StepsLogic {

  private static final java.util.regex.Pattern SCOPE_REF =
      java.util.regex.Pattern.compile("\\{\\{\\s*(steps|tasks)\\.([^.}\\s]+)\\.");

  private final Reconciler reconciler;
  private final WorkflowRun run;

  StepsLogic(Reconciler reconciler) {
    this.reconciler = reconciler;
    this.run = reconciler.run;
  }

  /** Starts the next group of a Steps node, or ends it when its last group ended. */
  void assessSteps(Node steps) {
    List<List<WorkflowStep>> groups = steps.template.steps();
    Node last = steps.owned.isEmpty() ? null : steps.owned.get(steps.owned.size() - 1);
    if (last != null && !last.completed()) {
      return;
    }
    if (last != null && Phases.unsuccessful(last.phase)) {
      reconciler.markPhase(steps, last.phase, last.message);
      return;
    }
    int index = steps.owned.size();
    if (index >= groups.size()) {
      finishBoundary(steps, Phases.SUCCEEDED, null);
    } else if (run.stopping()) {
      reconciler.markPhase(steps, Phases.FAILED, stoppedMessage());
    } else {
      startGroup(steps, index, groups.get(index));
    }
  }

  String stoppedMessage() {
    return "Stopped with strategy '" + run.shutdown + "'";
  }

  /** Ends a Steps or DAG node, resolving its declared outputs from its scope. */
  void finishBoundary(Node boundary, String phase, String message) {
    if (Phases.SUCCEEDED.equals(phase)) {
      try {
        Outputs outputs = InputResolver.boundaryOutputs(boundary.template,
            reconciler.vars.forCalls(boundary, null));
        boundary.outputs = outputs;
      } catch (UserError e) {
        phase = Phases.ERROR;
        message = e.getMessage();
      }
    }
    reconciler.markPhase(boundary, phase, message);
  }

  private void startGroup(Node steps, int index, List<WorkflowStep> calls) {
    String name = steps.name + "[" + index + "]";
    Node group = reconciler.launcher.newNode(steps, name, "[" + index + "]", steps.id);
    group.type = Node.STEP_GROUP;
    group.templateName = steps.templateName;
    linkGroup(steps, group, index);
    group.fanout = new Fanout();
    reconciler.markPhase(group, Phases.RUNNING, null);
    for (WorkflowStep step : calls) {
      plan(steps, group, Call.of(step), group.fanout);
    }
    reconciler.enqueue(group);
  }

  private void linkGroup(Node steps, Node group, int index) {
    if (index == 0) {
      steps.children.add(group.id);
      return;
    }
    Node previous = steps.owned.get(index - 1);
    for (Node step : previous.owned) {
      List<String> ends = step.outboundNodes == null || step.outboundNodes.isEmpty()
          ? List.of(step.id) : step.outboundNodes;
      for (String end : ends) {
        Node endNode = run.nodes.get(end);
        if (endNode != null) {
          endNode.children.add(group.id);
          reconciler.touch(endNode);
        }
      }
    }
  }

  /** Adds a call's children to a fanout: one, or one per loop item. */
  void plan(Node boundary, Node parent, Call call, Fanout fanout) {
    String base = parent.name + "." + call.name();
    if (Node.TASK_GROUP.equals(parent.type)) {
      base = parent.name;
    }
    if (!call.looped()) {
      fanout.planned.add(new Fanout.Planned(base, call.name(), call, null, false));
      return;
    }
    List<Loops.Item> items;
    try {
      Call expanded = call.substituted(reconciler.vars.forCalls(boundary, null),
          Unresolved.KEEP);
      items = Loops.expand(expanded);
    } catch (Loops.LoopException | ExpressionException e) {
      if (Node.TASK_GROUP.equals(parent.type)) {
        reconciler.markPhase(parent, Phases.ERROR, e.getMessage());
      } else {
        fanout.planned.add(new Fanout.Planned(base, call.name(), call,
            Map.of("error", e.getMessage()), false));
      }
      return;
    }
    if (items.isEmpty() && !Node.TASK_GROUP.equals(parent.type)) {
      fanout.planned.add(new Fanout.Planned(base, call.name(), call,
          Map.of("skip", "Skipped, empty params"), false));
    }
    Call item = call.withoutLoop();
    for (int i = 0; i < items.size(); i++) {
      String suffix = "(" + i + ":" + items.get(i).printed() + ")";
      fanout.planned.add(new Fanout.Planned(base + suffix, call.name() + suffix, item,
          items.get(i).vars(), true));
    }
  }

  static final String FAIL_FAST_MESSAGE =
      "template has failed or errored children and failFast enabled";

  /** Starts planned children within the parallelism; ends the group when all ended. */
  void assessGroup(Node group) {
    Fanout fanout = group.fanout;
    Node boundary = group.owner;
    long limit = parallelism(boundary);
    boolean failingFast = limit > 0 && failFast(boundary) && fanout.unsuccessful > 0;
    while (!run.stopping() && !failingFast && fanout.next < fanout.planned.size()
        && (limit <= 0 || fanout.running() < limit)) {
      Fanout.Planned planned = fanout.planned.get(fanout.next++);
      fanout.started++;
      startPlanned(boundary, group, planned);
    }
    boolean idle = fanout.ended >= fanout.started;
    if (idle && failingFast && fanout.next < fanout.planned.size()) {
      aggregateLoops(group);
      reconciler.markPhase(group, Phases.FAILED, FAIL_FAST_MESSAGE);
    } else if (idle && (fanout.next >= fanout.planned.size() || run.stopping())) {
      finishGroup(group, fanout);
    }
  }

  /**
   * Argo's {@code failFast} on a template with {@code parallelism}: once a child failed, no
   * more start; those running end, and then the template fails.
   */
  private static boolean failFast(Node boundary) {
    Template template = boundary == null ? null : boundary.template;
    return template != null && Boolean.TRUE.equals(template.failFast());
  }

  // TODO: Argo's template parallelism caps all pods under the boundary; this caps the
  // children of each step group and DAG, which is the same for flat loops but not nested ones.
  private long parallelism(Node boundary) {
    Template template = boundary == null ? null : boundary.template;
    return template == null || template.parallelism() == null ? 0 : template.parallelism();
  }

  private void finishGroup(Node group, Fanout fanout) {
    aggregateLoops(group);
    if (Node.TASK_GROUP.equals(group.type) && group.owned.isEmpty()) {
      reconciler.markPhase(group, Phases.SKIPPED, "Skipped, empty params");
    } else if (fanout.unsuccessful > 0) {
      reconciler.markPhase(group, Phases.FAILED,
          "child '" + fanout.firstFailure.id + "' failed");
    } else if (fanout.next < fanout.planned.size()) {
      reconciler.markPhase(group, Phases.FAILED, stoppedMessage());
    } else {
      reconciler.markPhase(group, Phases.SUCCEEDED, null);
    }
  }

  /** Puts each looped call's aggregated outputs where its callers look them up. */
  void aggregateLoops(Node group) {
    Map<String, List<Node>> byCall = new java.util.LinkedHashMap<>();
    for (Node child : group.owned) {
      if (child.loopItem && child.call != null) {
        byCall.computeIfAbsent(child.call.name(), k -> new ArrayList<>()).add(child);
      }
    }
    if (Node.TASK_GROUP.equals(group.type)) {
      group.aggregated = Variables.aggregate(group.owned);
      return;
    }
    Node boundary = group.owner;
    byCall.forEach((name, items) -> {
      Map<String, String> aggregated = Variables.aggregate(items);
      aggregated.forEach((suffix, value) ->
          boundary.scopeVars().put("steps." + name + suffix, value));
    });
  }

  /** Creates one planned child: an error, a skip, or the call run with its item. */
  void startPlanned(Node boundary, Node parent, Fanout.Planned planned) {
    Map<String, String> item = planned.itemVars();
    if (!planned.loopItem() && item != null && item.containsKey("error")) {
      Node node = reconciler.launcher.newCallNode(parent, planned.name(),
          planned.displayName(), planned.call(), boundary.id);
      reconciler.launcher.fail(node, Node.SKIPPED, item.get("error"));
      return;
    }
    if (!planned.loopItem() && item != null && item.containsKey("skip")) {
      reconciler.launcher.skip(parent, planned.name(), planned.displayName(), planned.call(),
          boundary.id, Phases.SKIPPED, item.get("skip"));
      return;
    }
    Node node = startCallIfWhen(boundary, parent, planned);
    if (node != null) {
      node.loopItem = planned.loopItem();
      if (!Node.DAG.equals(parent.type)) {
        parent.children.add(node.id);
        if (node.loopItem) {
          reconciler.touchChildren(parent);
        } else {
          reconciler.touch(parent);
        }
      }
    }
  }

  private Node startCallIfWhen(Node boundary, Node parent, Fanout.Planned planned) {
    Call call;
    try {
      Map<String, String> vars = reconciler.vars.forCalls(boundary, planned.itemVars());
      call = substituteArguments(boundary, planned.call(), vars);
    } catch (ExpressionException e) {
      Node node = reconciler.launcher.newCallNode(parent, planned.name(),
          planned.displayName(), planned.call(), boundary.id);
      return reconciler.launcher.fail(node, Node.SKIPPED, e.getMessage());
    }
    if (call.when() != null) {
      String skip = whenSkips(call.when());
      if (skip != null) {
        return reconciler.launcher.skip(parent, planned.name(), planned.displayName(), call,
            boundary.id, skip.startsWith("when '") ? Phases.SKIPPED : Phases.ERROR, skip);
      }
    }
    TemplateScope scope = boundary.scope != null ? boundary.scope : run.scope;
    return reconciler.launcher.startCall(parent, planned.name(), planned.displayName(), call,
        boundary.id, scope);
  }

  /**
   * The call with its tags replaced. An argument that refers to outputs of a skipped or omitted
   * step is dropped, so the input's default applies, as Argo does.
   */
  private Call substituteArguments(Node boundary, Call call, Map<String, String> vars) {
    try {
      return call.substituted(vars, Unresolved.FAIL);
    } catch (ExpressionException e) {
      if (call.arguments() == null || call.arguments().parameters() == null) {
        throw e;
      }
      List<Parameter> kept = new ArrayList<>();
      for (Parameter parameter : call.arguments().parameters()) {
        try {
          kept.add(parameter.withValue(
              Templating.text(parameter.value(), vars, Unresolved.FAIL)));
        } catch (ExpressionException unresolved) {
          if (!refersToSkipped(boundary, parameter.value())) {
            throw unresolved;
          }
        }
      }
      return call.withArguments(kept).substituted(vars, Unresolved.FAIL);
    }
  }

  private static boolean refersToSkipped(Node boundary, String value) {
    java.util.regex.Matcher ref = SCOPE_REF.matcher(value == null ? "" : value);
    while (ref.find()) {
      String status = boundary.scopeVars == null ? null
          : boundary.scopeVars.get(ref.group(1) + "." + ref.group(2) + ".status");
      if (Phases.SKIPPED.equals(status) || Phases.OMITTED.equals(status)) {
        return true;
      }
    }
    return false;
  }

  /** Null when {@code when} holds; else why the call does not run. */
  static String whenSkips(String when) {
    try {
      if (Expressions.evaluateWhen(when)) {
        return null;
      }
      return "when '" + when + "' evaluated false";
    } catch (ExpressionException e) {
      return "Invalid 'when' expression '" + when + "': " + e.getMessage();
    }
  }
}
