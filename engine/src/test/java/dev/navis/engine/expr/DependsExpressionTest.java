package dev.navis.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.navis.engine.expr.DependsExpression.TaskState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DependsExpressionTest {

  /** A: Succeeded, B: Failed, C: Error, D: Skipped, E: Omitted, F: Running daemon, G: Running. */
  private static final Map<String, TaskState> TASKS = new HashMap<>(Map.of(
      "A", state("Succeeded"),
      "B", state("Failed"),
      "C", state("Error"),
      "D", state("Skipped"),
      "E", state("Omitted"),
      "F", new TaskState("Running", true, false, false),
      "G", state("Running"),
      "loop-1", new TaskState("Failed", false, true, false),
      "loop-2", new TaskState("Failed", false, false, true)));

  private static TaskState state(String phase) {
    return new TaskState(phase, false, false, false);
  }

  private static final Function<String, TaskState> LOOKUP = TASKS::get;

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "A;true",
      "B;false",
      "D;true",
      "F;true",
      "C;false",
      "A.Succeeded;true",
      "B.Failed;true",
      "C.Errored;true",
      "D.Skipped;true",
      "E.Omitted;true",
      "F.Daemoned;true",
      "A.Failed;false",
      "loop-1.AnySucceeded;true",
      "loop-1.AllFailed;false",
      "loop-2.AllFailed;true",
      "A && B;false",
      "A && D && F;true",
      "A || B;true",
      "!B;true",
      "!B.Failed;false",
      "A && (B.Failed || C.Failed);true",
      "(A && B) || C.Errored;true",
      "A && B || D;true",
      "A || B && C;true",
      "!(A.Succeeded && B.Succeeded);true",
      "  A.Succeeded   &&B.Failed ;true",
      "'';true",
      "unknown-task;false",
  })
  void evaluatesAgainstTaskStates(String depends, boolean expected) {
    assertThat(DependsExpression.parse(depends).evaluate(LOOKUP)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "A && B && C && D && E;true",
      "A && F;true",
      "A && G;false",
      "G.Failed || A;false",
      "A || unknown-task;false",
      "'';true",
  })
  void isDecidableOnlyWhenEveryNamedTaskHasFinished(String depends, boolean expected) {
    assertThat(DependsExpression.parse(depends).decidable(LOOKUP)).isEqualTo(expected);
  }

  @Test
  void namesItsTasksInOrder() {
    DependsExpression depends = DependsExpression.parse("(flip-coin.Succeeded || B) && !A && B");

    assertThat(depends.taskNames()).containsExactly("flip-coin", "B", "A");
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "A.Done;invalid depends 'A.Done': expected a result such as .Succeeded, .Failed,"
          + " .Errored, .Skipped, .Omitted, .Daemoned, .AnySucceeded or .AllFailed at position"
          + " 2, found 'Done'",
      "A &&;invalid depends 'A &&': expected a task name at position 4, found the end",
      "(A || B;invalid depends '(A || B': expected ')' at position 7, found the end",
      "A B;invalid depends 'A B': expected '&&', '||' or the end at position 2, found 'B'",
      "A & B;invalid depends 'A & B': expected '&&', '||' or the end at position 2,"
          + " found '& B'",
      "&& A;invalid depends '&& A': expected a task name at position 0, found '&& A'",
  })
  void reportsWhereParsingFailed(String depends, String message) {
    assertThatThrownBy(() -> DependsExpression.parse(depends))
        .isInstanceOf(ExpressionException.class)
        .hasMessage(message);
  }

  @Test
  void turnsDependenciesIntoAConjunction() {
    String depends = DependsExpression.fromDependencies(List.of("A", "D", "F"));

    assertThat(depends).isEqualTo("A && D && F");
    assertThat(DependsExpression.parse(depends).evaluate(LOOKUP)).isTrue();
    assertThat(DependsExpression.parse(DependsExpression.fromDependencies(List.of("A", "B")))
        .evaluate(LOOKUP)).isFalse();
    assertThat(DependsExpression.fromDependencies(List.of())).isEmpty();
  }
}
