package dev.navis.engine.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Splits expr-lang source into tokens; word operators ({@code and}, {@code in}...) included. */
final class ExprLexer {

  enum Kind { NUMBER, STRING, NAME, POINTER, OPERATOR, PUNCT, END }

  record Token(Kind kind, String text, Object value, int position) {
    boolean is(Kind expected, String expectedText) {
      return kind == expected && text.equals(expectedText);
    }
  }

  private static final Set<String> WORD_OPERATORS = Set.of(
      "and", "or", "not", "in", "matches", "contains", "startsWith", "endsWith");
  private static final List<String> SYMBOLS = List.of(
      "?.", "??", "...", "..", "**", "==", "!=", "<=", ">=", "&&", "||",
      "+", "-", "*", "/", "%", "^", "<", ">", "!", "|",
      "(", ")", "[", "]", "{", "}", ",", ":", "?", ".", ";", "=");

  private final String source;
  private int position;

  private ExprLexer(String source) {
    this.source = source;
  }

  static List<Token> tokenize(String source) {
    return new ExprLexer(source).readAll();
  }

  private List<Token> readAll() {
    List<Token> tokens = new ArrayList<>();
    while (true) {
      skipSpaces();
      if (position >= source.length()) {
        tokens.add(new Token(Kind.END, "end", null, position));
        return tokens;
      }
      tokens.add(readToken());
    }
  }

  private Token readToken() {
    char c = source.charAt(position);
    if (Character.isDigit(c)
        || c == '.' && position + 1 < source.length() && isDigit(position + 1)
            && !previousIsValue()) {
      return readNumber();
    }
    if (c == '\'' || c == '"') {
      return readString(c);
    }
    if (c == '`') {
      return readRawString();
    }
    if (c == '#') {
      int start = position++;
      String name = readWord();
      return new Token(Kind.POINTER, "#" + name, name, start);
    }
    if (Character.isLetter(c) || c == '_' || c == '$') {
      int start = position;
      String word = readWord();
      Kind kind = WORD_OPERATORS.contains(word) ? Kind.OPERATOR : Kind.NAME;
      return new Token(kind, word, null, start);
    }
    return readSymbol();
  }

  private boolean previousIsValue() {
    return position > 0 && (Character.isLetterOrDigit(source.charAt(position - 1))
        || ")]}".indexOf(source.charAt(position - 1)) >= 0);
  }

  private boolean isDigit(int at) {
    return Character.isDigit(source.charAt(at));
  }

  private String readWord() {
    int start = position;
    while (position < source.length() && (Character.isLetterOrDigit(source.charAt(position))
        || source.charAt(position) == '_' || source.charAt(position) == '$')) {
      position++;
    }
    return source.substring(start, position);
  }

  private Token readNumber() {
    int start = position;
    if (source.startsWith("0x", position) || source.startsWith("0X", position)) {
      return readHex();
    }

    boolean fraction = false;
    while (position < source.length()) {
      char c = source.charAt(position);
      if (c == '.' && !fraction && !source.startsWith("..", position)
          && position + 1 < source.length() && isDigit(position + 1)) {
        fraction = true;
      } else if ((c == 'e' || c == 'E') && position + 1 < source.length()) {
        fraction = true;
        if ("+-".indexOf(source.charAt(position + 1)) >= 0) {
          position++;
        }
      } else if (!Character.isDigit(c) && c != '_') {
        break;
      }
      position++;
    }
    String text = source.substring(start, position);
    String digits = text.replace("_", "");
    try {
      Object value = fraction ? (Object) Double.parseDouble(digits) : Long.parseLong(digits);
      return new Token(Kind.NUMBER, text, value, start);
    } catch (NumberFormatException e) {
      throw ExprParser.syntaxError(source, "invalid number '" + text + "'", start);
    }
  }

  private Token readHex() {
    int start = position;
    position += 2;
    String hex = readWord().replace("_", "");
    try {
      return new Token(Kind.NUMBER, source.substring(start, position),
          Long.parseLong(hex, 16), start);
    } catch (NumberFormatException e) {
      throw ExprParser.syntaxError(source, "invalid number '"
          + source.substring(start, position) + "'", start);
    }
  }

  private Token readString(char quote) {
    int start = position++;
    StringBuilder text = new StringBuilder();
    while (position < source.length() && source.charAt(position) != quote) {
      char c = source.charAt(position++);
      if (c == '\\' && position < source.length()) {
        c = source.charAt(position++);
        switch (c) {
          case 'n' -> text.append('\n');
          case 't' -> text.append('\t');
          case 'r' -> text.append('\r');
          case 'u' -> text.append(readUnicode(start));
          default -> text.append(c);
        }
      } else {
        text.append(c);
      }
    }
    if (position >= source.length()) {
      throw ExprParser.syntaxError(source, "unclosed string literal", start);
    }
    position++;
    return new Token(Kind.STRING, source.substring(start, position), text.toString(), start);
  }

  private char readUnicode(int start) {
    if (position + 4 > source.length()) {
      throw ExprParser.syntaxError(source, "invalid unicode escape", start);
    }
    String hex = source.substring(position, position + 4);
    position += 4;
    try {
      return (char) Integer.parseInt(hex, 16);
    } catch (NumberFormatException e) {
      throw ExprParser.syntaxError(source, "invalid unicode escape \\u" + hex, start);
    }
  }

  private Token readRawString() {
    int start = position;
    int end = source.indexOf('`', start + 1);
    if (end < 0) {
      throw ExprParser.syntaxError(source, "unclosed string literal", start);
    }
    position = end + 1;
    return new Token(Kind.STRING, source.substring(start, position),
        source.substring(start + 1, end), start);
  }

  private Token readSymbol() {
    for (String symbol : SYMBOLS) {
      if (source.startsWith(symbol, position)) {
        int start = position;
        position += symbol.length();
        Kind kind = "()[]{},:?.;=".contains(symbol) && !symbol.equals("?.")
            ? Kind.PUNCT : Kind.OPERATOR;
        return new Token(kind, symbol, null, start);
      }
    }
    throw ExprParser.syntaxError(
        source, "unexpected character '" + source.charAt(position) + "'", position);
  }

  private void skipSpaces() {
    while (position < source.length() && Character.isWhitespace(source.charAt(position))) {
      position++;
    }
  }
}
