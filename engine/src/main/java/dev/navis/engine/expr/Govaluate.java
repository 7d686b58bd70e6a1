package dev.navis.engine.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The govaluate dialect of {@code when}, evaluated after substitution. As Argo does, every bare
 * word that govaluate would read as a variable is a string, so {@code heads == heads} is true
 * and {@code Failed != Succeeded} compares two strings.
 *
 * <p>Supported: numbers (compared as numbers), quoted strings, {@code true}/{@code false},
 * {@code == != < > <= >=}, {@code =~ !~} (Go-style regex search), {@code in (a, b)},
 * {@code && || !}, {@code + - * / %} and parentheses. One leniency over govaluate: a word may
 * hold a dash ({@code my-value}), which govaluate would read as a subtraction of strings and
 * reject.
 */
final class Govaluate {

  private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private final String condition;
  private final List<Token> tokens;
  private int next;

  private Govaluate(String condition) {
    this.condition = condition;
    this.tokens = tokenize(condition);
  }

  private enum Kind { VALUE, OPERATOR, OPEN, CLOSE, COMMA, END }

  private record Token(Kind kind, String text, Object value, int position) {}

  static boolean evaluateWhen(String condition) {
    if (condition == null || condition.isBlank()) {
      return true;
    }
    Govaluate parser = new Govaluate(condition);
    Object result = parser.parseOr();
    if (parser.peek().kind() != Kind.END) {
      throw parser.error("unexpected '" + parser.peek().text() + "'", parser.peek());
    }
    if (result instanceof Boolean value) {
      return value;
    }
    throw new ExpressionException("invalid when '" + condition
        + "': expected a boolean, got " + ExprValues.describe(result));
  }

  // Evaluation happens while parsing: a when is evaluated once, so no tree is worth keeping.

  private Object parseOr() {
    Object left = parseAnd();
    while (peekOperator("||")) {
      Token operator = tokens.get(next++);
      Object right = parseAnd();
      left = bool(left, operator) || bool(right, operator);
    }
    return left;
  }

  private Object parseAnd() {
    Object left = parseComparison();
    while (peekOperator("&&")) {
      Token operator = tokens.get(next++);
      Object right = parseComparison();
      left = bool(left, operator) && bool(right, operator);
    }
    return left;
  }

  private Object parseComparison() {
    Object left = parseAdditive();
    while (peek().kind() == Kind.OPERATOR && isComparator(peek().text())) {
      Token operator = tokens.get(next++);
      Object right = parseAdditive();
      left = compare(left, operator, right);
    }
    return left;
  }

  private static boolean isComparator(String text) {
    return switch (text) {
      case "==", "!=", "<", ">", "<=", ">=", "=~", "!~", "in" -> true;
      default -> false;
    };
  }

  private Object compare(Object left, Token operator, Object right) {
    return switch (operator.text()) {
      case "==" -> equal(left, right);
      case "!=" -> !equal(left, right);
      case "=~" -> matches(left, right, operator);
      case "!~" -> !matches(left, right, operator);
      case "in" -> contains(right, left, operator);
      default -> order(left, operator, right);
    };
  }

  private static boolean equal(Object left, Object right) {
    if (left instanceof Double a && right instanceof Double b) {
      return a.doubleValue() == b.doubleValue();
    }
    return Objects.equals(left, right);
  }

  private boolean matches(Object left, Object right, Token operator) {
    String text = ExprValues.render(left);
    try {
      return Pattern.compile(ExprValues.render(right)).matcher(text).find();
    } catch (PatternSyntaxException e) {
      throw error("bad regular expression '" + right + "' (" + e.getDescription() + ")",
          operator);
    }
  }

  private boolean contains(Object list, Object element, Token operator) {
    if (!(list instanceof List<?> values)) {
      throw error("'in' needs a list such as (a, b) on its right, got "
          + ExprValues.describe(list), operator);
    }
    return values.stream().anyMatch(value -> equal(value, element));
  }

  private boolean order(Object left, Token operator, Object right) {
    int sign;
    if (left instanceof Double a && right instanceof Double b) {
      sign = Double.compare(a, b);
    } else if (left instanceof String a && right instanceof String b) {
      sign = a.compareTo(b);
    } else {
      throw error("cannot compare " + ExprValues.describe(left) + " "
          + operator.text() + " " + ExprValues.describe(right), operator);
    }
    return switch (operator.text()) {
      case "<" -> sign < 0;
      case ">" -> sign > 0;
      case "<=" -> sign <= 0;
      default -> sign >= 0;
    };
  }

  private Object parseAdditive() {
    Object left = parseMultiplicative();
    while (peekOperator("+") || peekOperator("-")) {
      Token operator = tokens.get(next++);
      Object right = parseMultiplicative();
      if (operator.text().equals("+") && (left instanceof String || right instanceof String)) {
        left = ExprValues.render(left) + ExprValues.render(right);
      } else {
        left = arithmetic(left, operator, right);
      }
    }
    return left;
  }

  private Object parseMultiplicative() {
    Object left = parseUnary();
    while (peekOperator("*") || peekOperator("/") || peekOperator("%")) {
      Token operator = tokens.get(next++);
      left = arithmetic(left, operator, parseUnary());
    }
    return left;
  }

