package dev.navis.engine.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Values as expr-lang sees them: String, Long, Double, Boolean, null, List, Map (string keys),
 * ZonedDateTime and Duration; their rendering into text and JSON, as Go's encoders write them.
 */
final class ExprValues {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS);

  private ExprValues() {}

  /** Text as Argo writes a value into a template: strings as is, the rest as JSON. */
  static String render(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof String text) {
      return text;
    }
    return toJson(value);
  }

  /** Compact JSON with sorted keys and integral floats without a fraction, as Go writes it. */
  static String toJson(Object value) {
    StringBuilder out = new StringBuilder();
    writeJson(value, out);
    return out.toString();
  }

  /** JSON indented by two spaces, as sprig's {@code toPrettyJson} writes it. */
  static String toPrettyJson(Object value) {
    try {
      Object tree = JSON.readTree(toJson(value));
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("our own JSON does not parse", e);
    }
  }

  private static void writeJson(Object value, StringBuilder out) {
    switch (value) {
      case null -> out.append("null");
      case String text -> writeString(text, out);
      case Double number -> out.append(formatFloat(number));
      case Float number -> out.append(formatFloat(number.doubleValue()));
      case Number number -> out.append(number);
      case Boolean flag -> out.append(flag);
      case Map<?, ?> map -> writeMap(map, out);
      case List<?> list -> writeList(list, out);
      case ZonedDateTime time -> writeString(time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
          out);
      case Duration duration -> out.append(duration.toNanos());
      default -> writeString(value.toString(), out);
    }
  }

  private static void writeMap(Map<?, ?> map, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
      out.append(first ? "" : ",");
      writeString(String.valueOf(entry.getKey()), out);
      out.append(':');
      writeJson(entry.getValue(), out);
      first = false;
    }
    out.append('}');
  }

  private static void writeList(List<?> list, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      out.append(i == 0 ? "" : ",");
      writeJson(list.get(i), out);
    }
    out.append(']');
  }

  private static void writeString(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** A float as Go's JSON encoder writes it: shortest form, exponent only when far from 1. */
  static String formatFloat(double number) {
    double magnitude = Math.abs(number);
    boolean exponent = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21);
    return formatShortest(number, exponent, 1);
  }

  /** A float as Go's {@code fmt.Sprint} writes it ({@code %v}): exponent from 1e+06 on. */
  static String formatFloatLikeSprint(double number) {
    if (number == 0 || Double.isNaN(number) || Double.isInfinite(number)) {
      return formatShortest(number, false, 2);
    }
    int exponent = shortest(number).precision() - shortest(number).scale() - 1;
    return formatShortest(number, exponent < -4 || exponent >= 6, 2);
  }

  private static String formatShortest(double number, boolean exponent, int exponentDigits) {
    if (Double.isNaN(number)) {
      return "NaN";
    }
    if (Double.isInfinite(number)) {
      return number > 0 ? "+Inf" : "-Inf";
    }
    if (number == 0) {
      return "0";
    }
    BigDecimal decimal = shortest(number);
    if (!exponent) {
      return decimal.toPlainString();
    }
    String digits = decimal.unscaledValue().abs().toString();
    int power = decimal.precision() - decimal.scale() - 1;
    String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
    String powerDigits = String.valueOf(Math.abs(power));
    while (powerDigits.length() < exponentDigits) {
      powerDigits = "0" + powerDigits;
    }
    return (number < 0 ? "-" : "") + mantissa + "e" + (power < 0 ? "-" : "+") + powerDigits;
  }

  /** The shortest decimal that reads back as the same double (Java's toString finds it). */
  private static BigDecimal shortest(double number) {
    return new BigDecimal(Double.toString(number)).stripTrailingZeros();
  }

  /** Parses JSON text into expr values (Long for integers), or keeps the text as a string. */
  static Object parseJsonOrKeep(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return text;
    }
    char first = trimmed.charAt(0);
    boolean looksJson = first == '{' || first == '[' || first == '-' || Character.isDigit(first)
        || trimmed.equals("true") || trimmed.equals("false") || trimmed.equals("null");
    if (!looksJson) {
      return text;
    }
    try {
      return parseJson(trimmed);
    } catch (ExpressionException e) {
      return text;
    }
  }

  /** Parses JSON text into expr values; a syntax error is an {@link ExpressionException}. */
  static Object parseJson(String text) {
    try {
      return normalize(JSON.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      throw new ExpressionException("invalid JSON '" + abbreviate(text) + "': "
          + e.getOriginalMessage());
    }
  }

  /** Turns Java numbers and collections into the value kinds above. */
  static Object normalize(Object value) {
    return switch (value) {
      case Integer number -> number.longValue();
      case Short number -> number.longValue();
      case Byte number -> number.longValue();
      case BigInteger number -> number.bitLength() < 64 ? number.longValue()
          : number.doubleValue();
      case BigDecimal number -> number.doubleValue();
      case Float number -> number.doubleValue();
      case Map<?, ?> map -> {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, entry) -> copy.put(String.valueOf(key), normalize(entry)));
        yield copy;
      }
      case List<?> list -> {
        List<Object> copy = new ArrayList<>(list.size());
        list.forEach(entry -> copy.add(normalize(entry)));
        yield copy;
      }
      case null, default -> value;
    };
  }

  /** How error messages name a value: its kind and a short rendering. */
  static String describe(Object value) {
    if (value == null) {
      return "nil";
    }
    String kind = switch (value) {
      case String text -> "string";
      case Long number -> "int";
      case Integer number -> "int";
      case Double number -> "float";
      case Boolean flag -> "bool";
      case List<?> list -> "array";
      case Map<?, ?> map -> "map";
      case ZonedDateTime time -> "time";
      case Duration duration -> "duration";
      default -> value.getClass().getSimpleName();
    };
    String text = value instanceof String s ? "'" + s + "'" : render(value);
    return kind + " " + abbreviate(text);
  }

  static String abbreviate(String text) {
    return text.length() <= 60 ? text : text.substring(0, 57) + "...";
  }
}
