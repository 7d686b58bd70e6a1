package dev.navis.events.sensor;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A trigger's {@code conditions}: dependency names joined by {@code &&}, {@code ||}, {@code !}
 * and parentheses, as in {@code dep01 || (dep02 && dep03)}. Without conditions a trigger needs
 * every dependency of its sensor. Names may hold letters, digits, {@code - _ .}.
 */
public final class TriggerConditions {

  private final String expression;
  private final Set<String> names;

  private TriggerConditions(String expression, Set<String> names) {
    this.expression = expression;
    this.names = names;
  }

  /**
   * Parses {@code conditions}; null or blank means "all of {@code allDependencies}".
   *
   * @throws IllegalArgumentException naming the position when the expression does not parse
   */
  public static TriggerConditions parse(String conditions, Set<String> allDependencies) {
    if (conditions == null || conditions.isBlank()) {
      return new TriggerConditions(String.join(" && ", allDependencies),
          new LinkedHashSet<>(allDependencies));
    }
    Set<String> names = new LinkedHashSet<>();
    new Evaluator(conditions, name -> names.add(name) || true).check();
    return new TriggerConditions(conditions, names);
  }

  /** The dependency names the conditions mention. */
  public Set<String> dependencies() {
    return names;
  }

  /** Whether the conditions hold when exactly the dependencies in {@code met} are satisfied. */
  public boolean isMet(Set<String> met) {
    return new Evaluator(expression, met::contains).check();
  }

  @Override
  public String toString() {
    return expression;
  }

  private static final class Evaluator {
    private final String text;
    private final Predicate<String> value;
    private int at;

    Evaluator(String text, Predicate<String> value) {
      this.text = text;
      this.value = value;
    }

    boolean check() {
      boolean result = or();
      skip();
      if (at < text.length()) {
        throw error("unexpected '" + text.charAt(at) + "'");
      }
      return result;
    }

    private boolean or() {
      boolean result = and();
      while (accept("||")) {
        result |= and();
      }
      return result;
    }

    private boolean and() {
      boolean result = unary();
      while (accept("&&")) {
        result &= unary();
      }
      return result;
    }

    private boolean unary() {
      if (accept("!")) {
        return !unary();
      }
      if (accept("(")) {
        boolean result = or();
        if (!accept(")")) {
          throw error("expected ')'");
        }
        return result;
      }
      skip();
      int start = at;
      while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at))
          || "-_.".indexOf(text.charAt(at)) >= 0)) {
        at++;
      }
      if (start == at) {
        throw error("expected a dependency name");
      }
      return value.test(text.substring(start, at));
    }

    private boolean accept(String token) {
      skip();
      if (text.startsWith(token, at)) {
        at += token.length();
        return true;
      }
      return false;
    }

    private void skip() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }

    private IllegalArgumentException error(String message) {
      return new IllegalArgumentException("conditions '" + text + "': " + message
          + " at offset " + at);
    }
  }
}
