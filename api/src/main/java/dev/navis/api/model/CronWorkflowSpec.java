package dev.navis.api.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;

/**
 * The schedule side of a CronWorkflow. Argo v3 spelled one {@code schedule}; v4 takes a list of
 * {@code schedules}. Both are accepted and {@link #allSchedules()} merges them.
 */
public record CronWorkflowSpec(
    WorkflowSpec workflowSpec,
    String schedule,
    List<String> schedules,
    String concurrencyPolicy,
    Boolean suspend,
    Long startingDeadlineSeconds,
    Integer successfulJobsHistoryLimit,
    Integer failedJobsHistoryLimit,
    String timezone,
    ObjectMeta workflowMetadata,
    com.fasterxml.jackson.databind.JsonNode stopStrategy,
    String when) {

  @JsonIgnore
  public List<String> allSchedules() {
    List<String> all = new ArrayList<>();
    if (schedule != null && !schedule.isBlank()) {
      all.add(schedule);
    }
    if (schedules != null) {
      all.addAll(schedules);
    }
    return all;
  }
}
