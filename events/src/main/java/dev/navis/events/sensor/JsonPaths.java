package dev.navis.events.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of gjson/sjson path syntax that sensors use: keys separated by dots, {@code \.} for
 * a dot inside a key, numbers as array indexes, {@code #} for an array's length on reads and
 * for "one past the end" on writes.
 */
public final class JsonPaths {

  private JsonPaths() {}

  /** The value at {@code path}, or null when there is none. */
  public static JsonNode get(JsonNode root, String path) {
    JsonNode node = root;
    for (String key : split(path)) {
      if (node == null) {
        return null;
      }
      node = step(node, key);
    }
    return node == null || node.isMissingNode() ? null : node;
  }

  /**
   * Writes {@code value} at {@code path} of {@code root} (an object or array), creating the
   * objects on the way, and returns the root.
   *
   * @throws IllegalArgumentException when the path crosses a value that is not a container
   */
  public static JsonNode set(JsonNode root, String path, JsonNode value) {
    List<String> keys = split(path);
    JsonNode node = root;
    for (int i = 0; i < keys.size() - 1; i++) {
      JsonNode next = step(node, keys.get(i));
      if (next == null || !next.isContainerNode()) {
        next = isIndex(keys.get(i + 1)) ? JsonNodeFactory.instance.arrayNode()
            : JsonNodeFactory.instance.objectNode();
        put(node, keys.get(i), next, path);
      }
      node = next;
    }
    put(node, keys.getLast(), value, path);
    return root;
  }

  static List<String> split(String path) {
    List<String> keys = new ArrayList<>();
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && i + 1 < path.length()) {
        key.append(path.charAt(++i));
      } else if (c == '.') {
        keys.add(key.toString());
        key.setLength(0);
      } else {
        key.append(c);
      }
    }
    keys.add(key.toString());
    return keys;
  }

  private static JsonNode step(JsonNode node, String key) {
    if (node.isArray()) {
      if (key.equals("#")) {
        return JsonNodeFactory.instance.numberNode(node.size());
      }
      return isIndex(key) ? node.get(Integer.parseInt(key)) : null;
    }
    return node.isObject() ? node.get(key) : null;
  }

  private static void put(JsonNode container, String key, JsonNode value, String path) {
    if (container instanceof ObjectNode object) {
      object.set(key, value);
    } else if (container instanceof ArrayNode array && (isIndex(key) || key.equals("#"))) {
      int index = key.equals("#") ? array.size() : Integer.parseInt(key);
      while (array.size() <= index) {
        array.addNull();
      }
      array.set(index, value);
    } else {
      throw new IllegalArgumentException("cannot write path '" + path + "': '" + key
          + "' crosses a " + container.getNodeType().name().toLowerCase() + " value");
    }
  }

  private static boolean isIndex(String key) {
    return !key.isEmpty() && key.chars().allMatch(Character::isDigit);
  }
}
