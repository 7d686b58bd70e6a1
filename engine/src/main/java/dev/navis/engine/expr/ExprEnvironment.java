package dev.navis.engine.expr;

import java.util.HashMap;
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
    Map<String, Object> root = new HashMap<>();
    vars.forEach((name, value) -> nest(root, name, exposed(name, value)));
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

  @SuppressWarnings("unchecked")
  private static void nest(Map<String, Object> root, String name, Object value) {
    String[] segments = name.split("\\.", -1);
    Map<String, Object> map = root;
    for (int i = 0; i < segments.length - 1; i++) {
      Object child = map.get(segments[i]);
      if (!(child instanceof Map<?, ?>)) {
        // A name that is both a value and a prefix (rare): the nested names win.
        child = new HashMap<String, Object>();
        map.put(segments[i], child);
      }
      map = (Map<String, Object>) child;
    }

    String last = segments[segments.length - 1];
    Object existing = map.get(last);
    if (existing instanceof Map<?, ?> nested) {
      if (value instanceof Map<?, ?> parsed) {
        Map<String, Object> merged = new HashMap<>((Map<String, Object>) parsed);
        merged.putAll((Map<String, Object>) nested);
        map.put(last, merged);
      }
      return;
    }
    map.put(last, value);
  }
}