  private Object arithmetic(Object left, Token operator, Object right) {
    if (!(left instanceof Double a) || !(right instanceof Double b)) {
      throw error("'" + operator.text() + "' needs numbers, got " + ExprValues.describe(left)
          + " and " + ExprValues.describe(right), operator);
    }
    return switch (operator.text()) {
      case "+" -> a + b;
      case "-" -> a - b;
      case "*" -> a * b;
      case "/" -> a / b;
      default -> a % b;
    };
  }

  private Object parseUnary() {
    if (peekOperator("!")) {
      Token operator = tokens.get(next++);
      return !bool(parseUnary(), operator);
    }
    if (peekOperator("-")) {
      Token operator = tokens.get(next++);
      Object value = parseUnary();
      if (value instanceof Double number) {
        return -number;
      }
      throw error("'-' needs a number, got " + ExprValues.describe(value), operator);
    }
    return parsePrimary();
  }

  private Object parsePrimary() {
    Token token = tokens.get(next);
    switch (token.kind()) {
      case VALUE -> {
        next++;
        return token.value();
      }
      case OPEN -> {
        next++;
        return parseGroup(token);
      }
      default -> throw error(token.kind() == Kind.END
          ? "unexpected end, a value is missing" : "unexpected '" + token.text() + "'", token);
    }
  }

  /** A parenthesized expression, or a list {@code (a, b, c)} for {@code in}. */
  private Object parseGroup(Token open) {
    List<Object> values = new ArrayList<>();
    values.add(parseOr());
    while (peek().kind() == Kind.COMMA) {
      next++;
      values.add(parseOr());
    }
    if (peek().kind() != Kind.CLOSE) {
      throw error("missing ')' for the '(' at position " + open.position(), peek());
    }
    next++;
    return values.size() == 1 ? values.get(0) : values;
  }

  private boolean bool(Object value, Token operator) {
    if (value instanceof Boolean result) {
      return result;
    }
    throw error("'" + operator.text() + "' needs booleans, got " + ExprValues.describe(value),
        operator);
  }

  private Token peek() {
    return tokens.get(next);
  }

  private boolean peekOperator(String text) {
    Token token = tokens.get(next);
    return token.kind() == Kind.OPERATOR && token.text().equals(text);
  }

  private ExpressionException error(String what, Token at) {
    return error(condition, what, at.position());
  }

  private static ExpressionException error(String condition, String what, int position) {
    return new ExpressionException(
        "invalid when '" + condition + "': " + what + " at position " + position);
  }

  private static List<Token> tokenize(String condition) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < condition.length()) {
      char c = condition.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '\'' || c == '"') {
        i = readQuoted(condition, i, tokens);
      } else if (isWordChar(c)) {
        i = readWord(condition, i, tokens);
      } else {
        i = readSymbol(condition, i, tokens);
      }
    }
    tokens.add(new Token(Kind.END, "", null, condition.length()));
    return tokens;
  }

  private static int readQuoted(String condition, int start, List<Token> tokens) {
    char quote = condition.charAt(start);
    StringBuilder text = new StringBuilder();
    int i = start + 1;
    while (i < condition.length() && condition.charAt(i) != quote) {
      char c = condition.charAt(i);
      if (c == '\\' && i + 1 < condition.length()) {
        c = condition.charAt(++i);
      }
      text.append(c);
      i++;
    }
    if (i >= condition.length()) {
      throw error(condition, "unclosed quote " + quote, start);
    }
    tokens.add(new Token(Kind.VALUE, condition.substring(start, i + 1), text.toString(), start));
    return i + 1;
  }

  private static int readWord(String condition, int start, List<Token> tokens) {
    int i = start;
    while (i < condition.length() && (isWordChar(condition.charAt(i))
        || condition.charAt(i) == '-' && i + 1 < condition.length()
            && isWordChar(condition.charAt(i + 1)) && !isNumberStart(condition, start, i))) {
      i++;
    }
    String word = condition.substring(start, i);
    Object value = switch (word) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> NUMBER.matcher(word).matches() ? Double.valueOf(word) : word;
    };
    Kind kind = word.equals("in") ? Kind.OPERATOR : Kind.VALUE;
    tokens.add(new Token(kind, word, value, start));
    return i;
  }

  /** A dash right after a number is a subtraction ({@code 5-3}), not part of a word. */
  private static boolean isNumberStart(String condition, int start, int dash) {
    return NUMBER.matcher(condition.substring(start, dash)).matches();
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.';
  }

  private static int readSymbol(String condition, int start, List<Token> tokens) {
    char c = condition.charAt(start);
    Kind single = switch (c) {
      case '(' -> Kind.OPEN;
      case ')' -> Kind.CLOSE;
      case ',' -> Kind.COMMA;
      default -> null;
    };
    if (single != null) {
      tokens.add(new Token(single, String.valueOf(c), null, start));
      return start + 1;
    }

    String two = condition.substring(start, Math.min(start + 2, condition.length()));
    for (String operator : List.of("==", "!=", "<=", ">=", "=~", "!~", "&&", "||")) {
      if (two.equals(operator)) {
        tokens.add(new Token(Kind.OPERATOR, operator, null, start));
        return start + 2;
      }
    }
    if ("<>!+-*/%".indexOf(c) >= 0) {
      tokens.add(new Token(Kind.OPERATOR, String.valueOf(c), null, start));
      return start + 1;
    }
    throw error(condition, "unexpected character '" + c
        + "' (hint: wrap the value in quotes)", start);
  }
}
