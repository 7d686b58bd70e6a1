package dev.navis.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.model.Arguments;
import dev.navis.api.model.ContinueOn;
import dev.navis.api.model.DagTask;
import dev.navis.api.model.LifecycleHook;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Sequence;
import dev.navis.api.model.Template;
import dev.navis.api.model.TemplateRef;
import dev.navis.api.model.WorkflowStep;
import java.util.List;
import java.util.Map;

/** A step or a DAG task: one call of a template, seen the same way by both. */
record Call(
    String name,
    String template,
    TemplateRef templateRef,
    Template inline,
    Arguments arguments,
    String when,
    List<JsonNode> withItems,
    String withParam,
    Sequence withSequence,
    ContinueOn continueOn,
    String onExit,
    Map<String, LifecycleHook> hooks,
    List<String> dependencies,
    String depends) {

  static Call of(WorkflowStep step) {
    return new Call(step.name(), step.template(), step.templateRef(), step.inline(),
        step.arguments(), step.when(), step.withItems(), step.withParam(), step.withSequence(),
        step.continueOn(), step.onExit(), step.hooks(), null, null);
  }

  static Call of(DagTask task) {
    return new Call(task.name(), task.template(), task.templateRef(), task.inline(),
        task.arguments(), task.when(), task.withItems(), task.withParam(), task.withSequence(),
        task.continueOn(), task.onExit(), task.hooks(), task.dependencies(), task.depends());
  }

  /** A call of a template by name with the given parameters (entrypoint, exit handler). */
  static Call ofTemplate(String name, String template, Arguments arguments) {
    return new Call(name, template, null, null, arguments, null, null, null, null, null, null,
        null, null, null);
  }

  /** A lifecycle hook's call. */
  static Call ofHook(String name, LifecycleHook hook) {
    return new Call(name, hook.template(), hook.templateRef(), null, hook.arguments(), null,
        null, null, null, null, null, null, null, null);
  }

  boolean looped() {
    return withItems != null || withParam != null || withSequence != null;
  }

  /** Whether the caller goes on when this call ends in {@code phase}. */
  boolean continuesOn(String phase) {
    if (continueOn == null) {
      return false;
    }
    return Phases.FAILED.equals(phase) && Boolean.TRUE.equals(continueOn.failed())
        || Phases.ERROR.equals(phase) && Boolean.TRUE.equals(continueOn.error());
  }

  /**
   * This call as one item of its loop runs it: without withItems, withParam and withSequence,
   * so an item's node neither keeps nor substitutes the loop's whole list.
   */
  Call withoutLoop() {
    if (!looped()) {
      return this;
    }
    return new Call(name, template, templateRef, inline, arguments, when, null, null, null,
        continueOn, onExit, hooks, dependencies, depends);
  }

  Call withArguments(List<Parameter> parameters) {
    Arguments args = new Arguments(parameters,
        arguments == null ? null : arguments.artifacts());
    return new Call(name, template, templateRef, inline, args, when, withItems, withParam,
        withSequence, continueOn, onExit, hooks, dependencies, depends);
  }

  /** This call with its tags replaced, except inside an inline template and hooks. */
  Call substituted(java.util.Map<String, String> vars,
      dev.navis.engine.expr.Expressions.Unresolved mode) {
    Call bare = new Call(name, template, templateRef, null, arguments, when, withItems,
        withParam, withSequence, continueOn, onExit, null, dependencies, depends);
    Call done = Templating.substitute(bare, Call.class, vars, mode);
    return new Call(done.name, done.template, done.templateRef, inline, done.arguments,
        done.when, done.withItems, done.withParam, done.withSequence, continueOn, onExit, hooks,
        dependencies, depends);
  }
}
