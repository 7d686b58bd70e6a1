package dev.navis.engine.expr;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * A DAG task's {@code depends}: task names with optional result suffixes ({@code A.Succeeded},
 * {@code B.AnySucceeded}) joined by {@code &&}, {@code ||}, {@code !} and parentheses. A bare
 * name means {@code (A.Succeeded || A.Skipped || A.Daemoned)}.
 *
 * <p>Instances are immutable and thread-safe. An empty {@code depends} is always true.
 */
public final class DependsExpression {

  /** What the engine knows about one dependency when it evaluates. */
  public record TaskState(
      String phase, boolean daemoned, boolean anySucceeded, boolean allFailed) {}

  private static final Set<String> FINISHED =
      Set.of("Succeeded", "Failed", "Error", "Skipped", "Omitted");

  private final String text;
  private final Node root;
  private final Set<String> taskNames;

  private DependsExpression(String text, Node root) {
    this.text = text;
    this.root = root;
    Set<String> names = new LinkedHashSet<>();
    root.collectNames(names);
    this.taskNames = Collections.unmodifiableSet(names);
  }

  /** Parses {@code depends}; the exception's message names the position and what was found. */
  public static DependsExpression parse(String depends) {
    String text = depends == null ? "" : depends;
    if (text.isBlank()) {
      return new DependsExpression(text, new Always());
    }
    return new DependsExpression(text, new DependsParser(text).parse());
  }

  /**
   * The {@code depends} equivalent to a task's {@code dependencies} list: every task must have
   * succeeded, been skipped or be daemoned, so the names are joined by {@code &&}.
   */
  public static String fromDependencies(Collection<String> dependencies) {
    return dependencies == null ? "" : String.join(" && ", dependencies);
  }

  /** The task names the expression mentions, in order of first mention. */
  public Set<String> taskNames() {
    return taskNames;
  }

  /** Whether every task the expression names has finished (so it can be decided). */
  public boolean decidable(Function<String, TaskState> tasks) {
    for (String name : taskNames) {
      TaskState state = tasks.apply(name);
      if (state == null || !(state.daemoned() || finished(state.phase()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean finished(String phase) {
    return phase != null && FINISHED.contains(phase);
  }

  /** The expression's value once decidable; a task not known counts as having no result. */
  public boolean evaluate(Function<String, TaskState> tasks) {
    return root.evaluate(tasks);
  }

  @Override
  public String toString() {
    return text;
  }

  /** A result suffix: what must hold of a task's state. */
  enum Suffix {
    Succeeded, Failed, Errored, Skipped, Omitted, Daemoned, AnySucceeded, AllFailed;

    boolean holds(TaskState state) {
      return switch (this) {
        case Succeeded -> "Succeeded".equals(state.phase());
        case Failed -> "Failed".equals(state.phase());
        case Errored -> "Error".equals(state.phase());
        case Skipped -> "Skipped".equals(state.phase());
        case Omitted -> "Omitted".equals(state.phase());
        case Daemoned -> state.daemoned();
        case AnySucceeded -> state.anySucceeded();
        case AllFailed -> state.allFailed();
      };
    }
  }

  sealed interface Node permits Always, Result, Not, And, Or {
    boolean evaluate(Function<String, TaskState> tasks);

    void collectNames(Set<String> names);
  }

  record Always() implements Node {
    @Override
    public boolean evaluate(Function<String, TaskState> tasks) {
      return true;
    }

    @Override
    public void collectNames(Set<String> names) {}
  }

  /** {@code task.Suffix}, or a bare {@code task} when the suffix is null. */
  record Result(String task, Suffix suffix) implements Node {
    @Override
    public boolean evaluate(Function<String, TaskState> tasks) {
      TaskState state = tasks.apply(task);
      if (state == null) {
        return false;
      }
      if (suffix != null) {
        return suffix.holds(state);
      }
      return Suffix.Succeeded.holds(state) || Suffix.Skipped.holds(state) || state.daemoned();
    }

    @Override
    public void collectNames(Set<String> names) {
      names.add(task);
    }
  }

  record Not(Node operand) implements Node {
    @Override
    public boolean evaluate(Function<String, TaskState> tasks) {
      return !operand.evaluate(tasks);
    }

    @Override
    public void collectNames(Set<String> names) {
      operand.collectNames(names);
    }
  }

  record And(Node left, Node right) implements Node {
    @Override
    public boolean evaluate(Function<String, TaskState> tasks) {
      return left.evaluate(tasks) && right.evaluate(tasks);
    }

    @Override
    public void collectNames(Set<String> names) {
      left.collectNames(names);
      right.collectNames(names);
    }
  }

  record Or(Node left, Node right) implements Node {
    @Override
    public boolean evaluate(Function<String, TaskState> tasks) {
      return left.evaluate(tasks) || right.evaluate(tasks);
    }

    @Override
    public void collectNames(Set<String> names) {
      left.collectNames(names);
      right.collectNames(names);
    }
  }
}
