package dev.navis.engine.expr;

import dev.navis.engine.expr.ExprNode.ArrayLiteral;
import dev.navis.engine.expr.ExprNode.Binary;
import dev.navis.engine.expr.ExprNode.Call;
import dev.navis.engine.expr.ExprNode.Closure;
import dev.navis.engine.expr.ExprNode.Conditional;
import dev.navis.engine.expr.ExprNode.Let;
import dev.navis.engine.expr.ExprNode.Literal;
import dev.navis.engine.expr.ExprNode.MapLiteral;
import dev.navis.engine.expr.ExprNode.Member;
import dev.navis.engine.expr.ExprNode.MethodCall;
import dev.navis.engine.expr.ExprNode.Name;
import dev.navis.engine.expr.ExprNode.Pointer;
import dev.navis.engine.expr.ExprNode.Slice;
import dev.navis.engine.expr.ExprNode.Unary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Walks an expr-lang syntax tree against an environment; one instance per run. */
final class ExprEvaluator {

  /** Names bound by {@code let} and closures ({@code #}, {@code #index}, {@code #acc}). */
  record Scope(String name, Object value, Scope parent) {
    Scope with(String boundName, Object boundValue) {
      return new Scope(boundName, boundValue, this);
    }
  }

  private static final Scope EMPTY = new Scope(null, null, null);
  private static final String SPRIG = "sprig";

  private final ExprEnvironment env;

  ExprEvaluator(ExprEnvironment env) {
    this.env = env;
  }

  Object evaluate(ExprNode root) {
    return evaluate(root, EMPTY);
  }

  Object evaluate(ExprNode node, Scope scope) {
    return switch (node) {
      case Literal literal -> literal.value();
      case Name name -> resolveName(name, scope);
      case Pointer pointer -> resolvePointer(pointer, scope);
      case Member member -> member(member, scope);
      case Slice slice -> slice(slice, scope);
      case Call call -> ExprBuiltins.call(this, call, scope);
      case MethodCall call -> methodCall(call, scope);
      case Closure closure ->
          throw new ExpressionException("a closure {...} is only allowed as an argument");
      case Unary unary -> unary(unary, scope);
      case Binary binary -> binary(binary, scope);
      case Conditional conditional -> truth("?:", evaluate(conditional.condition(), scope))
          ? evaluate(conditional.then(), scope) : evaluate(conditional.otherwise(), scope);
      case ArrayLiteral array -> evaluateAll(array.elements(), scope);
      case MapLiteral map -> mapLiteral(map, scope);
      case Let let -> evaluate(let.body(),
          scope.with(let.name(), evaluate(let.value(), scope)));
    };
  }

  List<Object> evaluateAll(List<ExprNode> nodes, Scope scope) {
    List<Object> values = new ArrayList<>(nodes.size());
    for (ExprNode node : nodes) {
      values.add(evaluate(node, scope));
    }
    return values;
  }

  /** Runs a closure with {@code #} bound to an element and {@code #index} to its index. */
  Object runClosure(ExprNode closure, Object element, long index, Scope scope) {
    ExprNode body = closure instanceof Closure c ? c.body() : closure;
    return evaluate(body, scope.with("#", element).with("#index", index));
  }

  /** Runs a {@code reduce} closure with {@code #acc} bound too. */
  Object runClosure(ExprNode closure, Object element, long index, Object acc, Scope scope) {
    return runClosure(closure, element, index, scope.with("#acc", acc));
  }

  static boolean truth(String operator, Object value) {
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw new ExpressionException("'" + operator + "' needs a bool, got "
        + ExprValues.describe(value));
  }

