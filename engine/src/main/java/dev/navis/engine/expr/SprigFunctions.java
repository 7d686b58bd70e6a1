package dev.navis.engine.expr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The commonly used sprig functions that Argo exposes as {@code sprig.<fn>(...)}, with sprig's
 * argument order (the subject last: {@code sprig.replace(old, new, text)}) and its lenient
 * conversions ({@code sprig.atoi('x')} is 0, not an error).
 */
final class SprigFunctions {

  private SprigFunctions() {}

  static Object call(String name, List<Object> args) {
    return switch (name) {
      case "trim" -> str(one(name, args)).strip();
      case "trimAll" -> ExprStrings.trimChars(str(arg(name, args, 1)), str(args.get(0)));
      case "trimPrefix" -> ExprStrings.trimPrefix(str(arg(name, args, 1)), str(args.get(0)));
      case "trimSuffix" -> ExprStrings.trimSuffix(str(arg(name, args, 1)), str(args.get(0)));
      case "upper" -> str(one(name, args)).toUpperCase(Locale.ROOT);
      case "lower" -> str(one(name, args)).toLowerCase(Locale.ROOT);
      case "title" -> title(str(one(name, args)));
      case "repeat" -> str(arg(name, args, 1)).repeat((int) toInt64(args.get(0)));
      case "substr" -> substr(args);
      case "trunc" -> trunc(args);
      case "nospace" -> str(one(name, args)).replaceAll("\\s", "");
      case "contains" -> str(arg(name, args, 1)).contains(str(args.get(0)));
      case "hasPrefix" -> str(arg(name, args, 1)).startsWith(str(args.get(0)));
      case "hasSuffix" -> str(arg(name, args, 1)).endsWith(str(args.get(0)));
      case "replace" -> str(arg(name, args, 2)).replace(str(args.get(0)), str(args.get(1)));
      case "quote" -> quote(args, "\"");
      case "squote" -> quote(args, "'");
      case "cat" -> cat(args);
      case "split" -> splitMap(ExprStrings.split(str(arg(name, args, 1)), str(args.get(0)), -1));
      case "splitList" -> ExprStrings.split(str(arg(name, args, 1)), str(args.get(0)), -1);
      case "join" -> ExprStrings.join(asList(arg(name, args, 1)), str(args.get(0)));
      case "toString" -> str(one(name, args));
      default -> callNumeric(name, args);
    };
  }

  private static Object callNumeric(String name, List<Object> args) {
    return switch (name) {
      case "atoi" -> atoi(str(one(name, args)));
      case "int", "int64" -> toInt64(one(name, args));
      case "float64" -> toFloat64(one(name, args));
      case "add" -> args.stream().mapToLong(SprigFunctions::toInt64).sum();
      case "add1" -> toInt64(one(name, args)) + 1;
      case "sub" -> toInt64(exactly(name, args, 2).get(0))
          - toInt64(args.get(1));
      case "mul" -> args.stream().mapToLong(SprigFunctions::toInt64).reduce(1, (a, b) -> a * b);
      case "div" -> toInt64(arg(name, args, 1)) == 0 ? divideByZero(name)
          : toInt64(args.get(0)) / toInt64(args.get(1));
      case "mod" -> toInt64(arg(name, args, 1)) == 0 ? divideByZero(name)
          : toInt64(args.get(0)) % toInt64(args.get(1));
      case "max" -> args.stream().mapToLong(SprigFunctions::toInt64).max().orElse(0);
      case "min" -> args.stream().mapToLong(SprigFunctions::toInt64).min().orElse(0);
      case "addf" -> args.stream().mapToDouble(SprigFunctions::toFloat64).sum();
      case "mulf" -> args.stream().mapToDouble(SprigFunctions::toFloat64)
          .reduce(1, (a, b) -> a * b);
      case "subf" -> toFloat64(exactly(name, args, 2).get(0))
          - toFloat64(args.get(1));
      case "divf" -> toFloat64(exactly(name, args, 2).get(0))
          / toFloat64(args.get(1));
      case "floor" -> Math.floor(toFloat64(one(name, args)));
      case "ceil" -> Math.ceil(toFloat64(one(name, args)));
      default -> callCollection(name, args);
    };
  }

