package dev.navis.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.model.Arguments;
import dev.navis.api.model.Artifact;
import dev.navis.api.model.Template;
import dev.navis.engine.expr.ExpressionException;
import dev.navis.engine.expr.Expressions;
import dev.navis.engine.expr.Expressions.Unresolved;
import dev.navis.engine.spi.ArtifactRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves where artifacts come from. A produced artifact travels between nodes as its JSON
 * (name, repository {@code key}, {@code archive}), which is what
 * {@code {{steps.x.outputs.artifacts.y}}} holds; a resolved input artifact is the declared
 * one (name, path, mode) with the source's fields ({@code key}, {@code raw}, {@code http}).
 */
final class ArtifactResolver {

  private static final List<String> SOURCE_FIELDS =
      List.of("key", "raw", "http", "archive", "subPath");

  private ArtifactResolver() {}

  /** The template's input artifacts with their sources, in declaration order. */
  static List<Artifact> resolveInputs(Template template, Arguments arguments,
      Map<String, String> vars) throws UserError {
    List<Artifact> resolved = new ArrayList<>();
    if (template.inputs() == null || template.inputs().artifacts() == null) {
      return resolved;
    }
    for (Artifact declared : template.inputs().artifacts()) {
      Artifact argument = argument(arguments, declared.name());
      Artifact source = argument == null ? null : sourceOf(argument, vars);
      if (source == null && hasSource(declared)) {
        source = declared;
      }
      if (source == null) {
        if (Boolean.TRUE.equals(declared.optional())) {
          continue;
        }
        throw new UserError("inputs.artifacts." + declared.name() + " was not supplied"
            + unsupportedNote(declared));
      }
      Artifact placed = withSource(declared, source);
      if (argument != null && argument.subPath() != null) {
        placed = withSubPath(placed, argument.subPath());
      }
      resolved.add(placed);
    }
    return resolved;
  }

  /** A steps or DAG template's output artifacts, from its scope's variables. */
  static List<Artifact> boundaryOutputs(Template template, Map<String, String> vars)
      throws UserError {
    List<Artifact> produced = new ArrayList<>();
    if (template.outputs() == null || template.outputs().artifacts() == null) {
      return produced;
    }
    for (Artifact declared : template.outputs().artifacts()) {
      Artifact source = sourceOf(declared, vars);
      if (source == null && !Boolean.TRUE.equals(declared.optional())) {
        throw new UserError("output artifact '" + declared.name() + "' has no source");
      }
      if (source != null) {
        produced.add(withSource(declared, source));
      }
    }
    return produced;
  }

  /** The text {@code {{...outputs.artifacts.x}}} stands for. */
  static String reference(Artifact artifact) {
    return Codec.toJson(artifact);
  }

  /** The repository key an artifact names itself ({@code key}, or a store's {@code key}). */
  static String keyOf(Artifact artifact) {
    return ArtifactRepository.keyOf(artifact);
  }

  // TODO: git, plugin and keyless cloud sources need their own clients; none exist here yet.
  private static String unsupportedNote(Artifact declared) {
    if (declared.git() != null) {
      return " (git artifacts are not supported: use raw, http, a key or from)";
    }
    return declared.plugin() != null || declared.hdfs() != null
        ? " (only raw, http, key-only and from artifacts are supported)" : "";
  }

  private static boolean hasSource(Artifact artifact) {
    return artifact.raw() != null || artifact.http() != null || keyOf(artifact) != null;
  }

  private static Artifact argument(Arguments arguments, String name) {
    if (arguments == null || arguments.artifacts() == null) {
      return null;
    }
    return arguments.artifacts().stream()
        .filter(artifact -> name.equals(artifact.name())).findFirst().orElse(null);
  }

  /** Where an argument or output points: another artifact, or its own raw/http/key. */
  private static Artifact sourceOf(Artifact artifact, Map<String, String> vars)
      throws UserError {
    String name = artifact.name();
    if (artifact.from() != null) {
      return parse(name, substitute(name, artifact.from(), vars));
    }
    if (artifact.fromExpression() != null) {
      return evaluate(name, artifact.fromExpression(), vars);
    }
    return hasSource(artifact) ? artifact : null;
  }

  private static String substitute(String name, String from, Map<String, String> vars)
      throws UserError {
    try {
      return Templating.text(from, vars, Unresolved.FAIL);
    } catch (ExpressionException e) {
      throw new UserError("artifact '" + name + "': " + e.getMessage());
    }
  }

  private static Artifact evaluate(String name, String expression, Map<String, String> vars)
      throws UserError {
    Object value;
    try {
      value = Expressions.evaluate(expression, vars);
    } catch (ExpressionException e) {
      throw new UserError("artifact '" + name + "': " + e.getMessage());
    }
    if (value == null) {
      return null;
    }
    if (value instanceof String text) {
      return parse(name, text);
    }
    return Codec.json().convertValue(value, Artifact.class);
  }

  private static Artifact parse(String name, String text) throws UserError {
    try {
      return Codec.json().readValue(text, Artifact.class);
    } catch (JsonProcessingException e) {
      throw new UserError("artifact '" + name + "': '" + text
          + "' does not name an output artifact");
    }
  }

  private static Artifact withSubPath(Artifact artifact, String subPath) {
    ObjectNode tree = Codec.json().valueToTree(artifact);
    tree.put("subPath", subPath);
    return Codec.json().convertValue(tree, Artifact.class);
  }

  /** The declared artifact (name, path, mode) reading from {@code source}. */
  private static Artifact withSource(Artifact declared, Artifact source) {
    ObjectNode tree = Codec.json().valueToTree(declared);
    ObjectNode from = Codec.json().valueToTree(source);
    tree.remove(List.of("from", "fromExpression", "key", "raw", "http", "archive"));
    tree.remove(ArtifactRepository.KEYED_STORES);
    String key = keyOf(source);
    if (key != null) {
      from.put("key", key);
    }
    for (String field : SOURCE_FIELDS) {
      if (from.hasNonNull(field) && !(field.equals("subPath") && tree.hasNonNull(field))) {
        tree.set(field, from.get(field));
      }
    }
    return Codec.json().convertValue(tree, Artifact.class);
  }
}
