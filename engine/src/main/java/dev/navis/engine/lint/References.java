package dev.navis.engine.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.SourcePositions;
import dev.navis.api.Suggestions;
import dev.navis.api.model.Artifact;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Template;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that the variables a template writes name things it has: {@code {{inputs.parameters.x}}}
 * and {@code {{inputs.artifacts.x}}} its own inputs, {@code {{steps.x...}}} one of its steps and
 * {@code {{tasks.x...}}} one of its DAG tasks. A misspelt name would otherwise only fail when the
 * node runs. Inline templates have their own inputs and steps and are not looked into.
 */
final class References {

  private static final Pattern REFERENCE = Pattern.compile(
      "\\{\\{\\s*(inputs\\.parameters|inputs\\.artifacts|steps|tasks)\\.([-a-zA-Z0-9_]+)(\\.?)");

  private static final Map<String, String> WHAT = Map.of(
      "inputs.parameters", "input parameter",
      "inputs.artifacts", "input artifact",
      "steps", "step",
      "tasks", "DAG task");

  private final Scope scope;
  private final Template template;
  private final String field;
  private final String path;

  private References(Scope scope, Template template, String field, String path) {
    this.scope = scope;
    this.template = template;
    this.field = field;
    this.path = path;
  }

  // TODO: {{workflow.parameters.x}}, {{item.x}} and expr-lang {{= }} references are not
  // checked; they need the workflow's arguments and the loop's items in scope.
  /** {@code node}: the template's own tree, where the references are looked for. */
  static void lintReferences(
      Scope scope, Template template, JsonNode node, String field, String path) {
    new References(scope, template, field, path).walk(node, path);
  }

  private void walk(JsonNode node, String at) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> child : node.properties()) {
        if (!"inline".equals(child.getKey())) {
          walk(child.getValue(), SourcePositions.child(at, child.getKey()));
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), SourcePositions.element(at, i));
      }
    } else if (node.isTextual()) {
      lintText(node.asText(), at);
    }
  }

  private void lintText(String text, String at) {
    Matcher matcher = REFERENCE.matcher(text);
    while (matcher.find()) {
      String kind = matcher.group(1);
      String name = matcher.group(2);
      // {{steps.name}} and {{tasks.name}} are the running step's own name, not a reference.
      boolean ownName = matcher.group(3).isEmpty() && !kind.startsWith("inputs");
      Set<String> declared = namesOf(kind);
      if (!ownName && !declared.contains(name)) {
        String suggestion = Suggestions.closest(name, declared);
        String hint = suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)";
        scope.report(field + at.substring(path.length()), at, "{{" + kind + "." + name
            + "}}: template \"" + template.name() + "\" has no " + WHAT.get(kind) + " \""
            + name + "\"" + hint);
      }
    }
  }

  private Set<String> namesOf(String kind) {
    return switch (kind) {
      case "inputs.parameters" -> parameterNames();
      case "inputs.artifacts" -> artifactNames();
      case "steps" -> stepNames();
      default -> taskNames();
    };
  }

  private Set<String> stepNames() {
    Set<String> names = new LinkedHashSet<>();
    CallLinter.list(template.steps()).forEach(group -> CallLinter.list(group)
        .forEach(step -> names.add(step.name())));
    return names;
  }

  private Set<String> taskNames() {
    Set<String> names = new LinkedHashSet<>();
    if (template.dag() != null) {
      CallLinter.list(template.dag().tasks()).forEach(task -> names.add(task.name()));
    }
    return names;
  }

  private Set<String> parameterNames() {
    Set<String> names = new LinkedHashSet<>();
    if (template.inputs() != null) {
      CallLinter.list(template.inputs().parameters()).stream()
          .map(Parameter::name)
          .forEach(names::add);
    }
    return names;
  }

  private Set<String> artifactNames() {
    Set<String> names = new LinkedHashSet<>();
    if (template.inputs() != null) {
      CallLinter.list(template.inputs().artifacts()).stream()
          .map(Artifact::name)
          .forEach(names::add);
    }
    return names;
  }
}
