package dev.navis.engine.cron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.navis.api.model.CronWorkflowSpec;
import java.util.List;

/** Builds the CronWorkflowSpec records the tests need, one option at a time. */
record CronSpecs(List<String> schedules, String timezone, String concurrencyPolicy,
    Boolean suspend, Long startingDeadlineSeconds, String when, JsonNode stopStrategy,
    Integer successfulJobsHistoryLimit, Integer failedJobsHistoryLimit) {

  static CronSpecs schedules(String... schedules) {
    return new CronSpecs(List.of(schedules), null, null, null, null, null, null, null, null);
  }

  CronSpecs timezone(String zone) {
    return new CronSpecs(schedules, zone, concurrencyPolicy, suspend, startingDeadlineSeconds,
        when, stopStrategy, successfulJobsHistoryLimit, failedJobsHistoryLimit);
  }

  CronSpecs policy(String policy) {
    return new CronSpecs(schedules, timezone, policy, suspend, startingDeadlineSeconds, when,
        stopStrategy, successfulJobsHistoryLimit, failedJobsHistoryLimit);
  }

  CronSpecs suspended() {
    return new CronSpecs(schedules, timezone, concurrencyPolicy, true, startingDeadlineSeconds,
        when, stopStrategy, successfulJobsHistoryLimit, failedJobsHistoryLimit);
  }

  CronSpecs deadline(long seconds) {
    return new CronSpecs(schedules, timezone, concurrencyPolicy, suspend, seconds, when,
        stopStrategy, successfulJobsHistoryLimit, failedJobsHistoryLimit);
  }

  CronSpecs when(String expression) {
    return new CronSpecs(schedules, timezone, concurrencyPolicy, suspend,
        startingDeadlineSeconds, expression, stopStrategy, successfulJobsHistoryLimit,
        failedJobsHistoryLimit);
  }

  CronSpecs stopWhen(String field, String expression) {
    JsonNode strategy = JsonNodeFactory.instance.objectNode().put(field, expression);
    return new CronSpecs(schedules, timezone, concurrencyPolicy, suspend,
        startingDeadlineSeconds, when, strategy, successfulJobsHistoryLimit,
        failedJobsHistoryLimit);
  }

  CronSpecs historyLimits(Integer successful, Integer failed) {
    return new CronSpecs(schedules, timezone, concurrencyPolicy, suspend,
        startingDeadlineSeconds, when, stopStrategy, successful, failed);
  }

  CronWorkflowSpec spec() {
    return new CronWorkflowSpec(null, null, schedules, concurrencyPolicy, suspend,
        startingDeadlineSeconds, successfulJobsHistoryLimit, failedJobsHistoryLimit, timezone,
        null, stopStrategy, when);
  }
}
