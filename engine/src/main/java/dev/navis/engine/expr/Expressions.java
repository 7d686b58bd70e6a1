package dev.navis.engine.expr;

import java.util.Map;

/**
 * The one facade for the three expression dialects Argo mixes: plain {@code {{path}}}
 * substitution, expr-lang ({@code {{= ...}}}, retry and hook expressions) and govaluate
 * ({@code when}, evaluated after substitution, where bare words compare as strings).
 *
 * <p>Variables are given flat, as Argo names them ({@code workflow.name},
 * {@code inputs.parameters.x}, {@code steps.a.outputs.result}, {@code item}); expr-lang sees
 * them nested ({@code inputs.parameters.x}, {@code inputs.parameters['x-y']}), with values that
 * are JSON text exposed as strings, as Argo does. The one exception is {@code item}: Argo puts
 * the raw loop item in the environment, so an {@code item} holding JSON is exposed parsed. As in
 * Argo, a name that is also the prefix of others ({@code workflow.creationTimestamp} beside
 * {@code workflow.creationTimestamp.Y}) gives way to them in expr-lang.
 *
 * <p>All methods are thread-safe; parsed expr-lang programs are kept in a small bounded cache.
 */
public final class Expressions {

  /** What to do with a {@code {{path}}} whose variable is not given. */
  public enum Unresolved {
    /** Leave the tag as written, for a later stage that knows more variables. */
    KEEP,
    /** Fail with an {@link ExpressionException} naming the tag. */
    FAIL
  }

  private Expressions() {}

  /**
   * Replaces every {@code {{path}}} and {@code {{= expr}}} tag of {@code text}. Like Argo, a tag
   * ends at the first {@code }}}. With {@link Unresolved#KEEP}, a tag naming an unknown variable,
   * and an expression that fails or yields nil, stay verbatim; with {@link Unresolved#FAIL} they
   * throw an {@link ExpressionException} naming the tag.
   */
  public static String substitute(String text, Map<String, String> vars, Unresolved unresolved) {
    return TemplateSubstitution.substitute(text, vars, unresolved);
  }

  /**
   * Evaluates a {@code when} condition, already substituted, in govaluate's dialect.
   *
   * @throws ExpressionException when the condition does not parse or is not a boolean
   */
  public static boolean evaluateWhen(String condition) {
    return Govaluate.evaluateWhen(condition);
  }

  /**
   * Evaluates an expr-lang expression to a boolean (retry {@code expression}, hooks).
   *
   * @throws ExpressionException when it does not parse, fails, or yields no boolean
   */
  public static boolean evaluateCondition(String expression, Map<String, String> vars) {
    Object value = evaluate(expression, vars);
    if (value instanceof Boolean result) {
      return result;
    }
    throw new ExpressionException("expected a boolean from expression '" + expression.strip()
        + "', got " + ExprValues.describe(value));
  }

  /**
   * Evaluates an expr-lang expression to a value (valueFrom.expression, {@code {{= }}}): a
   * String, Long, Double, Boolean, List, Map, java.time value or null.
   *
   * @throws ExpressionException when it does not parse or fails
   */
  public static Object evaluate(String expression, Map<String, String> vars) {
    return ExprProgram.compile(expression).run(ExprEnvironment.of(vars));
  }

  /**
   * Evaluates an expr-lang expression against values that are already Java objects (a data
   * template's {@code data} list, say): Strings, numbers, Booleans, Lists and Maps, nested by the
   * dots of their names like {@link #evaluate}'s variables.
   *
   * @throws ExpressionException when it does not parse or fails
   */
  public static Object evaluateValues(String expression, Map<String, ?> values) {
    return ExprProgram.compile(expression).run(ExprEnvironment.ofValues(values));
  }

  /**
   * Checks that an expr-lang expression parses, without evaluating it (for lint).
   *
   * @throws ExpressionException naming the position and what was found, when it does not
   */
  public static void checkSyntax(String expression) {
    ExprProgram.compile(expression);
  }

  /**
   * Renders an expression's value as Argo writes it into text: strings as they are, integral
   * numbers without a fraction, maps and lists as compact JSON, nil as the empty string.
   */
  public static String render(Object value) {
    return ExprValues.render(value);
  }
}
