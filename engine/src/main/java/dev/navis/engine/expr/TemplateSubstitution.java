package dev.navis.engine.expr;

import dev.navis.engine.expr.Expressions.Unresolved;
import java.util.Map;

/** Replaces the {@code {{path}}} and {@code {{= expr}}} tags of a text, as Argo's templates do. */
final class TemplateSubstitution {

  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";

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
        out.append(replaceExpression(tag, body.substring(1), env, unresolved));
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
    if (unresolved == Unresolved.KEEP) {
      return tag;
    }
    throw new ExpressionException("failed to resolve {{" + path + "}}");
  }

  private static String replaceExpression(
      String tag, String expression, ExprEnvironment env, Unresolved unresolved) {
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
}
