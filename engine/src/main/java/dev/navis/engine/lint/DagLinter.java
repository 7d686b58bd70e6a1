package dev.navis.engine.lint;

import dev.navis.api.model.DagTask;
import dev.navis.api.model.Template;
import dev.navis.engine.expr.DependsExpression;
import dev.navis.engine.expr.ExpressionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a DAG template: task names, what each task calls, its dependencies (known tasks, one
 * way of saying them, a valid {@code depends}) and that they form no cycle.
 */
final class DagLinter {

  private final Scope scope;
  private final String field;
  private final String path;
  private final List<DagTask> tasks;
  private final Map<String, Integer> indexes = new LinkedHashMap<>();
  private final Map<String, Set<String>> dependencies = new LinkedHashMap<>();

  private DagLinter(Scope scope, Template template, String field, String path) {
    this.scope = scope;
    this.field = field + ".dag";
    this.path = path + ".dag";
    this.tasks = CallLinter.list(template.dag().tasks());
    for (int i = 0; i < tasks.size(); i++) {
      indexes.putIfAbsent(tasks.get(i).name(), i);
    }
  }

  static void lintDag(Scope scope, Template template, String field, String path) {
    new DagLinter(scope, template, field, path).lint(template.dag().target());
  }

  private void lint(String target) {
    Map<String, String> seen = new HashMap<>();
    boolean ordered = tasks.stream()
        .anyMatch(task -> task.depends() != null || task.dependencies() != null);
    for (int i = 0; i < tasks.size(); i++) {
      lintTask(i, tasks.get(i), seen, ordered);
    }
    lintCycles();
    lintTarget(target);
  }

  private void lintTask(int index, DagTask task, Map<String, String> seen, boolean ordered) {
    String taskField = field + ".tasks[" + index + "]";
    String taskPath = path + ".tasks[" + index + "]";
    StepsLinter.lintName(scope, task.name(), "task", taskField, taskPath, seen);
    boolean digitFirst = task.name() != null && !task.name().isEmpty()
        && Character.isDigit(task.name().charAt(0));
    if (ordered && digitFirst) {
      scope.report(taskField + ".name", taskPath + ".name", "expected a task name that does "
          + "not start with a digit when tasks use depends or dependencies, found \""
          + task.name() + "\"");
    }
    CallLinter.lintCall(scope, new TemplateCall(taskField, taskPath, task.template(),
        task.templateRef(), task.inline(), task.arguments()));
    StepsLinter.lintLoop(scope, taskField, taskPath, task.withItems(), task.withParam(),
        task.withSequence());
    StepsLinter.lintExitHandler(scope, task.onExit(), taskField, taskPath);
    StepsLinter.lintHooks(scope, task.hooks(), taskField, taskPath);
    if (task.name() != null) {
      dependencies.putIfAbsent(task.name(), lintDependencies(task, taskField, taskPath));
    }
  }

  /** The known tasks {@code task} waits for; unknown ones and bad expressions are reported. */
  private Set<String> lintDependencies(DagTask task, String taskField, String taskPath) {
    if (task.depends() != null && task.dependencies() != null) {
      scope.report(taskField, taskPath, "expected either depends or dependencies, found both");
    }
    Set<String> names = new LinkedHashSet<>();
    if (task.dependencies() != null) {
      lintNames(task.dependencies(), taskField + ".dependencies", taskPath + ".dependencies",
          names);
    }
    if (task.depends() != null) {
      lintNames(parseDepends(task.depends(), taskField, taskPath), taskField + ".depends",
          taskPath + ".depends", names);
    }
    return names;
  }

  private List<String> parseDepends(String depends, String taskField, String taskPath) {
    try {
      return new ArrayList<>(DependsExpression.parse(depends).taskNames());
    } catch (ExpressionException e) {
      String reason = e.getMessage().startsWith("invalid depends") ? e.getMessage()
          : "invalid depends \"" + depends + "\": " + e.getMessage();
      scope.report(taskField + ".depends", taskPath + ".depends", reason);
      return List.of();
    }
  }

  private void lintNames(List<String> names, String namesField, String namesPath,
      Set<String> known) {
    for (String name : names) {
      if (indexes.containsKey(name)) {
        known.add(name);
      } else {
        scope.report(namesField, namesPath, "task \"" + name + "\" not found");
      }
    }
  }

  private void lintCycles() {
    Set<String> done = new LinkedHashSet<>();
    for (String start : dependencies.keySet()) {
      List<String> cycle = findCycle(start, new ArrayList<>(), done);
      if (cycle != null) {
        int index = indexes.get(cycle.get(0));
        scope.report(field + ".tasks[" + index + "]", path + ".tasks[" + index + "]",
            "dependency cycle " + String.join(" -> ", cycle));
        done.addAll(cycle);
      }
    }
  }

  /** A cycle through the tasks on {@code trail}, as names ending where it starts, or null. */
  private List<String> findCycle(String task, List<String> trail, Set<String> done) {
    int seenAt = trail.indexOf(task);
    if (seenAt >= 0) {
      List<String> cycle = new ArrayList<>(trail.subList(seenAt, trail.size()));
      cycle.add(task);
      return cycle;
    }
    if (done.contains(task)) {
      return null;
    }
    trail.add(task);
    for (String next : dependencies.getOrDefault(task, Set.of())) {
      List<String> cycle = findCycle(next, trail, done);
      if (cycle != null) {
        return cycle;
      }
    }
    trail.remove(trail.size() - 1);
    done.add(task);
    return null;
  }

  private void lintTarget(String target) {
    if (target == null || Values.templated(target)) {
      return;
    }
    for (String name : target.trim().split("\\s+")) {
      if (!name.isEmpty() && !indexes.containsKey(name)) {
        scope.report(field + ".target", path + ".target", "task \"" + name + "\" not found");
      }
    }
  }
}
