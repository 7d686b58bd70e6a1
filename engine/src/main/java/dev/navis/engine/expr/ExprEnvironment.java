package dev.navis.engine.expr;

import java.util.HashMap;
import java.util.Map;

/**
 * The variables an expr-lang program sees: Argo's flat names nested by their dots, so that
 * {@code inputs.parameters.x} and {@code inputs.parameters['x-y']} both read a map chain.
 *
 * <p>A top-level name is nested on first use only: an expression reads a few of the hundreds of
 * variables a node has. One instance serves one substitution or evaluation, on one thread.
 */
final class ExprEnvironment {

  private static final String ITEM = "item";
  private static final Object ABSENT = new Object();

  private final Map<String, ?> vars;
  private final boolean parseItem;
  private final Map<String, Object> nested = new HashMap<>();

  private ExprEnvironment(Map<String, ?> vars, boolean parseItem) {
    this.vars = vars;
    this.parseItem = parseItem;
  }

  static ExprEnvironment of(Map<String, String> vars) {
    return new ExprEnvironment(vars, true);
  }

  /** Values already in expr form (lists, maps, numbers); only normalized, never parsed. */
  static ExprEnvironment ofValues(Map<String, ?> values) {
    return new ExprEnvironment(values, false);
  }

  /** Whether a top-level name is given, which tells an unknown name from a nil value. */
  boolean has(String name) {
    return resolve(name) != ABSENT;
  }

  Object get(String name) {
    Object value = resolve(name);
    return value == ABSENT ? null : value;
  }

  private Object resolve(String name) {
    Object cached = nested.get(name);
    if (cached != null || nested.containsKey(name)) {
      return cached;
    }

    Map<String, Object> root = new HashMap<>();
    boolean found = vars.containsKey(name);
    if (found) {
      place(root, name, exposed(name, vars.get(name)));
    }
    String prefix = name + ".";
    for (Map.Entry<String, ?> variable : vars.entrySet()) {
      if (variable.getKey().startsWith(prefix)) {
        place(root, variable.getKey(), exposed(variable.getKey(), variable.getValue()));
        found = true;
      }
    }
    Object value = found ? root.get(name) : ABSENT;
    nested.put(name, value);
    return value;
  }

  /** Argo puts the raw loop item in the environment, so an item holding JSON is parsed. */
  private Object exposed(String name, Object value) {
    if (parseItem && name.equals(ITEM) && value instanceof String text) {
      return ExprValues.parseJsonOrKeep(text);
    }
    return parseItem ? value : ExprValues.normalize(value);
  }

  /**
   * Places a value at its dotted path, whatever the order names come in. As in Argo, when a
   * name is also the prefix of others ({@code workflow.creationTimestamp} and
   * {@code workflow.creationTimestamp.Y}), the more specific names win and the plain value is
   * dropped; a parsed map (an {@code item}) is merged with them instead.
   */
  @SuppressWarnings("unchecked")
  private static void place(Map<String, Object> root, String name, Object value) {
    String[] segments = name.split("\\.", -1);
    Map<String, Object> map = root;
    for (int i = 0; i < segments.length - 1; i++) {
      Object child = map.get(segments[i]);
      if (!isOurs(child)) {
        // A plain value gives way to its children; a parsed map is copied before it grows.
        child = child instanceof Map<?, ?> parsed
            ? new HashMap<>((Map<String, Object>) parsed) : new HashMap<String, Object>();
        map.put(segments[i], child);
      }
      map = (Map<String, Object>) child;
    }

    String last = segments[segments.length - 1];
    Object existing = map.get(last);
    if (!isOurs(existing)) {
      map.put(last, value);
    } else if (value instanceof Map<?, ?> parsed) {
      Map<String, Object> merged = new HashMap<>((Map<String, Object>) parsed);
      merged.putAll((Map<String, Object>) existing);
      map.put(last, merged);
    }
  }

  /** The maps this class makes are plain HashMaps; parsed JSON maps are LinkedHashMaps. */
  private static boolean isOurs(Object value) {
    return value != null && value.getClass() == HashMap.class;
  }
}
