package dev.navis.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.navis.api.Codec;
import dev.navis.engine.expr.Expressions;
import dev.navis.engine.expr.Expressions.Unresolved;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Substitutes {@code {{...}}} tags in whole model objects. Argo serializes to JSON text and
 * substitutes the text; this walks the JSON tree and substitutes each string on its own, so an
 * inserted value never needs JSON escaping and expressions keep their quotes.
 */
final class Templating {

  private static final ObjectMapper JSON = Codec.json();
  /** Substituted when its values are known (metrics see {{status}} after the node ends). */
  private static final String LATER = "metrics";

  private Templating() {}

  /** A copy of {@code value} with every tag in its strings replaced. */
  static <T> T substitute(T value, Class<T> type, Map<String, String> vars, Unresolved mode) {
    if (value == null) {
      return null;
    }
    JsonNode tree = JSON.valueToTree(value);
    JsonNode metrics = tree instanceof ObjectNode object ? object.remove(LATER) : null;
    if (!containsTag(tree)) {
      return value;
    }
    JsonNode substituted = substituteTree(tree, vars, mode);
    if (metrics != null) {
      ((ObjectNode) substituted).set(LATER, metrics);
    }
    try {
      return JSON.treeToValue(substituted, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("substituted " + type.getSimpleName() + " unreadable", e);
    }
  }

  /** {@code text} with its tags replaced; text without tags is returned as is. */
  static String text(String text, Map<String, String> vars, Unresolved mode) {
    if (text == null || !text.contains("{{")) {
      return text;
    }
    return Expressions.substitute(text, vars, mode);
  }

  private static boolean containsTag(JsonNode node) {
    if (node.isTextual()) {
      return node.textValue().contains("{{");
    }
    for (JsonNode child : node) {
      if (containsTag(child)) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode substituteTree(JsonNode node, Map<String, String> vars,
      Unresolved mode) {
    if (node.isTextual()) {
      return TextNode.valueOf(text(node.textValue(), vars, mode));
    }
    if (node instanceof ObjectNode object) {
      Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        field.setValue(substituteTree(field.getValue(), vars, mode));
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, substituteTree(array.get(i), vars, mode));
      }
    }
    return node;
  }

  /** A loop item or value as Argo prints it: scalars bare, maps and lists as compact JSON. */
  static String print(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    return Codec.toJson(sorted(value));
  }

  private static Object sorted(JsonNode value) {
    if (value instanceof ObjectNode object) {
      Map<String, Object> map = new TreeMap<>();
      object.fields().forEachRemaining(e -> map.put(e.getKey(), sorted(e.getValue())));
      return map;
    }
    if (value instanceof ArrayNode array) {
      java.util.List<Object> list = new java.util.ArrayList<>();
      array.forEach(item -> list.add(sorted(item)));
      return list;
    }
    return value;
  }
}
