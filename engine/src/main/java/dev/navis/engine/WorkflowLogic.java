package dev.navis.engine;

import dev.navis.api.model.LifecycleHook;
import dev.navis.api.model.Synchronization;
import dev.navis.api.model.WorkflowSpec;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.engine.WorkflowRun.Timer;
import dev.navis.engine.expr.ExpressionException;
import dev.navis.engine.expr.Expressions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The workflow as a whole: its start, its lock, its deadline, exit handler, hooks and end. */
final class WorkflowLogic {

  private static final String EXIT_HOOK = "exit";

  private final Reconciler reconciler;
  private final WorkflowRun run;

  WorkflowLogic(Reconciler reconciler) {
    this.reconciler = reconciler;
    this.run = reconciler.run;
  }

  /** Resolves workflowTemplateRef into the spec the run follows; null when it cannot. */
  String resolveSpec() {
    if (run.spec != null) {
      return null;
    }
    WorkflowSpec own = run.workflow.spec();
    if (own == null) {
      return "workflow has no spec";
    }
    WorkflowSpec spec = own;
    if (own.workflowTemplateRef() != null) {
      Optional<WorkflowTemplate> stored = storedTemplate(own);
      if (stored.isEmpty() || stored.get().spec() == null) {
        return "workflow template '" + own.workflowTemplateRef().name() + "' not found";
      }
      spec = SpecEdits.overlay(stored.get().spec(), own);
    }
    run.spec = spec;
    run.scope = new TemplateScope(spec, null, null);
    return null;
  }

  private Optional<WorkflowTemplate> storedTemplate(WorkflowSpec own) {
    var ref = own.workflowTemplateRef();
    var source = reconciler.ports.templates();
    if (source == null) {
      return Optional.empty();
    }
    return Boolean.TRUE.equals(ref.clusterScope()) ? source.clusterWorkflowTemplate(ref.name())
        : source.workflowTemplate(run.namespace(), ref.name());
  }

  /** Starts the entrypoint once the workflow's own locks are held. */
  void start() {
    String waiting = acquireWorkflowLocks();
    if (waiting != null) {
      reconciler.markWorkflowPhase(Phases.PENDING, waiting);
      return;
    }
    String entrypoint = run.spec.entrypoint();
    if (entrypoint == null || entrypoint.isBlank()) {
      reconciler.markWorkflowPhase(Phases.ERROR, "spec.entrypoint is not set");
      return;
    }
    reconciler.markWorkflowPhase(Phases.RUNNING, null);
    scheduleDeadline();
    Call call = Call.ofTemplate(run.name(), entrypoint, run.spec.arguments());
    run.root = reconciler.launcher.startCall(null, run.name(), run.name(), call, null,
        run.scope);
  }

  private String acquireWorkflowLocks() {
    Synchronization sync = run.spec.synchronization();
    if (sync == null || run.workflowLocked) {
      return null;
    }
    String holder = run.namespace() + "/" + run.name();
    List<String> held = new ArrayList<>();
    for (Map.Entry<String, Integer> lock : Locks.keys(run, sync, reconciler.ports).entrySet()) {
      if (!reconciler.ports.locks().tryAcquire(lock.getKey(), lock.getValue(), holder)) {
        held.forEach(key -> reconciler.ports.locks().release(key, holder));
        return "Waiting for " + lock.getKey() + " lock";
      }
      held.add(lock.getKey());
    }
    run.workflowLocked = true;
    return null;
  }

  void releaseWorkflowLocks() {
    Synchronization sync = run.spec == null ? null : run.spec.synchronization();
    if (sync == null || !run.workflowLocked) {
      return;
    }
    String holder = run.namespace() + "/" + run.name();
    for (String key : Locks.keys(run, sync, reconciler.ports).keySet()) {
      reconciler.ports.locks().release(key, holder);
    }
    run.workflowLocked = false;
  }

  private void scheduleDeadline() {
    String deadline = run.spec.activeDeadlineSeconds();
    Duration duration = deadline == null ? null : Durations.parse(deadline);
    if (duration != null) {
      reconciler.schedule(run.startedAt.plus(duration), null, Timer.Kind.WORKFLOW_DEADLINE);
    }
  }

