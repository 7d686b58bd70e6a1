package dev.navis.engine.expr;

import java.util.List;

/** The syntax tree of an expr-lang expression. */
sealed interface ExprNode {

  /** A literal: string, number, boolean or nil. */
  record Literal(Object value) implements ExprNode {}

  /** A name from the environment or a {@code let}. */
  record Name(String name, int position) implements ExprNode {}

  /** {@code #}, {@code #index} or {@code #acc} inside a closure; name is "", "index", "acc". */
  record Pointer(String name, int position) implements ExprNode {}

  /** {@code target.property}, {@code target[property]}, {@code target?.property}. */
  record Member(ExprNode target, ExprNode property, boolean optional, int position)
      implements ExprNode {}

  /** {@code target[from:to]}; either bound may be null. */
  record Slice(ExprNode target, ExprNode from, ExprNode to, int position) implements ExprNode {}

  /** A call of a builtin function: {@code len(x)}, {@code filter(list, {# > 1})}. */
  record Call(String function, List<ExprNode> arguments, int position) implements ExprNode {}

  /** A method call: {@code sprig.upper(x)}, {@code (now() - t).Seconds()}. */
  record MethodCall(ExprNode target, String method, List<ExprNode> arguments, int position)
      implements ExprNode {}

  /** A predicate or mapping given to a builtin, run once per element with {@code #} bound. */
  record Closure(ExprNode body) implements ExprNode {}

  record Unary(String operator, ExprNode operand, int position) implements ExprNode {}

  /** A binary operator; {@code not in} and friends are a {@link Unary} "not" around this. */
  record Binary(String operator, ExprNode left, ExprNode right, int position)
      implements ExprNode {}

  record Conditional(ExprNode condition, ExprNode then, ExprNode otherwise)
      implements ExprNode {}

  record ArrayLiteral(List<ExprNode> elements) implements ExprNode {}

  record MapLiteral(List<ExprNode> keys, List<ExprNode> values) implements ExprNode {}

  /** {@code let name = value; body}. */
  record Let(String name, ExprNode value, ExprNode body) implements ExprNode {}
}
