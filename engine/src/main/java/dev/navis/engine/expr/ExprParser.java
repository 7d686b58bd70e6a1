package dev.navis.engine.expr;

import dev.navis.engine.expr.ExprLexer.Kind;
import dev.navis.engine.expr.ExprLexer.Token;
import dev.navis.engine.expr.ExprNode.ArrayLiteral;
import dev.navis.engine.expr.ExprNode.Binary;
import dev.navis.engine.expr.ExprNode.Call;
import dev.navis.engine.expr.ExprNode.Closure;
import dev.navis.engine.expr.ExprNode.Conditional;
import dev.navis.engine.expr.ExprNode.Let;
import dev.navis.engine.expr.ExprNode.Literal;
import dev.navis.engine.expr.ExprNode.MapLiteral;
import dev.navis.engine.expr.ExprNode.Member;
import dev.navis.engine.expr.ExprNode.MethodCall;
import dev.navis.engine.expr.ExprNode.Name;
import dev.navis.engine.expr.ExprNode.Pointer;
import dev.navis.engine.expr.ExprNode.Slice;
import dev.navis.engine.expr.ExprNode.Unary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Pratt parser for expr-lang, with expr-lang's operator precedences: {@code ?:} lowest, then
 * {@code or}, {@code and}, comparisons and {@code in}/{@code matches}/..., {@code ..},
 * {@code + -}, {@code * / %}, unary {@code not}/{@code !} (50) and {@code -}/{@code +} (90),
 * {@code ** ^} (right-associative), {@code ??}, then member access and calls.
 */
final class ExprParser {

  private static final Map<String, Integer> BINARY = Map.ofEntries(
      Map.entry("|", 0), Map.entry("or", 10), Map.entry("||", 10),
      Map.entry("and", 15), Map.entry("&&", 15),
      Map.entry("==", 20), Map.entry("!=", 20), Map.entry("<", 20), Map.entry(">", 20),
      Map.entry("<=", 20), Map.entry(">=", 20), Map.entry("in", 20),
      Map.entry("matches", 20), Map.entry("contains", 20), Map.entry("startsWith", 20),
      Map.entry("endsWith", 20), Map.entry("..", 25), Map.entry("+", 30), Map.entry("-", 30),
      Map.entry("*", 60), Map.entry("/", 60), Map.entry("%", 60),
      Map.entry("**", 100), Map.entry("^", 100), Map.entry("??", 500));
  private static final Map<String, Integer> UNARY =
      Map.of("not", 50, "!", 50, "-", 90, "+", 90);
  private static final Set<String> NEGATABLE =
      Set.of("in", "matches", "contains", "startsWith", "endsWith");
  private final String source;
  private final List<Token> tokens;
  private int next;

  private ExprParser(String source) {
    this.source = source;
    this.tokens = ExprLexer.tokenize(source);
  }

  static ExprNode parse(String source) {
    ExprParser parser = new ExprParser(source);
    ExprNode root = parser.parseExpression(0);
    if (parser.peek().kind() != Kind.END) {
      throw parser.unexpected(parser.peek());
    }
    return root;
  }

  static ExpressionException syntaxError(String source, String what, int position) {
    return new ExpressionException("invalid expression '" + source.strip() + "': " + what
        + " at position " + position);
  }

  private ExprNode parseExpression(int minPrecedence) {
    ExprNode left = parseUnary();
    while (true) {
      Token token = peek();
      boolean negated = token.is(Kind.OPERATOR, "not") && NEGATABLE.contains(peekAt(1).text());
      String operator = negated ? peekAt(1).text() : token.text();
      Integer precedence = token.kind() == Kind.OPERATOR ? BINARY.get(operator) : null;
      if (precedence == null || precedence < minPrecedence) {
        break;
      }
      next += negated ? 2 : 1;

      if (operator.equals("|")) {
        left = parsePipe(left);
        continue;
      }
      boolean rightAssociative = operator.equals("**") || operator.equals("^");
      ExprNode right = parseExpression(rightAssociative ? precedence : precedence + 1);
      left = new Binary(operator, left, right, token.position());
      if (negated) {
        left = new Unary("not", left, token.position());
      }
    }
    return minPrecedence == 0 ? parseConditional(left) : left;
  }

