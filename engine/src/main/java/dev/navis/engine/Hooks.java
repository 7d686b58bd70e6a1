package dev.navis.engine;

import dev.navis.api.model.LifecycleHook;
import dev.navis.engine.expr.ExpressionException;
import dev.navis.engine.expr.Expressions;
import java.util.HashMap;
import java.util.Map;

/** Lifecycle hooks of steps and tasks: a hook starts once, when its expression first holds. */
final class Hooks {

  private final Reconciler reconciler;

  Hooks(Reconciler reconciler) {
    this.reconciler = reconciler;
  }

  /** Starts the hooks of a step or task whose expressions hold now. */
  void assessStepHooks(Node node) {
    if (reconciler.run.stopping() || node.exitFor != null) {
      return;
    }
    for (Map.Entry<String, LifecycleHook> hook : node.call.hooks().entrySet()) {
      LifecycleHook spec = hook.getValue();
      if ("exit".equals(hook.getKey()) || spec.expression() == null) {
        continue;
      }
      if (holds(node, spec.expression())) {
        reconciler.launcher.startAttached(node, node.name + ".hooks." + hook.getKey(),
            node.displayName + ".hooks." + hook.getKey(), Call.ofHook(hook.getKey(), spec));
      }
    }
  }

  private boolean holds(Node node, String expression) {
    Node boundary = Variables.boundaryOf(node);
    Map<String, String> own = new HashMap<>();
    if (boundary != null) {
      String prefix = (Node.DAG.equals(boundary.type) ? "tasks." : "steps.") + node.call.name();
      Variables.putNodeVars(own, prefix, node);
    }
    Map<String, String> vars = boundary == null
        ? new LayeredVars(java.util.List.of(reconciler.vars.globals(), own))
        : new LayeredVars(java.util.List.of(reconciler.vars.forCalls(boundary, null), own));
    try {
      return Expressions.evaluateCondition(expression, vars);
    } catch (ExpressionException e) {
      return false;
    }
  }

  /** The call of an exit handler or hook node, rebuilt from its name after a restore. */
  static Call attachedCall(WorkflowRun run, Node node) {
    Node of = node.exitFor;
    String name = node.name;
    int hooksAt = name.lastIndexOf(".hooks.");
    if (hooksAt >= 0) {
      String hookName = name.substring(hooksAt + 7);
      Map<String, LifecycleHook> hooks = of == null ? run.spec.hooks()
          : of.call == null ? null : of.call.hooks();
      LifecycleHook hook = hooks == null ? null : hooks.get(hookName);
      return hook == null ? null : Call.ofHook(hookName, hook);
    }
    String template = of == null ? run.spec.onExit() : of.call == null ? null : of.call.onExit();
    return template == null ? null : Call.ofTemplate(node.displayName, template, null);
  }
}
