package dev.navis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.ParseResult;
import dev.navis.api.ParsedResource;
import dev.navis.api.Problem;
import dev.navis.api.Resources;
import dev.navis.engine.lint.Linter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A resource in a request body, parsed and linted as a file would be. */
final class Validation {

  private static final String API_VERSION = "argoproj.io/v1alpha1";

  private Validation() {}

  /**
   * The resource under {@code field} of the body, of {@code kind}, placed in {@code namespace}
   * (null: cluster-scoped); 400 with every problem, each as {@code kind.yaml:line:col: field:
   * problem}, where the positions are those of the resource rendered as YAML.
   */
  static ParsedResource validated(JsonNode body, String field, String kind, String namespace) {
    if (!(body.get(field) instanceof ObjectNode given)) {
      throw ApiException.invalid(field + ": an object is required");
    }
    ObjectNode resource = given.deepCopy();
    resource.putIfAbsent("apiVersion", Codec.json().getNodeFactory().textNode(API_VERSION));
    resource.putIfAbsent("kind", Codec.json().getNodeFactory().textNode(kind));
    if (namespace != null) {
      resource.withObjectProperty("metadata").put("namespace", namespace);
    }

    String file = kind.toLowerCase(Locale.ROOT) + ".yaml";
    ParseResult parsed = Resources.parse(file, Codec.toYaml(resource));
    List<Problem> problems = parsed.problems().isEmpty()
        ? Linter.lint(parsed.resources()) : parsed.problems();
    if (!problems.isEmpty()) {
      throw ApiException.invalid(problems.stream().map(Problem::format)
          .collect(Collectors.joining("\n")));
    }
    ParsedResource found = parsed.resources().getFirst();
    if (!kind.equals(found.kind())) {
      throw ApiException.invalid(field + ": kind " + kind + " expected, found " + found.kind());
    }
    return found;
  }
}
