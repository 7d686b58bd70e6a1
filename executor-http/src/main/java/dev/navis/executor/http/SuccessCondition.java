package dev.navis.executor.http;

import dev.navis.engine.expr.ExpressionException;
import dev.navis.engine.expr.Expressions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Whether a response means the node succeeded, by Argo's rules. */
final class SuccessCondition {

  /** A verdict: the node's phase and, unless it succeeded, why. */
  record Verdict(String phase, String message) {}

  private SuccessCondition() {}

  /**
   * Evaluates {@code condition} (expr-lang over {@code response.*}); without one, a 2xx status
   * succeeds. A condition that does not evaluate to a boolean is an Error, not a failure.
   */
  static Verdict assess(String condition, int statusCode, String body,
      Map<String, List<String>> headers) {
    if (condition == null || condition.isBlank()) {
      return statusCode >= 200 && statusCode < 300 ? new Verdict("Succeeded", null)
          : new Verdict("Failed", "received non-2xx response code: " + statusCode);
    }
    boolean success;
    try {
      success = evaluate(condition, statusCode, body, headers);
    } catch (ExpressionException e) {
      return new Verdict("Error", "successCondition '" + condition.strip() + "': "
          + e.getMessage());
    }
    return success ? new Verdict("Succeeded", null)
        : new Verdict("Failed", "successCondition '" + condition.strip()
            + "' is false for response code " + statusCode);
  }

  private static boolean evaluate(String condition, int statusCode, String body,
      Map<String, List<String>> headers) {
    // Go canonicalizes header names (content-type becomes Content-Type); Argo's users write
    // them that way, while java.net.http hands them over in lower case.
    Map<String, List<String>> canonical = new TreeMap<>();
    headers.forEach((name, values) -> canonical.put(canonicalName(name), values));
    Object value = Expressions.evaluateValues(condition, Map.of(
        "response.statusCode", (long) statusCode,
        "response.body", body,
        "response.headers", canonical));
    if (value instanceof Boolean result) {
      return result;
    }
    throw new ExpressionException("expected a boolean, got " + Expressions.render(value));
  }

  static String canonicalName(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = true;
    for (char c : name.toCharArray()) {
      out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    return out.toString();
  }
}