  private static Scope find(Scope scope, String name) {
    for (Scope s = scope; s != null && s.name() != null; s = s.parent()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    return null;
  }

  private Object resolveName(Name name, Scope scope) {
    Scope bound = find(scope, name.name());
    if (bound != null) {
      return bound.value();
    }
    if (env.has(name.name())) {
      return env.get(name.name());
    }
    throw new MissingValueException("unknown name " + name.name());
  }

  private Object resolvePointer(Pointer pointer, Scope scope) {
    Scope bound = find(scope, "#" + pointer.name());
    if (bound == null) {
      throw new ExpressionException("#" + pointer.name() + " is only defined inside a closure");
    }
    return bound.value();
  }

  private Object member(Member member, Scope scope) {
    Object target = evaluate(member.target(), scope);
    Object property = evaluate(member.property(), scope);
    if (target == null && (member.optional() || isOptionalChain(member.target()))) {
      return null;
    }
    return fetch(target, property);
  }

  private static boolean isOptionalChain(ExprNode node) {
    for (ExprNode n = node; n instanceof Member m; n = m.target()) {
      if (m.optional()) {
        return true;
      }
    }
    return false;
  }

  /** {@code target[property]} for maps, arrays (negative indexes count from the end), strings. */
  static Object fetch(Object target, Object property) {
    return switch (target) {
      case null -> throw new MissingValueException(
          "cannot fetch " + ExprValues.render(property) + " from nil");
      case Map<?, ?> map -> map.get(property instanceof String key ? key
          : ExprValues.render(property));
      case List<?> list -> list.get(index(property, list.size()));
      case String text -> String.valueOf(text.charAt(index(property, text.length())));
      default -> throw new ExpressionException("cannot fetch " + ExprValues.render(property)
          + " from " + ExprValues.describe(target));
    };
  }

  private static int index(Object property, int length) {
    if (!(property instanceof Long) && !(property instanceof Integer)) {
      throw new ExpressionException("an index must be an int, got "
          + ExprValues.describe(property));
    }
    long index = ((Number) property).longValue();
    long resolved = index < 0 ? index + length : index;
    if (resolved < 0 || resolved >= length) {
      throw new ExpressionException(
          "index out of range: " + index + " (length " + length + ")");
    }
    return (int) resolved;
  }

  private Object slice(Slice slice, Scope scope) {
    Object target = evaluate(slice.target(), scope);
    int length = target instanceof List<?> list ? list.size()
        : target instanceof String text ? text.length() : -1;
    if (length < 0) {
      throw new ExpressionException("cannot slice " + ExprValues.describe(target));
    }
    int from = bound(slice.from(), 0, length, scope);
    int to = Math.max(from, bound(slice.to(), length, length, scope));
    return target instanceof List<?> list
        ? new ArrayList<Object>(list.subList(from, to)) : ((String) target).substring(from, to);
  }

  private int bound(ExprNode node, int fallback, int length, Scope scope) {
    if (node == null) {
      return fallback;
    }
    Object value = evaluate(node, scope);
    if (!(value instanceof Long index)) {
      throw new ExpressionException("a slice bound must be an int, got "
          + ExprValues.describe(value));
    }
    long resolved = index < 0 ? index + length : index;
    return (int) Math.max(0, Math.min(length, resolved));
  }

  private Object methodCall(MethodCall call, Scope scope) {
    if (call.target() instanceof Name name && name.name().equals(SPRIG)
        && find(scope, SPRIG) == null && !env.has(SPRIG)) {
      return SprigFunctions.call(call.method(), evaluateAll(call.arguments(), scope));
    }
    Object target = evaluate(call.target(), scope);
    return GoTime.callMethod(target, call.method(), evaluateAll(call.arguments(), scope));
  }

  private Object unary(Unary unary, Scope scope) {
    Object operand = evaluate(unary.operand(), scope);
    return switch (unary.operator()) {
      case "not", "!" -> !truth(unary.operator(), operand);
      case "-" -> switch (operand) {
        case Long number -> -number;
        case Double number -> -number;
        case java.time.Duration duration -> duration.negated();
        default -> throw new ExpressionException("invalid operation: -"
            + ExprValues.describe(operand));
      };
      default -> {
        if (!ExprOperators.isNumber(operand)) {
          throw new ExpressionException("invalid operation: +" + ExprValues.describe(operand));
        }
        yield operand;
      }
    };
  }

  private Object binary(Binary binary, Scope scope) {
    String operator = binary.operator();
    switch (operator) {
      case "&&", "and" -> {
        return truth(operator, evaluate(binary.left(), scope))
            && truth(operator, evaluate(binary.right(), scope));
      }
      case "||", "or" -> {
        return truth(operator, evaluate(binary.left(), scope))
            || truth(operator, evaluate(binary.right(), scope));
      }
      case "??" -> {
        Object left = evaluateOrNil(binary.left(), scope);
        return left != null ? left : evaluate(binary.right(), scope);
      }
      default -> {
        Object left = evaluate(binary.left(), scope);
        return ExprOperators.apply(operator, left, evaluate(binary.right(), scope));
      }
    }
  }

  /** The left of {@code ??}: an absent name or a member of nil counts as nil, not a failure. */
  private Object evaluateOrNil(ExprNode node, Scope scope) {
    try {
      return evaluate(node, scope);
    } catch (MissingValueException e) {
      return null;
    }
  }

  private Map<String, Object> mapLiteral(MapLiteral literal, Scope scope) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < literal.keys().size(); i++) {
      Object key = evaluate(literal.keys().get(i), scope);
      map.put(key instanceof String text ? text : ExprValues.render(key),
          evaluate(literal.values().get(i), scope));
    }
    return map;
  }
}
