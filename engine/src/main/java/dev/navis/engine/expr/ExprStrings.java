package dev.navis.engine.expr;

import java.util.ArrayList;
import java.util.List;

/** expr-lang's string builtins, with Go's semantics for {@code split} and {@code trim}. */
final class ExprStrings {

  /** Returned by {@link #call} for a name that is not a string function. */
  static final Object NOT_A_STRING_FUNCTION = new Object();

  private ExprStrings() {}

  static Object call(String name, List<Object> args) {
    return switch (name) {
      case "upper" -> text(name, args, 0).toUpperCase(java.util.Locale.ROOT);
      case "lower" -> text(name, args, 0).toLowerCase(java.util.Locale.ROOT);
      case "trim" -> args.size() > 1 ? trimChars(text(name, args, 0), text(name, args, 1))
          : text(name, args, 0).strip();
      case "trimPrefix" -> trimPrefix(text(name, args, 0), text(name, args, 1));
      case "trimSuffix" -> trimSuffix(text(name, args, 0), text(name, args, 1));
      case "hasPrefix" -> text(name, args, 0).startsWith(text(name, args, 1));
      case "hasSuffix" -> text(name, args, 0).endsWith(text(name, args, 1));
      case "indexOf" -> (long) text(name, args, 0).indexOf(text(name, args, 1));
      case "lastIndexOf" -> (long) text(name, args, 0).lastIndexOf(text(name, args, 1));
      case "replace" -> text(name, args, 0).replace(text(name, args, 1), text(name, args, 2));
      case "repeat" -> text(name, args, 0).repeat(
          (int) ExprNumbers.toInt(name, argument(name, args, 1)));
      case "split" -> split(text(name, args, 0), text(name, args, 1),
          args.size() > 2 ? ExprNumbers.toInt(name, args.get(2)) : -1);
      case "join" -> join(ExprBuiltins.list(name, argument(name, args, 0)),
          args.size() > 1 ? text(name, args, 1) : "");
      default -> NOT_A_STRING_FUNCTION;
    };
  }

  private static Object argument(String name, List<Object> args, int index) {
    if (index >= args.size()) {
      throw new ExpressionException("not enough arguments for " + name + "(): expected at least "
          + (index + 1) + ", got " + args.size());
    }
    return args.get(index);
  }

  private static String text(String name, List<Object> args, int index) {
    return ExprBuiltins.text(name, argument(name, args, index));
  }

  static String trimPrefix(String text, String prefix) {
    return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
  }

  static String trimSuffix(String text, String suffix) {
    return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
  }

  /** Go's {@code strings.Trim}: strips every leading and trailing char found in the cutset. */
  static String trimChars(String text, String cutset) {
    int start = 0;
    int end = text.length();
    while (start < end && cutset.indexOf(text.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && cutset.indexOf(text.charAt(end - 1)) >= 0) {
      end--;
    }
    return text.substring(start, end);
  }

  /** Go's {@code strings.SplitN}: an empty separator splits into characters. */
  static List<Object> split(String text, String separator, long limit) {
    List<Object> parts = new ArrayList<>();
    if (limit == 0) {
      return parts;
    }
    if (separator.isEmpty()) {
      text.codePoints().forEach(c -> parts.add(new String(Character.toChars(c))));
      return parts;
    }
    int from = 0;
    int at = text.indexOf(separator);
    while (at >= 0 && (limit < 0 || parts.size() < limit - 1)) {
      parts.add(text.substring(from, at));
      from = at + separator.length();
      at = text.indexOf(separator, from);
    }
    parts.add(text.substring(from));
    return parts;
  }

  static String join(List<?> values, String separator) {
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      joined.append(i == 0 ? "" : separator).append(GoFormat.sprint(values.get(i)));
    }
    return joined.toString();
  }
}
