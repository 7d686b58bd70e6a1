package dev.navis.engine.expr;

import dev.navis.engine.expr.Expressions.Unresolved;
import java.util.List;
import java.util.Map;

/** Replaces the {@code {{path}}} and {@code {{= expr}}} tags of a text, as Argo's templates do. */
final class TemplateSubstitution {

  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";
  /**
   * Variables that exist only late (in a retry, an exit handler). An expression naming one
   * that is not given yet would read nil and resolve wrongly ({@code workflow.status ==
   * 'Failed'} is false), so while tags may stay unresolved it waits, as Argo's does.
   */
  private static final List<String> LATE_VARIABLES = List.of(
      "retries", "lastRetry.exitCode", "lastRetry.status", "lastRetry.duration",
      "lastRetry.message", "workflow.status", "workflow.failures");

  private final Map<String, String> vars;
  private final Unresolved unresolved;
  /** Built on the first expression tag only: most texts have none. */
  private ExprEnvironment env;

  private TemplateSubstitution(Map<String, String> vars, Unresolved unresolved) {
    this.vars = vars;
    this.unresolved = unresolved;
  }

  static String substitute(String text, Map<String, String> vars, Unresolved unresolved) {
    if (text == null || text.indexOf(OPEN) < 0) {
      return text;
    }

    TemplateSubstitution substitution = new TemplateSubstitution(vars, unresolved);
    StringBuilder out = new StringBuilder(text.length() + 16);
    int from = 0;
    for (int open = text.indexOf(OPEN); open >= 0; open = text.indexOf(OPEN, from)) {
      int close = text.indexOf(CLOSE, open + OPEN.length());
      if (close < 0) {
        break;
      }
      out.append(text, from, open);
      out.append(substitution.replace(text.substring(open, close + CLOSE.length())));
      from = close + CLOSE.length();
    }
    return out.append(text, from, text.length()).toString();
  }

  private String replace(String tag) {
    String body = tag.substring(OPEN.length(), tag.length() - CLOSE.length());
    if (!body.startsWith("=")) {
      return replaceSimple(tag, body.strip());
    }
    if (env == null) {
      env = ExprEnvironment.of(vars);
    }
    return replaceExpression(tag, body.substring(1));
  }

  private String replaceSimple(String tag, String path) {
    String value = vars.get(path);
    if (value != null) {
      return value;
    }
    // `{{a {{b}}`: as Argo does, resolve the innermost tag and keep the rest as text.
    int nested = path.lastIndexOf(OPEN);
    String inner = nested < 0 ? null : vars.get(path.substring(nested + OPEN.length()).strip());
    if (inner != null) {
      return tag.substring(0, tag.lastIndexOf(OPEN)) + inner;
    }
    if (unresolved == Unresolved.KEEP) {
      return tag;
    }
    throw new ExpressionException("failed to resolve {{" + path + "}}");
  }

  private String replaceExpression(String tag, String expression) {
    Object value;
    try {
      ExprProgram program = ExprProgram.compile(expression);
      if (unresolved == Unresolved.KEEP && mentionsAbsentLateVariable(program)) {
        return tag;
      }
      value = program.run(env);
    } catch (ExpressionException e) {
      if (unresolved == Unresolved.KEEP) {
        return tag;
      }
      throw new ExpressionException(
          "failed to evaluate expression " + tag + ": " + e.getMessage(), e);
    }

    if (value != null) {
      return ExprValues.render(value);
    }
    if (unresolved == Unresolved.KEEP) {
      return tag;
    }
    throw new ExpressionException("failed to evaluate expression " + tag + ": it yields nil");
  }

  private boolean mentionsAbsentLateVariable(ExprProgram program) {
    for (String variable : LATE_VARIABLES) {
      if (!vars.containsKey(variable) && program.mentions(variable)) {
        return true;
      }
    }
    return false;
  }
}
