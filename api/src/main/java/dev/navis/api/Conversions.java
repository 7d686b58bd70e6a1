package dev.navis.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Turns Jackson's failures into plain messages that name the field and what was found. */
final class Conversions {

  private Conversions() {}

  static Problem problem(ParsedResource parsed, JsonMappingException e) {
    String path = pathOf(e);
    JsonNode found = nodeAt(parsed.tree(), e);
    String expected = e instanceof MismatchedInputException mismatch
        ? describeType(mismatch.getTargetType())
        : "a valid value";
    String text = "expected " + expected + ", found " + describeNode(found);
    return parsed.problem(path, text);
  }

  /** A syntax error at the parser's position, in one plain sentence. */
  static Problem syntaxProblem(String file, JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
      Mark mark = yaml.getProblemMark();
      return new Problem(file, mark.getLine() + 1, mark.getColumn() + 1, "",
          "malformed YAML: " + yamlMessage(yaml));
    }
    JsonLocation location = e.getLocation();
    int line = location == null ? 0 : location.getLineNr();
    int column = location == null ? 0 : location.getColumnNr();
    String kind = e.getCause() instanceof YAMLException ? "YAML" : "JSON";
    return new Problem(file, line, column, "", "malformed " + kind + ": " + plain(e));
  }

  private static String yamlMessage(MarkedYAMLException yaml) {
    String problem = oneLine(yaml.getProblem());
    Mark contextMark = yaml.getContextMark();
    if (yaml.getContext() == null || contextMark == null) {
      return problem;
    }
    return problem + " (" + oneLine(yaml.getContext()) + " at line "
        + (contextMark.getLine() + 1) + ")";
  }

  private static String plain(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message == null || message.isBlank()) {
      return "cannot parse";
    }
    String first = oneLine(message);
    return Character.toLowerCase(first.charAt(0)) + first.substring(1);
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.strip().lines().findFirst().orElse("").strip();
  }

  private static String pathOf(JsonMappingException e) {
    String path = "";
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path = SourcePositions.child(path, reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path = SourcePositions.element(path, reference.getIndex());
      }
    }
    return path;
  }

  private static JsonNode nodeAt(JsonNode tree, JsonMappingException e) {
    JsonNode node = tree;
    for (JsonMappingException.Reference reference : e.getPath()) {
      node = reference.getFieldName() != null
          ? node.path(reference.getFieldName())
          : node.path(reference.getIndex());
    }
    return node;
  }

  private static String describeType(Class<?> type) {
    if (type == null) {
      return "a valid value";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "an object";
    }
    return "a " + type.getSimpleName();
  }

  static String describeNode(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case OBJECT -> "an object";
      case ARRAY -> "a list";
      case STRING -> "the string \"" + node.asText() + "\"";
      case NUMBER -> "the number " + node.asText();
      case BOOLEAN -> node.asText();
      case NULL -> "null";
      default -> node.getNodeType().name().toLowerCase();
    };
  }
}
