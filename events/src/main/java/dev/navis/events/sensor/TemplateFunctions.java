package dev.navis.events.sensor;

import dev.navis.api.Codec;
import dev.navis.events.sensor.GoTemplate.TemplateException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The functions {@link GoTemplate} knows: {@code upper lower title trim trimPrefix trimSuffix
 * replace quote squote default empty toJson toString toRawJson b64enc b64dec len contains
 * hasPrefix hasSuffix join printf int float64 add sub eq ne index}. Argument order follows
 * sprig (the piped value last).
 */
final class TemplateFunctions {

  private TemplateFunctions() {}

  static Object call(String name, List<Object> args) {
    return switch (name) {
      case "upper" -> text(one(name, args)).toUpperCase(Locale.ROOT);
      case "lower" -> text(one(name, args)).toLowerCase(Locale.ROOT);
      case "title" -> title(text(one(name, args)));
      case "trim" -> text(one(name, args)).strip();
      case "trimPrefix" -> trimPrefix(text(arg(name, args, 0, 2)), text(args.get(1)));
      case "trimSuffix" -> trimSuffix(text(arg(name, args, 0, 2)), text(args.get(1)));
      case "replace" -> text(arg(name, args, 2, 3)).replace(text(args.get(0)),
          text(args.get(1)));
      case "quote" -> "\"" + text(one(name, args)).replace("\"", "\\\"") + "\"";
      case "squote" -> "'" + text(one(name, args)) + "'";
      case "default" -> empty(arg(name, args, 1, 2)) ? args.get(0) : args.get(1);
      case "empty" -> empty(one(name, args));
      case "toJson", "toRawJson" -> Codec.toJson(one(name, args));
      case "toString" -> GoTemplate.print(one(name, args));
      case "b64enc" -> Base64.getEncoder().encodeToString(
          text(one(name, args)).getBytes(StandardCharsets.UTF_8));
      case "b64dec" -> b64dec(text(one(name, args)));
      default -> callMore(name, args);
    };
  }

  private static Object callMore(String name, List<Object> args) {
    return switch (name) {
      case "len" -> length(one(name, args));
      case "contains" -> text(arg(name, args, 1, 2)).contains(text(args.get(0)));
      case "hasPrefix" -> text(arg(name, args, 1, 2)).startsWith(text(args.get(0)));
      case "hasSuffix" -> text(arg(name, args, 1, 2)).endsWith(text(args.get(0)));
      case "join" -> join(text(arg(name, args, 0, 2)), args.get(1));
      case "printf" -> printf(args);
      case "int" -> (long) number(one(name, args));
      case "float64" -> number(one(name, args));
      case "add" -> (long) (number(arg(name, args, 0, 2)) + number(args.get(1)));
      case "sub" -> (long) (number(arg(name, args, 0, 2)) - number(args.get(1)));
      case "eq" -> String.valueOf(arg(name, args, 0, 2)).equals(String.valueOf(args.get(1)));
      case "ne" -> !String.valueOf(arg(name, args, 0, 2)).equals(String.valueOf(args.get(1)));
      case "index" -> index(arg(name, args, 0, 2), args.get(1));
      default -> throw new TemplateException("function \"" + name + "\" not defined");
    };
  }

  private static Object one(String name, List<Object> args) {
    return arg(name, args, 0, 1);
  }

  private static Object arg(String name, List<Object> args, int index, int count) {
    if (args.size() != count) {
      throw new TemplateException("wrong number of args for " + name + ": want " + count
          + " got " + args.size());
    }
    return args.get(index);
  }

  private static String text(Object value) {
    return value == null ? "" : GoTemplate.print(value);
  }

  private static boolean empty(Object value) {
    return value == null || value.equals("") || value.equals(false)
        || value instanceof Number number && number.doubleValue() == 0
        || value instanceof Map<?, ?> map && map.isEmpty()
        || value instanceof List<?> list && list.isEmpty();
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

  private static String trimPrefix(String text, String prefix) {
    return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
  }

  private static String trimSuffix(String text, String suffix) {
    return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
  }

  private static String b64dec(String text) {
    try {
      return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new TemplateException("b64dec: not base64: '" + text + "'");
    }
  }

  private static long length(Object value) {
    return switch (value) {
      case null -> 0;
      case Map<?, ?> map -> map.size();
      case List<?> list -> list.size();
      default -> text(value).length();
    };
  }

  private static String join(String separator, Object list) {
    if (!(list instanceof List<?> items)) {
      return text(list);
    }
    return String.join(separator, items.stream().map(TemplateFunctions::text).toList());
  }

  private static String printf(List<Object> args) {
    if (args.isEmpty()) {
      throw new TemplateException("wrong number of args for printf: want at least 1 got 0");
    }
    String format = text(args.getFirst()).replace("%v", "%s").replace("%d", "%s");
    Object[] values = args.subList(1, args.size()).stream().map(GoTemplate::print).toArray();
    try {
      return String.format(Locale.ROOT, format, values);
    } catch (java.util.IllegalFormatException e) {
      throw new TemplateException("printf: bad format '" + args.getFirst() + "'");
    }
  }

  private static double number(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    try {
      return Double.parseDouble(text(value).strip());
    } catch (NumberFormatException e) {
      throw new TemplateException("not a number: '" + text(value) + "'");
    }
  }

  private static Object index(Object container, Object key) {
    if (container instanceof Map<?, ?> map) {
      return map.get(text(key));
    }
    if (container instanceof List<?> list) {
      int i = (int) number(key);
      return i >= 0 && i < list.size() ? list.get(i) : null;
    }
    return null;
  }
}
