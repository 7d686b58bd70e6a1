package dev.navis.controller.cron;

import dev.navis.api.model.CronWorkflow;
import dev.navis.api.model.ObjectMeta;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The workflows a CronWorkflow starts, labelled as Argo labels them. */
public final class CronWorkflowRuns {

  /** The label naming the CronWorkflow a workflow was started by. */
  public static final String CRON_LABEL = "workflows.argoproj.io/cron-workflow";

  /** The annotation holding the scheduled time a workflow was started for (RFC 3339). */
  public static final String SCHEDULED_TIME = "workflows.argoproj.io/scheduled-time";

  private CronWorkflowRuns() {}

  /**
   * The workflow for {@code scheduledTime}, named {@code <cron>-<unix seconds>} as Argo names
   * it, so that one scheduled time can never start two workflows.
   */
  public static Workflow scheduled(CronWorkflow cron, Instant scheduledTime) {
    String name = cron.metadata().name() + "-" + scheduledTime.getEpochSecond();
    return build(cron, name, null, scheduledTime);
  }

  /** A workflow submitted by hand from the CronWorkflow ({@code submit --from cronwf/NAME}). */
  public static Workflow manual(CronWorkflow cron, Instant now) {
    return build(cron, null, cron.metadata().name() + "-", now);
  }

  private static Workflow build(CronWorkflow cron, String name, String generateName,
      Instant scheduledTime) {
    ObjectMeta own = cron.metadata();
    ObjectMeta extra = cron.spec().workflowMetadata();
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, String> annotations = new LinkedHashMap<>();
    if (extra != null && extra.labels() != null) {
      labels.putAll(extra.labels());
    }
    if (extra != null && extra.annotations() != null) {
      annotations.putAll(extra.annotations());
    }
    labels.put(CRON_LABEL, own.name());
    annotations.put(SCHEDULED_TIME, scheduledTime.toString());

    ObjectMeta meta = new ObjectMeta(name, generateName, own.namespace(), null, labels,
        annotations, null, null, null, null, null, null);
    WorkflowSpec spec = cron.spec().workflowSpec();
    return new Workflow(Workflow.API_VERSION, Workflow.KIND, meta, spec, null);
  }
}
