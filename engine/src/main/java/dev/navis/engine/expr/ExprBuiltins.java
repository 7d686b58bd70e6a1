package dev.navis.engine.expr;

import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import dev.navis.engine.expr.ExprEvaluator.Scope;
import dev.navis.engine.expr.ExprNode.Call;
import dev.navis.engine.expr.ExprNode.Closure;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * expr-lang's builtin functions, with Argo's additions ({@code asInt}, {@code asFloat},
 * {@code jsonpath}, and a compact {@code toJson}) and the closure builtins ({@code filter},
 * {@code map}, {@code all}...) that bind {@code #} to each element.
 */
final class ExprBuiltins {

  /** Builtins whose second argument is a closure over the first's elements. */
  static final Set<String> CLOSURES = Set.of(
      "all", "any", "none", "one", "filter", "map", "count", "find", "findIndex", "findLast",
      "findLastIndex", "groupBy", "sortBy", "sum", "reduce");

  private static final Pattern SLICE = Pattern.compile("\\[\\s*(-?\\d*)\\s*:\\s*(-?\\d+)\\s*]");

  private ExprBuiltins() {}

  static Object call(ExprEvaluator evaluator, Call call, Scope scope) {
    String name = call.function();
    if (CLOSURES.contains(name) && call.arguments().size() >= 2
        && call.arguments().get(1) instanceof Closure) {
      List<?> list = list(name, evaluator.evaluate(call.arguments().get(0), scope));
      List<Object> rest = evaluator.evaluateAll(
          call.arguments().subList(2, call.arguments().size()), scope);
      return callWithClosure(new ClosureCall(evaluator, call.arguments().get(1), scope),
          name, list, rest);
    }
    return callPlain(name, evaluator.evaluateAll(call.arguments(), scope));
  }

  /** A closure bound to the evaluator and scope it runs in. */
  private record ClosureCall(ExprEvaluator evaluator, ExprNode closure, Scope scope) {
    Object apply(Object element, long index) {
      return evaluator.runClosure(closure, element, index, scope);
    }

    boolean test(String name, Object element, long index) {
      return ExprEvaluator.truth(name, apply(element, index));
    }
  }

  private static Object callWithClosure(
      ClosureCall closure, String name, List<?> list, List<Object> rest) {
    return switch (name) {
      case "all" -> countMatches(closure, name, list) == list.size();
      case "any" -> countMatches(closure, name, list) > 0;
      case "none" -> countMatches(closure, name, list) == 0;
      case "one" -> countMatches(closure, name, list) == 1;
      case "count" -> (long) countMatches(closure, name, list);
      case "filter" -> filter(closure, name, list);
      case "map" -> mapEach(closure, list);
      case "find", "findIndex" -> find(closure, name, list, false);
      case "findLast", "findLastIndex" -> find(closure, name, list, true);
      case "groupBy" -> groupBy(closure, list);
      case "sortBy" -> sortBy(closure, list, rest);
      case "sum" -> sum(mapEach(closure, list));
      default -> reduce(closure, list, rest);
    };
  }

  private static int countMatches(ClosureCall closure, String name, List<?> list) {
    int matches = 0;
    for (int i = 0; i < list.size(); i++) {
      matches += closure.test(name, list.get(i), i) ? 1 : 0;
    }
    return matches;
  }

  private static List<Object> filter(ClosureCall closure, String name, List<?> list) {
    List<Object> kept = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (closure.test(name, list.get(i), i)) {
        kept.add(list.get(i));
      }
    }
    return kept;
  }

  private static List<Object> mapEach(ClosureCall closure, List<?> list) {
    List<Object> mapped = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      mapped.add(closure.apply(list.get(i), i));
    }
    return mapped;
  }

  private static Object find(ClosureCall closure, String name, List<?> list, boolean last) {
    boolean wantsIndex = name.endsWith("Index");
    for (int n = 0; n < list.size(); n++) {
      int i = last ? list.size() - 1 - n : n;
      if (closure.test(name, list.get(i), i)) {
        return wantsIndex ? (Object) (long) i : list.get(i);
      }
    }
    return wantsIndex ? (Object) (-1L) : null;
  }

  private static Map<String, Object> groupBy(ClosureCall closure, List<?> list) {
    Map<String, Object> groups = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String key = ExprValues.render(closure.apply(list.get(i), i));
      @SuppressWarnings("unchecked")
      List<Object> group = (List<Object>) groups.computeIfAbsent(key, k -> new ArrayList<>());
      group.add(list.get(i));
    }
    return groups;
  }

  private static List<Object> sortBy(ClosureCall closure, List<?> list, List<Object> rest) {
    List<Object> keys = mapEach(closure, list);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      order.add(i);
    }
    Comparator<Integer> byKey =
        (a, b) -> ExprOperators.compare("sortBy", keys.get(a), keys.get(b));
    order.sort(descending(rest) ? byKey.reversed() : byKey);
    return order.stream().map(i -> (Object) list.get(i)).toList();
  }

  private static boolean descending(List<Object> rest) {
    return !rest.isEmpty() && "desc".equals(rest.get(0));
  }

  private static Object reduce(ClosureCall closure, List<?> list, List<Object> rest) {
    int start = rest.isEmpty() ? 1 : 0;
    if (rest.isEmpty() && list.isEmpty()) {
      throw new ExpressionException("reduce of an empty array with no initial value");
    }
    Object acc = rest.isEmpty() ? list.get(0) : rest.get(0);
    for (int i = start; i < list.size(); i++) {
      acc = closure.evaluator().runClosure(closure.closure(), list.get(i), i, acc,
          closure.scope());
    }
    return acc;
  }

  private static Object callPlain(String name, List<Object> args) {
    return switch (name) {
      case "len" -> length(one(name, args));
      case "abs", "ceil", "floor", "round" -> ExprNumbers.round(name, one(name, args));
      case "int" -> ExprNumbers.toInt(name, one(name, args));
      case "float" -> ExprNumbers.toFloat(name, one(name, args));
      case "asInt" -> ExprNumbers.asInt(one(name, args));
      case "asFloat" -> ExprNumbers.asFloat(one(name, args));
      case "string" -> GoFormat.sprint(one(name, args));
      case "max", "min" -> ExprNumbers.extreme(name, args);
      case "sum" -> sum(list(name, one(name, args)));
      case "mean" -> ExprNumbers.mean(list(name, one(name, args)));
      case "toJson" -> ExprValues.toJson(one(name, args));
      case "fromJson" -> ExprValues.parseJson(text(name, one(name, args)));
      case "jsonpath" -> jsonPath(args);
      case "now" -> ZonedDateTime.now(ZoneOffset.UTC);
      case "duration" -> GoTime.parseDuration(text(name, one(name, args)));
      case "date" -> GoTime.parseDate(args);
      default -> callOther(name, args);
    };
  }

  private static Object callOther(String name, List<Object> args) {
    Object strings = ExprStrings.call(name, args);
    if (strings != ExprStrings.NOT_A_STRING_FUNCTION) {
      return strings;
    }
    return switch (name) {
      case "toBase64" -> Base64.getEncoder().encodeToString(
          text(name, one(name, args)).getBytes(StandardCharsets.UTF_8));
      case "fromBase64" -> new String(Base64.getDecoder().decode(text(name, one(name, args))),
          StandardCharsets.UTF_8);
      case "first" -> atEdge(list(name, one(name, args)), true);
      case "last" -> atEdge(list(name, one(name, args)), false);
      case "keys" -> new ArrayList<Object>(new TreeMap<>(map(name, one(name, args))).keySet());
      case "values" -> new ArrayList<Object>(new TreeMap<>(map(name, one(name, args))).values());
      case "get" -> get(args);
      case "reverse" -> reversed(list(name, one(name, args)));
      case "sort" -> sorted(args);
      case "uniq" -> new ArrayList<Object>(new LinkedHashSet<>(list(name, one(name, args))));
      case "concat" -> concat(args);
      case "type" -> ExprValues.describe(one(name, args)).split(" ")[0];
      case "count" -> (long) countTrue(list(name, one(name, args)));
      default -> throw new ExpressionException("unknown function " + name + "()");
    };
  }

  static Object one(String name, List<Object> args) {
    arity(name, args, 1);
    return args.get(0);
  }

  static void arity(String name, List<Object> args, int expected) {
    if (args.size() != expected) {
      throw new ExpressionException("wrong number of arguments for " + name + "(): expected "
          + expected + ", got " + args.size());
    }
  }

  static String text(String name, Object value) {
    if (value instanceof String text) {
      return text;
    }
    throw new ExpressionException(name + "() needs a string, got "
        + ExprValues.describe(value));
  }

  static List<?> list(String name, Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new ExpressionException(name + "() needs an array, got "
        + ExprValues.describe(value));
  }

  static Map<?, ?> map(String name, Object value) {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw new ExpressionException(name + "() needs a map, got " + ExprValues.describe(value));
  }

  private static long length(Object value) {
    return switch (value) {
      case String text -> text.codePointCount(0, text.length());
      case List<?> list -> list.size();
      case Map<?, ?> map -> map.size();
      default -> throw new ExpressionException("invalid argument for len(): "
          + ExprValues.describe(value));
    };
  }

  private static Object sum(List<?> values) {
    Object total = 0L;
    for (Object value : values) {
      total = ExprOperators.apply("+", total, value);
    }
    return total;
  }

  private static int countTrue(List<?> values) {
    int count = 0;
    for (Object value : values) {
      count += ExprEvaluator.truth("count", value) ? 1 : 0;
    }
    return count;
  }

  private static Object atEdge(List<?> list, boolean first) {
    if (list.isEmpty()) {
      return null;
    }
    return first ? list.get(0) : list.get(list.size() - 1);
  }

  private static Object get(List<Object> args) {
    arity("get", args, 2);
    try {
      return ExprEvaluator.fetch(args.get(0), args.get(1));
    } catch (ExpressionException | IndexOutOfBoundsException e) {
      return null;
    }
  }

  private static List<Object> reversed(List<?> list) {
    List<Object> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static List<Object> sorted(List<Object> args) {
    if (args.isEmpty() || args.size() > 2) {
      throw new ExpressionException("wrong number of arguments for sort(): expected 1 or 2, got "
          + args.size());
    }
    List<Object> copy = new ArrayList<>(list("sort", args.get(0)));
    Comparator<Object> natural = (a, b) -> ExprOperators.compare("sort", a, b);
    copy.sort(descending(args.subList(1, args.size())) ? natural.reversed() : natural);
    return copy;
  }

  private static List<Object> concat(List<Object> args) {
    List<Object> joined = new ArrayList<>();
    args.forEach(arg -> joined.addAll(list("concat", arg)));
    return joined;
  }

  /**
   * Argo's jsonpath library (oliveagle's) reads the end of a slice as inclusive:
   * {@code $.a[0:1]} is two elements there. Jayway's is exclusive, so the end moves by one.
   */
  static String withInclusiveSliceEnds(String path) {
    if (path.indexOf(':') < 0) {
      return path;
    }
    Matcher slice = SLICE.matcher(path);
    StringBuilder out = new StringBuilder();
    while (slice.find()) {
      long end = Long.parseLong(slice.group(2)) + 1;
      String replacement = "[" + slice.group(1) + ":" + (end == 0 ? "" : end) + "]";
      slice.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    slice.appendTail(out);
    return out.toString();
  }

  /** Argo's {@code jsonpath(json, path)}: the JSON may be text or an already parsed value. */
  private static Object jsonPath(List<Object> args) {
    arity("jsonpath", args, 2);
    Object document = args.get(0) instanceof String json ? ExprValues.parseJson(json)
        : args.get(0);
    String path = text("jsonpath", args.get(1));
    if (document == null) {
      // Argo's jsonpath gives its input back when it is not JSON; nil stays nil.
      return null;
    }
    try {
      return ExprValues.normalize(JsonPath.read(document, withInclusiveSliceEnds(path)));
    } catch (JsonPathException e) {
      throw new ExpressionException("jsonpath '" + path + "': " + e.getMessage());
    }
  }
}
