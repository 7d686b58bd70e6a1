package dev.navis.engine.expr;

import java.util.Set;
import java.util.function.Function;

/**
 * A DAG task's {@code depends}: task names with optional result suffixes ({@code A.Succeeded},
 * {@code B.AnySucceeded}) joined by {@code &&}, {@code ||}, {@code !} and parentheses. A bare
 * name means {@code (A.Succeeded || A.Skipped || A.Daemoned)}.
 */
public final class DependsExpression {

  /** What the engine knows about one dependency when it evaluates. */
  public record TaskState(
      String phase, boolean daemoned, boolean anySucceeded, boolean allFailed) {}

  private DependsExpression() {}

  /** Parses {@code depends}; the exception's message names the position and what was found. */
  public static DependsExpression parse(String depends) {
    throw new UnsupportedOperationException("not written yet");
  }

  /** The task names the expression mentions. */
  public Set<String> taskNames() {
    throw new UnsupportedOperationException("not written yet");
  }

  /** Whether every task the expression names has finished (so it can be decided). */
  public boolean decidable(Function<String, TaskState> tasks) {
    throw new UnsupportedOperationException("not written yet");
  }

  /** The expression's value once decidable. */
  public boolean evaluate(Function<String, TaskState> tasks) {
    throw new UnsupportedOperationException("not written yet");
  }
}
