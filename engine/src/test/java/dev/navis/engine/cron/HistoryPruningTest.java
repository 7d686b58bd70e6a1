package dev.navis.engine.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HistoryPruningTest {

  private static FinishedWorkflow finished(String name, String phase, int hour) {
    return new FinishedWorkflow(name, phase, Instant.parse("2026-03-02T00:00:00Z")
        .plusSeconds(3600L * hour));
  }

  /** Five successes, three failures and an error, finished in the order of their numbers. */
  private static final List<FinishedWorkflow> HISTORY = List.of(
      finished("ok-3", "Succeeded", 3),
      finished("ok-1", "Succeeded", 1),
      finished("bad-2", "Failed", 2),
      finished("ok-5", "Succeeded", 5),
      finished("err-6", "Error", 6),
      finished("ok-4", "Succeeded", 4),
      finished("bad-7", "Failed", 7),
      finished("ok-0", "Succeeded", 0),
      finished("bad-8", "Failed", 8),
      finished("still-9", "Running", 9));

  static Stream<Arguments> limits() {
    return Stream.of(
        Arguments.of("defaults keep 3 succeeded, 1 failed", null, null,
            List.of("ok-1", "ok-0", "bad-7", "err-6", "bad-2")),
        Arguments.of("negative limits mean the defaults", -1, -5,
            List.of("ok-1", "ok-0", "bad-7", "err-6", "bad-2")),
        Arguments.of("zero keeps none", 0, 0,
            List.of("ok-5", "ok-4", "ok-3", "ok-1", "ok-0", "bad-8", "bad-7", "err-6", "bad-2")),
        Arguments.of("limits above the history delete nothing", 10, 10, List.of()),
        Arguments.of("one success, two failures", 1, 2,
            List.of("ok-4", "ok-3", "ok-1", "ok-0", "err-6", "bad-2")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("limits")
  void deletesTheOldestBeyondEachLimit(String name, Integer successful, Integer failed,
      List<String> expected) {
    List<String> toDelete = HistoryPruning.workflowsToDelete(HISTORY, successful, failed);

    assertThat(toDelete).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "spec limits {0}/{1}")
  @MethodSource("specLimits")
  void readsTheLimitsFromTheSpec(Integer successful, Integer failed, List<String> expected) {
    var spec = CronSpecs.schedules("@daily").historyLimits(successful, failed).spec();

    assertThat(HistoryPruning.workflowsToDelete(spec, HISTORY))
        .containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> specLimits() {
    return Stream.of(
        Arguments.of(null, null, List.of("ok-1", "ok-0", "bad-7", "err-6", "bad-2")),
        Arguments.of(4, 3, List.of("ok-0", "bad-2")));
  }
}