  /** {@code condition ? then : otherwise}, the loosest construct, only at the top level. */
  private ExprNode parseConditional(ExprNode condition) {
    if (!peek().is(Kind.PUNCT, "?")) {
      return condition;
    }
    next++;
    ExprNode then = parseExpression(0);
    expect(":");
    return new Conditional(condition, then, parseExpression(0));
  }

  private ExprNode parseUnary() {
    Token token = peek();
    Integer precedence = token.kind() == Kind.OPERATOR ? UNARY.get(token.text()) : null;
    if (precedence != null) {
      next++;
      return new Unary(token.text(), parseExpression(precedence), token.position());
    }
    return parsePostfix(parsePrimary());
  }

  private ExprNode parsePrimary() {
    Token token = tokens.get(next++);
    return switch (token.kind()) {
      case NUMBER, STRING -> new Literal(token.value());
      case POINTER -> new Pointer((String) token.value(), token.position());
      case NAME -> parseName(token);
      case PUNCT -> parseBracketed(token);
      default -> throw unexpected(token);
    };
  }

  private ExprNode parseName(Token token) {
    switch (token.text()) {
      case "true" -> {
        return new Literal(Boolean.TRUE);
      }
      case "false" -> {
        return new Literal(Boolean.FALSE);
      }
      case "nil" -> {
        return new Literal(null);
      }
      case "let" -> {
        return parseLet();
      }
      default -> {
        if (peek().is(Kind.PUNCT, "(")) {
          next++;
          return new Call(token.text(), parseArguments(token.text(), 0), token.position());
        }
        return new Name(token.text(), token.position());
      }
    }
  }

  private ExprNode parseLet() {
    Token name = tokens.get(next++);
    if (name.kind() != Kind.NAME) {
      throw unexpected(name);
    }
    expect("=");
    ExprNode value = parseExpression(0);
    expect(";");
    return new Let(name.text(), value, parseExpression(0));
  }

  private ExprNode parseBracketed(Token token) {
    return switch (token.text()) {
      case "(" -> parseGroup();
      case "[" -> new ArrayLiteral(parseList("]"));
      case "{" -> parseMap();
      case "." -> parseShorthandMember(token);
      default -> throw unexpected(token);
    };
  }

  private ExprNode parseGroup() {
    ExprNode inner = parseExpression(0);
    expect(")");
    return inner;
  }

  /** {@code .name} inside a closure is short for {@code #.name}. */
  private ExprNode parseShorthandMember(Token dot) {
    Token name = memberName();
    return new Member(new Pointer("", dot.position()), new Literal(name.text()), false,
        dot.position());
  }

  private List<ExprNode> parseList(String close) {
    List<ExprNode> elements = new ArrayList<>();
    while (!peek().is(Kind.PUNCT, close)) {
      elements.add(parseExpression(0));
      if (!peek().is(Kind.PUNCT, ",")) {
        break;
      }
      next++;
    }
    expect(close);
    return elements;
  }

  private ExprNode parseMap() {
    List<ExprNode> keys = new ArrayList<>();
    List<ExprNode> values = new ArrayList<>();
    while (!peek().is(Kind.PUNCT, "}")) {
      keys.add(parseMapKey());
      expect(":");
      values.add(parseExpression(0));
      if (!peek().is(Kind.PUNCT, ",")) {
        break;
      }
      next++;
    }
    expect("}");
    return new MapLiteral(keys, values);
  }

