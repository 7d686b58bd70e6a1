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
    // Shorter names first, so that a name that is also a prefix meets its children later.
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
   * Places a value at its dotted path. As in Argo, when a name is also the prefix of others
   * ({@code workflow.creationTimestamp} and {@code workflow.creationTimestamp.Y}), the more
   * specific names win and the plain value is dropped; a parsed map (an {@code item}) is merged
   * with them instead.
   */
  @SuppressWarnings("unchecked")
  private static void nest(Map<String, Object> root, String name, Object value) {
    String[] segments = name.split("\\.", -1);
    Map<String, Object> map = root;
    for (int i = 0; i < segments.length - 1; i++) {
      Object child = map.get(segments[i]);
      if (child == null || child.getClass() != HashMap.class) {
        // Ours are plain HashMaps; a parsed value is copied before it is added to.
        child = child instanceof Map<?, ?> parsed
            ? new HashMap<>((Map<String, Object>) parsed) : new HashMap<String, Object>();
        map.put(segments[i], child);
      }
      map = (Map<String, Object>) child;
    }

    // Names come shortest first, so nothing more specific than this one is placed yet.
    map.put(segments[segments.length - 1], value);
  }
}
