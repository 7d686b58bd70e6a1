package dev.navis.engine.lint;

import dev.navis.api.SourcePositions;
import dev.navis.api.model.LifecycleHook;
import dev.navis.api.model.Template;
import dev.navis.api.model.WorkflowStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a steps template: step names, unique across all its groups, and what they call. */
final class StepsLinter {

  private StepsLinter() {}

  static void lintSteps(Scope scope, Template template, String field, String path) {
    Map<String, String> seen = new HashMap<>();
    List<List<WorkflowStep>> groups = template.steps();
    for (int group = 0; group < groups.size(); group++) {
      List<WorkflowStep> steps = CallLinter.list(groups.get(group));
      for (int index = 0; index < steps.size(); index++) {
        String position = ".steps[" + group + "][" + index + "]";
        lintStep(scope, steps.get(index), field + position, path + position, seen);
      }
    }
  }

  private static void lintStep(Scope scope, WorkflowStep step, String field, String path,
      Map<String, String> seen) {
    lintName(scope, step.name(), "step", field, path, seen);
    CallLinter.lintCall(scope, new TemplateCall(field, path, step.template(),
        step.templateRef(), step.inline(), step.arguments()));
    lintLoop(scope, field, path, step.withItems(), step.withParam(), step.withSequence());
    lintExitHandler(scope, step.onExit(), field, path);
    lintHooks(scope, step.hooks(), field, path);
  }

  /** A step or task loops over items, a parameter or a sequence: at most one of them. */
  static void lintLoop(Scope scope, String field, String path, Object withItems,
      String withParam, Object withSequence) {
    List<String> loops = new ArrayList<>();
    if (withItems != null) {
      loops.add("withItems");
    }
    if (withParam != null) {
      loops.add("withParam");
    }
    if (withSequence != null) {
      loops.add("withSequence");
    }
    if (loops.size() > 1) {
      scope.report(field, path, "expected at most one of withItems, withParam or withSequence,"
          + " found " + String.join(" and ", loops));
    }
  }

  /** Checks a step or task name: present, valid, and not used before in the same template. */
  static void lintName(Scope scope, String name, String what, String field, String path,
      Map<String, String> seen) {
    if (name == null || name.isEmpty()) {
      scope.report(field + ".name", path + ".name", "expected a " + what + " name, found none");
      return;
    }
    String invalid = Values.invalidFieldName(name);
    if (invalid != null) {
      scope.report(field + ".name", path + ".name", "invalid " + what + " name: " + invalid);
    }
    String earlier = seen.putIfAbsent(name, field);
    if (earlier != null) {
      scope.report(field + ".name", path + ".name",
          "duplicate " + what + " name \"" + name + "\", already used by " + earlier);
    }
  }

  static void lintExitHandler(Scope scope, String onExit, String field, String path) {
    if (onExit != null) {
      CallLinter.lintCall(scope, TemplateCall.byName(field + ".onExit", path + ".onExit", onExit));
    }
  }

  static void lintHooks(
      Scope scope, Map<String, LifecycleHook> hooks, String field, String path) {
    if (hooks == null) {
      return;
    }
    hooks.forEach((name, hook) -> {
      String hookField = field + ".hooks." + name;
      String hookPath = SourcePositions.child(path + ".hooks", name);
      CallLinter.lintCall(scope, new TemplateCall(hookField, hookPath, hook.template(),
          hook.templateRef(), null, hook.arguments()));
    });
  }
}
