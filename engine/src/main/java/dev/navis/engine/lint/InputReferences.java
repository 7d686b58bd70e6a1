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
 * Checks that every {@code {{inputs.parameters.x}}} and {@code {{inputs.artifacts.x}}} a
 * template writes names one of its own inputs: a misspelt name would otherwise only fail when
 * the node runs. Inline templates declare their own inputs and are left to their own check.
 */
final class InputReferences {

  private static final Pattern REFERENCE = Pattern.compile(
      "\\{\\{\\s*inputs\\.(parameters|artifacts)\\.([-a-zA-Z0-9_]+)(\\.[a-zA-Z]+)?\\s*}}");

  private final Scope scope;
  private final Template template;
  private final String field;
  private final String path;

  private InputReferences(Scope scope, Template template, String field, String path) {
    this.scope = scope;
    this.template = template;
    this.field = field;
    this.path = path;
  }

  /** {@code node}: the template's own tree, where the references are looked for. */
  static void lintReferences(
      Scope scope, Template template, JsonNode node, String field, String path) {
    new InputReferences(scope, template, field, path).walk(node, path);
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
      boolean parameter = "parameters".equals(matcher.group(1));
      Set<String> declared = parameter ? parameterNames() : artifactNames();
      String name = matcher.group(2);
      if (!declared.contains(name)) {
        String suggestion = Suggestions.closest(name, declared);
        String hint = suggestion == null ? "" : " (did you mean \"" + suggestion + "\"?)";
        scope.report(field + at.substring(path.length()), at, matcher.group()
            + ": template \"" + template.name() + "\" has no input "
            + (parameter ? "parameter" : "artifact") + " \"" + name + "\"" + hint);
      }
    }
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
