package dev.navis.engine.expr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables an expr-lang program sees: Argo's flat names nested by their dots, so that
 * {@code inputs.parameters.x} and {@code inputs.parameters['x-y']} both read a map chain.
 */
final class ExprEnvironment {

  private static final String ITEM = "item";

  private final Map<String, Object> root;

  private ExprEnvironment(Map<String, Object> root) {
    this.root = root;
  }

  static ExprEnvironment of(Map<String, String> vars) {
    return build(vars, true);
  }

  /** Values already in expr form (lists, maps, numbers); only normalized, never parsed. */
  static ExprEnvironment ofValues(Map<String, ?> values) {
    return build(values, false);
  }

  private static ExprEnvironment build(Map<String, ?> vars, boolean parseItem) {
    Map<String, Object> root = new HashMap<>();
    List<String> names = new ArrayList<>(vars.keySet());
    // Shorter names first, so a name that is also a prefix is placed before its children.
    names.sort(Comparator.comparingLong((String name) -> name.chars().filter(c -> c == '.')
        .count()).thenComparing(Comparator.naturalOrder()));
    for (String name : names) {
      Object value = vars.get(name);
      nest(root, name, parseItem && value instanceof String text ? exposed(name, text)
          : ExprValues.normalize(value));
    }
    return new ExprEnvironment(root);
  }

  /** Whether a top-level name is given, which tells an unknown name from a nil value. */
  boolean has(String name) {
    return root.containsKey(name);
  }

  Object get(String name) {
    return root.get(name);
  }

  /** Argo puts the raw loop item in the environment, so an item holding JSON is parsed. */
  private static Object exposed(String name, String value) {
    if (!name.equals(ITEM) || value == null) {
      return value;
    }
    return ExprValues.parseJsonOrKeep(value);
  }

  /**
   * Places a value at its dotted path. A name that is both a value and a prefix of others
   * ({@code workflow.creationTimestamp} and {@code workflow.creationTimestamp.Y};
   * {@code workflow.parameters} as JSON and {@code workflow.parameters.x}) keeps its plain value,
   * but gives way to its children when it is JSON text for a collection, and merges with them
   * when it is a parsed map (an {@code item}).
   */
  @SuppressWarnings("unchecked")
  private static void nest(Map<String, Object> root, String name, Object value) {
    String[] segments = name.split("\\.", -1);
    Map<String, Object> map = root;
    for (int i = 0; i < segments.length - 1; i++) {
      Object child = map.get(segments[i]);
      if (child instanceof Map<?, ?> nested) {
        child = nested instanceof HashMap<?, ?> ? nested : new HashMap<>(nested);
      } else if (child == null || isJsonCollection(child)) {
        child = new HashMap<String, Object>();
      } else {
        return;
      }
      map.put(segments[i], child);
      map = (Map<String, Object>) child;
    }
    map.putIfAbsent(segments[segments.length - 1], value);
  }

  private static boolean isJsonCollection(Object value) {
    if (!(value instanceof String text)) {
      return value instanceof List<?>;
    }
    String trimmed = text.strip();
    return trimmed.startsWith("[") || trimmed.startsWith("{");
  }
}