  private static Object callCollection(String name, List<Object> args) {
    return switch (name) {
      case "default" -> args.size() < 2 || empty(args.get(1)) ? arg(name, args, 0) : args.get(1);
      case "empty" -> empty(one(name, args));
      case "coalesce" -> args.stream().filter(value -> !empty(value)).findFirst().orElse(null);
      case "ternary" -> Boolean.TRUE.equals(arg(name, args, 2)) ? args.get(0) : args.get(1);
      case "list" -> new ArrayList<>(args);
      case "dict" -> dict(args);
      case "get" -> get(args);
      case "hasKey" -> asMap(arg(name, args, 1)).containsKey(str(args.get(1)));
      case "keys" -> keys(args);
      case "first" -> asList(one(name, args)).isEmpty() ? null : asList(args.get(0)).get(0);
      case "last" -> last(asList(one(name, args)));
      case "append", "push" -> append(asList(arg(name, args, 1)), args.get(1));
      case "has" -> asList(arg(name, args, 1)).stream()
          .anyMatch(value -> ExprOperators.equal(value, args.get(0)));
      case "uniq" -> new ArrayList<Object>(new LinkedHashSet<>(asList(one(name, args))));
      case "until" -> until(toInt64(one(name, args)));
      default -> callEncoding(name, args);
    };
  }

  private static Object callEncoding(String name, List<Object> args) {
    return switch (name) {
      case "b64enc" -> Base64.getEncoder().encodeToString(bytes(one(name, args)));
      case "b64dec" -> b64dec(str(one(name, args)));
      case "sha256sum" -> digest("SHA-256", one(name, args));
      case "sha1sum" -> digest("SHA-1", one(name, args));
      case "toJson" -> ExprValues.toJson(one(name, args));
      case "toPrettyJson" -> ExprValues.toPrettyJson(one(name, args));
      case "fromJson" -> ExprValues.parseJsonOrKeep(str(one(name, args)));
      case "regexMatch" -> ExprOperators.matches(str(arg(name, args, 1)), str(args.get(0)));
      case "regexReplaceAll" -> ExprOperators.pattern(str(arg(name, args, 2)))
          .matcher(str(args.get(1))).replaceAll(str(args.get(2)));
      case "uuidv4" -> UUID.randomUUID().toString();
      case "now" -> ZonedDateTime.now(ZoneOffset.UTC);
      case "date" -> GoTime.format(sprigTime(arg(name, args, 1)), str(args.get(0)));
      case "dateInZone" -> GoTime.format(sprigTime(arg(name, args, 2))
          .withZoneSameInstant(java.time.ZoneId.of(str(args.get(2)))), str(args.get(0)));
      case "unixEpoch" -> String.valueOf(sprigTime(one(name, args)).toEpochSecond());
      case "toDate" -> GoTime.parse(str(arg(name, args, 1)), str(args.get(0)), ZoneOffset.UTC);
      default -> throw new ExpressionException("unknown function sprig." + name + "()");
    };
  }

  private static Object arg(String name, List<Object> args, int index) {
    if (index >= args.size()) {
      throw new ExpressionException("not enough arguments for sprig." + name
          + "(): expected at least " + (index + 1) + ", got " + args.size());
    }
    return args.get(index);
  }

  private static List<Object> exactly(String name, List<Object> args, int count) {
    if (args.size() != count) {
      throw new ExpressionException("wrong number of arguments for sprig." + name
          + "(): expected " + count + ", got " + args.size());
    }
    return args;
  }

  private static Object one(String name, List<Object> args) {
    if (args.size() != 1) {
      throw new ExpressionException("wrong number of arguments for sprig." + name
          + "(): expected 1, got " + args.size());
    }
    return args.get(0);
  }

  /** sprig's {@code strval}: strings as they are, nil as empty, the rest as Go prints it. */
  static String str(Object value) {
    return value == null ? "" : GoFormat.sprint(value);
  }

  /** cast.ToInt64: numbers truncated, numeric strings parsed, anything else 0. */
  static long toInt64(Object value) {
    return switch (value) {
      case Long number -> number;
      case Integer number -> number;
      case Double number -> (long) number.doubleValue();
      case Boolean flag -> flag ? 1 : 0;
      case String text -> atoi(text.strip().replaceFirst("\\.0*$", ""));
      case null, default -> 0;
    };
  }

  /** cast.ToFloat64: numbers widened, numeric strings parsed, anything else 0. */
  static double toFloat64(Object value) {
    return switch (value) {
      case Number number -> number.doubleValue();
      case Boolean flag -> flag ? 1 : 0;
      case String text -> {
        try {
          yield Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
          yield 0;
        }
      }
      case null, default -> 0;
    };
  }

