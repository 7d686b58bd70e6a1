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
 * are JSON text exposed as strings, as Argo does.
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

  /** Replaces every {@code {{path}}} and {@code {{= expr}}} tag of {@code text}. */
  public static String substitute(String text, Map<String, String> vars, Unresolved unresolved) {
    throw new UnsupportedOperationException("not written yet"); // replaced by the expr work
  }

  /** Evaluates a {@code when} condition, already substituted, in govaluate's dialect. */
  public static boolean evaluateWhen(String condition) {
    throw new UnsupportedOperationException("not written yet");
  }

  /** Evaluates an expr-lang expression to a boolean (retry {@code expression}, hooks). */
  public static boolean evaluateCondition(String expression, Map<String, String> vars) {
    throw new UnsupportedOperationException("not written yet");
  }

  /** Evaluates an expr-lang expression to a value (valueFrom.expression, {@code {{= }}}). */
  public static Object evaluate(String expression, Map<String, String> vars) {
    throw new UnsupportedOperationException("not written yet");
  }
}
