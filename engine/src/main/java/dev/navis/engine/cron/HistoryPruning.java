package dev.navis.engine.cron;

import dev.navis.api.model.CronWorkflowSpec;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which finished workflows of a CronWorkflow to delete so that only the newest
 * {@code successfulJobsHistoryLimit} succeeded ones (default 3) and the newest
 * {@code failedJobsHistoryLimit} failed or errored ones (default 1) remain, as in Argo. A
 * negative limit means the default; workflows in other phases are not history and are kept.
 */
public final class HistoryPruning {

  public static final int DEFAULT_SUCCESSFUL_LIMIT = 3;
  public static final int DEFAULT_FAILED_LIMIT = 1;

  private static final Comparator<FinishedWorkflow> NEWEST_FIRST = Comparator.comparing(
      (FinishedWorkflow workflow) -> workflow.finishedAt() == null
          ? Instant.MIN
          : workflow.finishedAt()).reversed();

  private HistoryPruning() {}

  /** The names to delete under the limits of {@code spec}, succeeded ones first. */
  public static List<String> workflowsToDelete(CronWorkflowSpec spec,
      List<FinishedWorkflow> finished) {
    return workflowsToDelete(finished, spec.successfulJobsHistoryLimit(),
        spec.failedJobsHistoryLimit());
  }

  /**
   * The names to delete, newest first within succeeded then failed ones.
   *
   * @param successfulLimit how many succeeded workflows to keep; null or negative means 3
   * @param failedLimit how many failed or errored workflows to keep; null or negative means 1
   */
  public static List<String> workflowsToDelete(List<FinishedWorkflow> finished,
      Integer successfulLimit, Integer failedLimit) {
    Stream<String> succeeded = beyondLimit(finished, List.of("Succeeded"),
        limitOrDefault(successfulLimit, DEFAULT_SUCCESSFUL_LIMIT));
    Stream<String> failed = beyondLimit(finished, List.of("Failed", "Error"),
        limitOrDefault(failedLimit, DEFAULT_FAILED_LIMIT));
    return Stream.concat(succeeded, failed).toList();
  }

  private static int limitOrDefault(Integer limit, int defaultLimit) {
    return limit == null || limit < 0 ? defaultLimit : limit;
  }

  private static Stream<String> beyondLimit(List<FinishedWorkflow> finished,
      List<String> phases, int keep) {
    return finished.stream()
        .filter(workflow -> phases.contains(workflow.phase()))
        .sorted(NEWEST_FIRST)
        .skip(keep)
        .map(FinishedWorkflow::name);
  }
}