  /** The workflow's deadline passed: stop what runs; exit handlers still run. */
  void expire() {
    if (run.completed() || run.stopping()) {
      return;
    }
    run.shutdown = "Stop";
    run.deadlineExceeded = true;
    reconciler.launcher.stopAll("Step exceeded its deadline");
    reconciler.workflowDirty = true;
  }

  /** Moves the workflow on: hooks, exit handler, final phase. */
  void assess() {
    if (run.completed() || run.root == null) {
      return;
    }
    startExpressionHooks();
    if (!run.root.completed()) {
      return;
    }
    if (!run.exitDone && startExitHandler()) {
      return;
    }
    for (Node hook : run.hookNodes.values()) {
      if (!hook.completed()) {
        return;
      }
    }
    finish();
  }

  private boolean startExitHandler() {
    if (run.exitNode == null && !"Terminate".equals(run.shutdown)) {
      Call call = exitCall();
      if (call == null) {
        run.exitDone = true;
        return false;
      }
      run.exitVars.put("workflow.status", finalPhase(run.root.phase));
      run.exitVars.put("workflow.failures", reconciler.vars.failures());
      reconciler.vars.invalidate();
      String name = run.spec.onExit() != null ? run.name() + ".onExit"
          : run.name() + ".hooks." + EXIT_HOOK;
      run.exitNode = reconciler.launcher.startCall(null, name, name, call, null, run.scope);
    }
    if (run.exitNode == null || run.exitNode.completed()) {
      run.exitDone = true;
      return false;
    }
    return true;
  }

  private Call exitCall() {
    if (run.spec.onExit() != null) {
      return Call.ofTemplate(run.name() + ".onExit", run.spec.onExit(), null);
    }
    Map<String, LifecycleHook> hooks = run.spec.hooks();
    LifecycleHook exit = hooks == null ? null : hooks.get(EXIT_HOOK);
    return exit == null ? null : Call.ofHook(EXIT_HOOK, exit);
  }

  /** Workflow-level hooks with an expression start once, when it first holds. */
  private void startExpressionHooks() {
    Map<String, LifecycleHook> hooks = run.spec.hooks();
    if (hooks == null || run.stopping()) {
      return;
    }
    for (Map.Entry<String, LifecycleHook> hook : hooks.entrySet()) {
      if (EXIT_HOOK.equals(hook.getKey()) || hook.getValue().expression() == null
          || run.hookNodes.containsKey(hook.getKey())) {
        continue;
      }
      if (holds(hook.getValue().expression())) {
        String name = run.name() + ".hooks." + hook.getKey();
        Call call = Call.ofHook(hook.getKey(), hook.getValue());
        run.hookNodes.put(hook.getKey(),
            reconciler.launcher.startCall(null, name, name, call, null, run.scope));
      }
    }
  }

  private boolean holds(String expression) {
    try {
      return Expressions.evaluateCondition(expression, reconciler.vars.globals());
    } catch (ExpressionException e) {
      return false;
    }
  }

  private void finish() {
    String phase = finalPhase(run.root.phase);
    String message = run.root.message;
    Node exit = run.exitNode;
    if (Phases.SUCCEEDED.equals(phase) && exit != null && Phases.unsuccessful(exit.phase)) {
      phase = exit.phase;
      message = exit.message;
    }
    if (run.shutdown != null && !Phases.SUCCEEDED.equals(phase)) {
      // As Argo: the workflow says why it stopped, not which child failed because of it.
      message = "Stopped with strategy '" + run.shutdown + "'";
    }
    if (run.deadlineExceeded) {
      phase = Phases.FAILED;
      message = "Step exceeded its deadline";
    }
    releaseWorkflowLocks();
    reconciler.markWorkflowPhase(phase, Phases.SUCCEEDED.equals(phase) ? null : message);
  }

  static String finalPhase(String rootPhase) {
    return Phases.SKIPPED.equals(rootPhase) || Phases.OMITTED.equals(rootPhase)
        ? Phases.SUCCEEDED : rootPhase;
  }
}
