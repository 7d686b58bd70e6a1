package dev.navis.engine.expr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed expr-lang expression, ready to run against an environment.
 *
 * <p>expr-lang (github.com/expr-lang/expr) is read by a small hand-written Pratt parser
 * ({@link ExprParser}) and run by a tree-walking {@link ExprEvaluator} rather than translated to
 * JEXL: closures over {@code #}, {@code ??} on absent values, {@code nil}, {@code matches},
 * word operators ({@code not in}) and Go method calls such as {@code .Seconds()} have no
 * faithful JEXL rendering, and a translation would report errors against text the user never
 * wrote.
 */
final class ExprProgram {

  private static final int CACHE_SIZE = 512;
  private static final Map<String, ExprProgram> CACHE = Collections.synchronizedMap(
      new LinkedHashMap<>(CACHE_SIZE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ExprProgram> eldest) {
          return size() > CACHE_SIZE;
        }
      });

  private final String source;
  private final ExprNode root;
  private final List<String> tokens;

  private ExprProgram(String source, ExprNode root, List<String> tokens) {
    this.source = source;
    this.root = root;
    this.tokens = tokens;
  }

  /** Parses (or finds in the cache) an expression; a syntax error names its position. */
  static ExprProgram compile(String expression) {
    ExprProgram cached = CACHE.get(expression);
    if (cached != null) {
      return cached;
    }
    if (expression.isBlank()) {
      throw new ExpressionException("invalid expression: it is empty");
    }
    List<String> tokens = ExprLexer.tokenize(expression).stream()
        .map(ExprLexer.Token::text).toList();
    ExprProgram program = new ExprProgram(expression, ExprParser.parse(expression), tokens);
    CACHE.put(expression, program);
    return program;
  }

  /** Whether the expression names a dotted variable ({@code workflow.status}), spaces aside. */
  boolean mentions(String variable) {
    return Collections.indexOfSubList(tokens, List.of(variable.replace(".", " . ").split(" ")))
        >= 0;
  }

  /** Runs the expression; any failure is an {@link ExpressionException} naming it. */
  Object run(ExprEnvironment env) {
    try {
      return new ExprEvaluator(env).evaluate(root);
    } catch (ExpressionException e) {
      throw new ExpressionException(
          "cannot evaluate '" + source.strip() + "': " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // A bug of ours or a Java library's complaint about the user's data: either way the
      // user gets the expression and the reason, not a stack trace.
      throw new ExpressionException(
          "cannot evaluate '" + source.strip() + "': " + e, e);
    }
  }
}
