package dev.navis.engine.expr;

import java.util.List;

/** Number conversions and arithmetic builtins: {@code int}, {@code asInt}, {@code max}... */
final class ExprNumbers {

  private ExprNumbers() {}

  /** expr-lang's {@code int()}: truncates floats, parses integer strings. */
  static long toInt(String name, Object value) {
    return switch (value) {
      case Long number -> number;
      case Integer number -> number;
      case Double number -> (long) number.doubleValue();
      case String text -> parseLong(name, text.strip());
      default -> throw new ExpressionException(
          "invalid argument for " + name + "(): " + ExprValues.describe(value));
    };
  }

  /** expr-lang's {@code float()}: widens numbers, parses number strings. */
  static double toFloat(String name, Object value) {
    return switch (value) {
      case Long number -> number.doubleValue();
      case Integer number -> number.doubleValue();
      case Double number -> number;
      case String text -> parseDouble(name, text.strip());
      default -> throw new ExpressionException(
          "invalid argument for " + name + "(): " + ExprValues.describe(value));
    };
  }

  /** Argo's {@code asInt}: parameters are strings, so this is how a template does arithmetic. */
  static long asInt(Object value) {
    return toInt("asInt", value);
  }

  static double asFloat(Object value) {
    return toFloat("asFloat", value);
  }

  private static long parseLong(String name, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ExpressionException(name + "(): '" + text + "' is not an integer");
    }
  }

  private static double parseDouble(String name, String text) {
    try {
      return Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new ExpressionException(name + "(): '" + text + "' is not a number");
    }
  }

  static Object round(String name, Object value) {
    if (!ExprOperators.isNumber(value)) {
      throw new ExpressionException(
          "invalid argument for " + name + "(): " + ExprValues.describe(value));
    }
    if (value instanceof Long number) {
      return name.equals("abs") ? Math.abs(number) : (double) number;
    }
    double number = ((Number) value).doubleValue();
    return switch (name) {
      case "abs" -> Math.abs(number);
      case "ceil" -> Math.ceil(number);
      case "floor" -> Math.floor(number);
      default -> (double) Math.round(number);
    };
  }

  /** {@code max(a, b, ...)} or {@code max(array)}. */
  static Object extreme(String name, List<Object> args) {
    List<?> values = args.size() == 1 && args.get(0) instanceof List<?> list ? list : args;
    if (values.isEmpty()) {
      throw new ExpressionException(name + "() needs at least one argument");
    }
    Object best = values.get(0);
    for (Object value : values) {
      int sign = ExprOperators.compare(name, value, best);
      if (name.equals("max") ? sign > 0 : sign < 0) {
        best = value;
      }
    }
    return best;
  }

  static Object mean(List<?> values) {
    if (values.isEmpty()) {
      return 0.0;
    }
    double total = 0;
    for (Object value : values) {
      total += toFloat("mean", value);
    }
    return total / values.size();
  }
}