  private static long atoi(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static long divideByZero(String name) {
    throw new ExpressionException("sprig." + name + "(): integer divide by zero");
  }

  /** sprig's {@code empty}: nil, "", 0, false and empty collections. */
  static boolean empty(Object value) {
    return switch (value) {
      case null -> true;
      case String text -> text.isEmpty();
      case Number number -> number.doubleValue() == 0;
      case Boolean flag -> !flag;
      case List<?> list -> list.isEmpty();
      case Map<?, ?> map -> map.isEmpty();
      default -> false;
    };
  }

  private static String title(String text) {
    StringBuilder out = new StringBuilder(text.length());
    boolean start = true;
    for (char c : text.toCharArray()) {
      out.append(start ? Character.toTitleCase(c) : c);
      start = Character.isWhitespace(c);
    }
    return out.toString();
  }

  private static String substr(List<Object> args) {
    String text = str(arg("substr", args, 2));
    int start = (int) toInt64(args.get(0));
    int end = (int) toInt64(args.get(1));
    if (start < 0) {
      return text.substring(0, Math.min(Math.max(end, 0), text.length()));
    }
    if (end < 0 || end > text.length()) {
      return start > text.length() ? "" : text.substring(start);
    }
    return start > end ? "" : text.substring(start, end);
  }

  private static String trunc(List<Object> args) {
    String text = str(arg("trunc", args, 1));
    long length = toInt64(args.get(0));
    if (length < 0) {
      return text.length() + length > 0 ? text.substring((int) (text.length() + length)) : text;
    }
    return text.length() > length ? text.substring(0, (int) length) : text;
  }

  private static String quote(List<Object> args, String mark) {
    StringJoiner joined = new StringJoiner(" ");
    for (Object value : args) {
      if (value != null) {
        String text = str(value);
        joined.add(mark.equals("\"") ? ExprValues.toJson(text) : mark + text + mark);
      }
    }
    return joined.toString();
  }

  private static String cat(List<Object> args) {
    StringJoiner joined = new StringJoiner(" ");
    args.stream().filter(value -> value != null).forEach(value -> joined.add(str(value)));
    return joined.toString();
  }

  private static Map<String, Object> splitMap(List<Object> parts) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      map.put("_" + i, parts.get(i));
    }
    return map;
  }

  private static List<?> asList(Object value) {
    return ExprBuiltins.list("sprig", value);
  }

  private static Map<?, ?> asMap(Object value) {
    return ExprBuiltins.map("sprig", value);
  }

  private static Map<String, Object> dict(List<Object> args) {
    Map<String, Object> dict = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i += 2) {
      dict.put(str(args.get(i)), i + 1 < args.size() ? args.get(i + 1) : "");
    }
    return dict;
  }

  private static Object get(List<Object> args) {
    Object value = asMap(arg("get", args, 1)).get(str(args.get(1)));
    return value == null ? "" : value;
  }

  private static List<Object> keys(List<Object> args) {
    List<Object> keys = new ArrayList<>();
    args.forEach(dict -> asMap(dict).keySet().forEach(key -> keys.add(str(key))));
    return keys;
  }

  private static Object last(List<?> list) {
    return list.isEmpty() ? null : list.get(list.size() - 1);
  }

  private static List<Object> append(List<?> list, Object value) {
    List<Object> copy = new ArrayList<>(list);
    copy.add(value);
    return copy;
  }

  private static List<Object> until(long count) {
    List<Object> values = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      values.add(i);
    }
    return values;
  }

  private static byte[] bytes(Object value) {
    return str(value).getBytes(StandardCharsets.UTF_8);
  }

  /** sprig's {@code b64dec} answers an error text rather than failing; so do we. */
  private static String b64dec(String text) {
    try {
      return new String(Base64.getDecoder().decode(text.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static String digest(String algorithm, Object value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes(value)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm, e);
    }
  }

  /** sprig's {@code date} takes a time or Unix seconds; Argo's timestamps arrive as text. */
  private static ZonedDateTime sprigTime(Object value) {
    return switch (value) {
      case ZonedDateTime time -> time;
      case Long seconds -> java.time.Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC);
      case String text -> {
        try {
          yield GoTime.parseTime(text);
        } catch (ExpressionException e) {
          // sprig formats the current time for a value it cannot read
          yield ZonedDateTime.now(ZoneOffset.UTC);
        }
      }
      case null, default -> ZonedDateTime.now(ZoneOffset.UTC);
    };
  }
}
