package dev.navis.engine.expr;

import dev.navis.engine.expr.DependsExpression.And;
import dev.navis.engine.expr.DependsExpression.Node;
import dev.navis.engine.expr.DependsExpression.Not;
import dev.navis.engine.expr.DependsExpression.Or;
import dev.navis.engine.expr.DependsExpression.Result;
import dev.navis.engine.expr.DependsExpression.Suffix;

/** A recursive-descent parser of {@code depends}; {@code &&} binds tighter than {@code ||}. */
final class DependsParser {

  private final String text;
  private int position;

  DependsParser(String text) {
    this.text = text;
  }

  Node parse() {
    Node node = parseOr();
    skipSpaces();
    if (position < text.length()) {
      throw error("'&&', '||' or the end");
    }
    return node;
  }

  private Node parseOr() {
    Node left = parseAnd();
    while (accept("||")) {
      left = new Or(left, parseAnd());
    }
    return left;
  }

  private Node parseAnd() {
    Node left = parseUnary();
    while (accept("&&")) {
      left = new And(left, parseUnary());
    }
    return left;
  }

  private Node parseUnary() {
    if (accept("!")) {
      return new Not(parseUnary());
    }
    if (accept("(")) {
      Node inner = parseOr();
      if (!accept(")")) {
        throw error("')'");
      }
      return inner;
    }
    return parseResult();
  }

  private Node parseResult() {
    skipSpaces();
    String task = readName();
    if (task.isEmpty()) {
      throw error("a task name");
    }
    if (position >= text.length() || text.charAt(position) != '.') {
      return new Result(task, null);
    }

    position++;
    int suffixStart = position;
    String suffix = readName();
    try {
      return new Result(task, Suffix.valueOf(suffix));
    } catch (IllegalArgumentException e) {
      position = suffixStart;
      throw error("a result such as .Succeeded, .Failed, .Errored, .Skipped, .Omitted,"
          + " .Daemoned, .AnySucceeded or .AllFailed");
    }
  }

  private String readName() {
    int start = position;
    while (position < text.length() && isNameChar(text.charAt(position))) {
      position++;
    }
    return text.substring(start, position);
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_';
  }

  private boolean accept(String symbol) {
    skipSpaces();
    if (text.startsWith(symbol, position)) {
      position += symbol.length();
      return true;
    }
    return false;
  }

  private void skipSpaces() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }

  private ExpressionException error(String expected) {
    String found = position < text.length()
        ? "'" + ExprValues.abbreviate(text.substring(position)) + "'" : "the end";
    return new ExpressionException("invalid depends '" + text + "': expected " + expected
        + " at position " + position + ", found " + found);
  }
}