  private ExprNode parseMapKey() {
    Token token = tokens.get(next++);
    return switch (token.kind()) {
      case NAME, OPERATOR -> new Literal(token.text());
      case STRING -> new Literal(token.value());
      case NUMBER -> new Literal(String.valueOf(token.value()));
      default -> {
        if (token.is(Kind.PUNCT, "(")) {
          ExprNode key = parseExpression(0);
          expect(")");
          yield key;
        }
        throw unexpected(token);
      }
    };
  }

  private ExprNode parsePostfix(ExprNode target) {
    while (true) {
      Token token = peek();
      if (token.is(Kind.PUNCT, ".") || token.is(Kind.OPERATOR, "?.")) {
        next++;
        target = parseMember(target, token);
      } else if (token.is(Kind.PUNCT, "[")) {
        next++;
        target = parseIndex(target, token, false);
      } else {
        return target;
      }
    }
  }

  private ExprNode parseMember(ExprNode target, Token dot) {
    boolean optional = dot.text().equals("?.");
    if (optional && peek().is(Kind.PUNCT, "[")) {
      next++;
      return parseIndex(target, dot, true);
    }
    Token name = memberName();
    if (peek().is(Kind.PUNCT, "(")) {
      next++;
      return new MethodCall(target, name.text(), parseArguments(name.text(), 0),
          name.position());
    }
    return new Member(target, new Literal(name.text()), optional, name.position());
  }

  private Token memberName() {
    Token name = tokens.get(next++);
    if (name.kind() != Kind.NAME && !(name.kind() == Kind.OPERATOR
        && Character.isLetter(name.text().charAt(0)))) {
      throw unexpected(name);
    }
    return name;
  }

  private ExprNode parseIndex(ExprNode target, Token open, boolean optional) {
    ExprNode from = peek().is(Kind.PUNCT, ":") ? null : parseExpression(0);
    if (peek().is(Kind.PUNCT, ":")) {
      next++;
      ExprNode to = peek().is(Kind.PUNCT, "]") ? null : parseExpression(0);
      expect("]");
      return new Slice(target, from, to, open.position());
    }
    expect("]");
    return new Member(target, from, optional, open.position());
  }

  /** {@code left | f(args)} is {@code f(left, args)}. */
  private ExprNode parsePipe(ExprNode left) {
    Token name = tokens.get(next++);
    if (name.kind() != Kind.NAME) {
      throw unexpected(name);
    }
    expect("(");
    List<ExprNode> arguments = new ArrayList<>();
    arguments.add(left);
    arguments.addAll(parseArguments(name.text(), 1));
    return new Call(name.text(), arguments, name.position());
  }

  private List<ExprNode> parseArguments(String function, int offset) {
    List<ExprNode> arguments = new ArrayList<>();
    boolean closures = ExprBuiltins.CLOSURES.contains(function);
    while (!peek().is(Kind.PUNCT, ")")) {
      int index = arguments.size() + offset;
      boolean closure = closures && index == 1;
      arguments.add(closure ? parseClosure() : parseExpression(0));
      if (!peek().is(Kind.PUNCT, ",")) {
        break;
      }
      next++;
    }
    expect(")");
    return arguments;
  }

  private ExprNode parseClosure() {
    if (!peek().is(Kind.PUNCT, "{")) {
      return new Closure(parseExpression(0));
    }
    next++;
    ExprNode body = parseExpression(0);
    expect("}");
    return new Closure(body);
  }

  private void expect(String punctuation) {
    Token token = tokens.get(next);
    if (!token.is(Kind.PUNCT, punctuation)) {
      throw syntaxError(source, "expected '" + punctuation + "' but found " + describe(token),
          token.position());
    }
    next++;
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token peekAt(int ahead) {
    return tokens.get(Math.min(next + ahead, tokens.size() - 1));
  }

  private ExpressionException unexpected(Token token) {
    return syntaxError(source, "unexpected " + describe(token), token.position());
  }

  private static String describe(Token token) {
    return token.kind() == Kind.END ? "end of expression" : "'" + token.text() + "'";
  }
}
