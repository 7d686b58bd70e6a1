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

  private TemplateSubstitution() {}

  static String substitute(String text, Map<String, String> vars, Unresolved unresolved) {
    if (text == null) {
      return null;
    }
    int open = text.indexOf(OPEN);
    if (open < 0) {
      return text;
    }

    StringBuilder out = new StringBuilder(text.length() + 16);
    int from = 0;
    ExprEnvironment env = null;
    while (open >= 0) {
      int close = text.indexOf(CLOSE, open + OPEN.length());
      if (close < 0) {
        break;
      }
      out.append(text, from, open);
      String tag = text.substring(open, close + CLOSE.length());
      String body = text.substring(open + OPEN.length(), close);
      if (body.startsWith("=")) {
        env = env != null ? env : ExprEnvironment.of(vars);
        out.append(replaceExpression(tag, body.substring(1), env, vars, unresolved));
      } else {
        out.append(replaceSimple(tag, body.strip(), vars, unresolved));
      }
      from = close + CLOSE.length();
      open = text.indexOf(OPEN, from);
    }
    out.append(text, from, text.length());
    return out.toString();
  }

  private static String replaceSimple(
      String tag, String path, Map<String, String> vars, Unresolved unresolved) {
    String value = vars.get(path);
    if (value != null) {
      return value;
    }
    int nested = path.lastIndexOf(OPEN);
    if (nested >= 0 && vars.containsKey(path.substring(nested + OPEN.length()).strip())) {
      // `{{a {{b}}`: as Argo does, resolve the innermost tag and keep the rest as text.
      String inner = vars.get(path.substring(nested + OPEN.length()).strip());
      return tag.substring(0, tag.lastIndexOf(OPEN)) + inner;
    }
    if (unresolved == Unresolved.KEEP) {
      return tag;
    }
    throw new ExpressionException("failed to resolve {{" + path + "}}");
  }

  private static String replaceExpression(String tag, String expression, ExprEnvironment env,
      Map<String, String> vars, Unresolved unresolved) {
    if (unresolved == Unresolved.KEEP && mentionsAbsentLateVariable(expression, vars)) {
      return tag;
    }

    Object value;
    try {
      value = ExprProgram.compile(expression).run(env);
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

  private static boolean mentionsAbsentLateVariable(String expression, Map<String, String> vars) {
    for (String variable : LATE_VARIABLES) {
      if (!vars.containsKey(variable) && expression.contains(variable.split("\\.")[0])
          && mentions(expression, variable)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the tokens of an expression hold a dotted name, spaces aside. */
  private static boolean mentions(String expression, String variable) {
    List<String> texts;
    try {
      texts = ExprLexer.tokenize(expression).stream().map(ExprLexer.Token::text).toList();
    } catch (ExpressionException e) {
      return false;
    }
    List<String> wanted = List.of(variable.replace(".", " . ").split(" "));
    return java.util.Collections.indexOfSubList(texts, wanted) >= 0;
  }
}
