package dev.navis.engine.expr;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * expr-lang's operators on {@link ExprValues values}: integers stay integers except under
 * {@code /} and {@code **}, mixed numbers widen to floats, {@code +} joins strings and arrays,
 * time minus time is a duration.
 */
final class ExprOperators {

  private static final int MAX_PATTERNS = 256;
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private ExprOperators() {}

  static Object apply(String operator, Object left, Object right) {
    return switch (operator) {
      case "+" -> add(left, right);
      case "-" -> subtract(left, right);
      case "*" -> arithmetic(operator, left, right);
      case "/" -> divide(left, right);
      case "%" -> modulo(left, right);
      case "**", "^" -> power(operator, left, right);
      case "==" -> equal(left, right);
      case "!=" -> !equal(left, right);
      case "<", ">", "<=", ">=" -> order(operator, left, right);
      case "in" -> in(left, right);
      case "matches" -> matches(text(operator, left), text(operator, right));
      case "contains" -> text(operator, left).contains(text(operator, right));
      case "startsWith" -> text(operator, left).startsWith(text(operator, right));
      case "endsWith" -> text(operator, left).endsWith(text(operator, right));
      case ".." -> range(left, right);
      default -> throw new ExpressionException("unknown operator '" + operator + "'");
    };
  }

  static boolean isNumber(Object value) {
    return value instanceof Long || value instanceof Double || value instanceof Integer;
  }

  private static Object add(Object left, Object right) {
    if (left instanceof String a && right instanceof String b) {
      return a + b;
    }
    if (left instanceof List<?> a && right instanceof List<?> b) {
      List<Object> joined = new ArrayList<>(a);
      joined.addAll(b);
      return joined;
    }
    if (left instanceof ZonedDateTime time && right instanceof Duration duration) {
      return time.plus(duration);
    }
    if (left instanceof Duration duration && right instanceof ZonedDateTime time) {
      return time.plus(duration);
    }
    if (left instanceof Duration a && right instanceof Duration b) {
      return a.plus(b);
    }
    return arithmetic("+", left, right);
  }

  private static Object subtract(Object left, Object right) {
    if (left instanceof ZonedDateTime time) {
      Object other = right instanceof String text ? GoTime.parseTime(text) : right;
      if (other instanceof ZonedDateTime earlier) {
        return Duration.between(earlier, time);
      }
      if (other instanceof Duration duration) {
        return time.minus(duration);
      }
    }
    if (left instanceof Duration a && right instanceof Duration b) {
      return a.minus(b);
    }
    return arithmetic("-", left, right);
  }

  private static Object arithmetic(String operator, Object left, Object right) {
    if (left instanceof Long a && right instanceof Long b) {
      return switch (operator) {
        case "+" -> a + b;
        case "-" -> a - b;
        default -> a * b;
      };
    }
    requireNumbers(operator, left, right);
    double a = ((Number) left).doubleValue();
    double b = ((Number) right).doubleValue();
    return switch (operator) {
      case "+" -> a + b;
      case "-" -> a - b;
      default -> a * b;
    };
  }

  private static Object divide(Object left, Object right) {
    requireNumbers("/", left, right);
    return ((Number) left).doubleValue() / ((Number) right).doubleValue();
  }

  private static Object modulo(Object left, Object right) {
    if (!(left instanceof Long a) || !(right instanceof Long b)) {
      throw mismatch("%", left, right);
    }
    if (b == 0) {
      throw new ExpressionException("integer divide by zero");
    }
    return a % b;
  }

  private static double power(String operator, Object left, Object right) {
    requireNumbers(operator, left, right);
    return Math.pow(((Number) left).doubleValue(), ((Number) right).doubleValue());
  }

  private static void requireNumbers(String operator, Object left, Object right) {
    if (!isNumber(left) || !isNumber(right)) {
      throw mismatch(operator, left, right);
    }
  }

  private static String text(String operator, Object value) {
    if (value instanceof String text) {
      return text;
    }
    throw new ExpressionException("'" + operator + "' needs strings, got "
        + ExprValues.describe(value));
  }

  static ExpressionException mismatch(String operator, Object left, Object right) {
    return new ExpressionException("invalid operation: " + ExprValues.describe(left) + " "
        + operator + " " + ExprValues.describe(right) + " (mismatched types)");
  }

  /** Equality as expr-lang sees it: numbers by value whatever their kind, the rest deeply. */
  static boolean equal(Object left, Object right) {
    if (isNumber(left) && isNumber(right)) {
      return ((Number) left).doubleValue() == ((Number) right).doubleValue();
    }
    if (left instanceof List<?> a && right instanceof List<?> b) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (left instanceof ZonedDateTime a && right instanceof ZonedDateTime b) {
      return a.toInstant().equals(b.toInstant());
    }
    return Objects.equals(left, right);
  }

  static int compare(String operator, Object left, Object right) {
    if (isNumber(left) && isNumber(right)) {
      return Double.compare(((Number) left).doubleValue(), ((Number) right).doubleValue());
    }
    if (left instanceof String a && right instanceof String b) {
      return a.compareTo(b);
    }
    if (left instanceof ZonedDateTime a && right instanceof ZonedDateTime b) {
      return a.toInstant().compareTo(b.toInstant());
    }
    if (left instanceof Duration a && right instanceof Duration b) {
      return a.compareTo(b);
    }
    throw mismatch(operator, left, right);
  }

  private static boolean order(String operator, Object left, Object right) {
    int sign = compare(operator, left, right);
    return switch (operator) {
      case "<" -> sign < 0;
      case ">" -> sign > 0;
      case "<=" -> sign <= 0;
      default -> sign >= 0;
    };
  }

  private static boolean in(Object element, Object container) {
    return switch (container) {
      case List<?> list -> list.stream().anyMatch(value -> equal(value, element));
      case Map<?, ?> map -> map.containsKey(element);
      case String text when element instanceof String part -> text.contains(part);
      case null -> false;
      default -> throw mismatch("in", element, container);
    };
  }

  static boolean matches(String text, String regex) {
    return pattern(regex).matcher(text).find();
  }

  static Pattern pattern(String regex) {
    Pattern cached = PATTERNS.get(regex);
    if (cached != null) {
      return cached;
    }
    try {
      Pattern compiled = Pattern.compile(regex);
      if (PATTERNS.size() >= MAX_PATTERNS) {
        PATTERNS.clear();
      }
      PATTERNS.put(regex, compiled);
      return compiled;
    } catch (PatternSyntaxException e) {
      throw new ExpressionException("invalid regular expression '" + regex + "': "
          + e.getDescription());
    }
  }

  private static List<Object> range(Object from, Object to) {
    if (!(from instanceof Long first) || !(to instanceof Long last)) {
      throw mismatch("..", from, to);
    }
    List<Object> values = new ArrayList<>();
    for (long i = first; i <= last; i++) {
      values.add(i);
    }
    return values;
  }
}
