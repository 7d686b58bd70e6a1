package dev.navis.events.sensor;

import dev.navis.api.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The subset of Go's text/template that trigger parameters use ({@code dataTemplate},
 * {@code contextTemplate}, data filter {@code template}): actions {@code {{ pipeline }}} with
 * {@code {{-}} trim markers; operands {@code .}, field chains ({@code .Input.body.name}),
 * string literals in double quotes or backquotes, numbers, {@code true}/{@code false} and
 * parenthesised pipelines; commands joined by {@code |}, the piped value becoming the last
 * argument. The functions are the common sprig ones listed in {@link TemplateFunctions}.
 *
 * <p>Not supported: control structures ({@code if}, {@code range}, {@code with}), variables
 * ({@code $x}) and comments; they fail with a {@link TemplateException}. Unlike Go, maps and
 * lists print as JSON (Go prints {@code map[k:v]}), which is what a parameter wants.
 */
public final class GoTemplate {

  /** What Go prints for a field that is not there. */
  public static final String NO_VALUE = "<no value>";

  private GoTemplate() {}

  /**
   * Renders {@code template} with {@code dot} as {@code .}: plain Java values (Map, List,
   * String, Number, Boolean, null), as Jackson converts JSON.
   *
   * @throws TemplateException when the template does not parse or a function fails
   */
  public static String render(String template, Object dot) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (at < template.length()) {
      int open = template.indexOf("{{", at);
      if (open < 0) {
        out.append(template, at, template.length());
        break;
      }
      int close = template.indexOf("}}", open + 2);
      if (close < 0) {
        throw new TemplateException("unclosed action at offset " + open + " of '" + template
            + "'");
      }
      String action = template.substring(open + 2, close);
      out.append(template, at, open);
      if (action.startsWith("-")) {
        trimEnd(out);
        action = action.substring(1);
      }
      at = close + 2;
      if (action.endsWith("-")) {
        action = action.substring(0, action.length() - 1);
        at = skipSpaces(template, at);
      }
      out.append(print(evaluate(action.strip(), dot)));
    }
    return out.toString();
  }

  /** Renders a value as a template prints it. */
  public static String print(Object value) {
    if (value == null) {
      return NO_VALUE;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      return Codec.toJson(value);
    }
    if (value instanceof Double number && number == Math.rint(number)
        && !Double.isInfinite(number) && Math.abs(number) < 1e21) {
      return Long.toString(number.longValue());
    }
    return String.valueOf(value);
  }

  static Object evaluate(String pipeline, Object dot) {
    return new Parser(pipeline, dot).pipeline();
  }

  private static void trimEnd(StringBuilder out) {
    while (!out.isEmpty() && Character.isWhitespace(out.charAt(out.length() - 1))) {
      out.setLength(out.length() - 1);
    }
  }

  private static int skipSpaces(String text, int at) {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
    return at;
  }

  /** A template that does not parse or a function that fails: the user's mistake. */
  public static final class TemplateException extends RuntimeException {
    public TemplateException(String message) {
      super(message);
    }
  }

  private static final class Parser {
    private static final List<String> UNSUPPORTED =
        List.of("if", "else", "end", "range", "with", "define", "template", "block");

    private final String text;
    private final Object dot;
    private int at;

    Parser(String text, Object dot) {
      this.text = text;
      this.dot = dot;
    }

    Object pipeline() {
      Object value = command(null, false);
      while (skip() && peek() == '|') {
        at++;
        value = command(value, true);
      }
      if (skip() && peek() != ')') {
        throw fail("unexpected '" + text.substring(at) + "'");
      }
      return value;
    }

    private Object command(Object piped, boolean hasPiped) {
      skip();
      int start = at;
      String word = identifier();
      if (word == null) {
        Object operand = operand();
        if (hasPiped) {
          throw fail("cannot pipe into a value at '" + text.substring(start) + "'");
        }
        return operand;
      }
      if (UNSUPPORTED.contains(word)) {
        throw fail("'" + word + "' is not supported; only pipelines of values and functions");
      }
      List<Object> args = new ArrayList<>();
      while (skip() && peek() != '|' && peek() != ')') {
        args.add(operand());
      }
      if (hasPiped) {
        args.add(piped);
      }
      return TemplateFunctions.call(word, args);
    }

    private Object operand() {
      skip();
      char c = peek();
      if (c == '.') {
        return fields(dot);
      }
      if (c == '"' || c == '`') {
        return string(c);
      }
      if (c == '(') {
        at++;
        Object value = pipeline();
        expect(')');
        return value;
      }
      if (c == '-' || Character.isDigit(c)) {
        return number();
      }
      String word = identifier();
      if ("true".equals(word) || "false".equals(word)) {
        return Boolean.parseBoolean(word);
      }
      if ("nil".equals(word)) {
        return null;
      }
      if (word != null) {
        return TemplateFunctions.call(word, List.of());
      }
      throw fail("unexpected '" + c + "'");
    }

    private Object fields(Object value) {
      at++;
      String name = identifierOrEmpty();
      if (name.isEmpty()) {
        return value;
      }
      Object current = field(value, name);
      while (at < text.length() && peek() == '.') {
        at++;
        current = field(current, identifierOrEmpty());
      }
      return current;
    }

    private static Object field(Object value, String name) {
      return value instanceof Map<?, ?> map ? map.get(name) : null;
    }

    private String string(char quote) {
      StringBuilder value = new StringBuilder();
      at++;
      while (at < text.length() && peek() != quote) {
        char c = text.charAt(at++);
        if (c == '\\' && quote == '"' && at < text.length()) {
          char escaped = text.charAt(at++);
          value.append(switch (escaped) {
            case 'n' -> '\n';
            case 't' -> '\t';
            default -> escaped;
          });
        } else {
          value.append(c);
        }
      }
      expect(quote);
      return value.toString();
    }

    private Object number() {
      int start = at++;
      while (at < text.length() && (Character.isDigit(peek()) || peek() == '.')) {
        at++;
      }
      String literal = text.substring(start, at);
      return literal.contains(".") ? (Object) Double.parseDouble(literal)
          : (Object) Long.parseLong(literal);
    }

    private String identifier() {
      if (at < text.length() && Character.isLetter(peek())) {
        return identifierOrEmpty();
      }
      return null;
    }

    private String identifierOrEmpty() {
      int start = at;
      while (at < text.length()
          && (Character.isLetterOrDigit(peek()) || peek() == '_' || peek() == '-')) {
        at++;
      }
      return text.substring(start, at);
    }

    private boolean skip() {
      while (at < text.length() && Character.isWhitespace(peek())) {
        at++;
      }
      return at < text.length();
    }

    private char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    private void expect(char c) {
      if (peek() != c) {
        throw fail("expected '" + c + "'");
      }
      at++;
    }

    private TemplateException fail(String message) {
      return new TemplateException(message + " in template action '{{" + text + "}}'");
    }
  }
}
