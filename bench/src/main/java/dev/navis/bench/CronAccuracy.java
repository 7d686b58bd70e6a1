package dev.navis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How late a running server fires a CronWorkflow: one {@code @every 2s} CronWorkflow, watched
 * by polling the list endpoint every 20 ms until {@code firings} workflows have appeared; then
 * deleted. For each firing it compares the scheduled time (Argo's annotation) with the
 * workflow's creationTimestamp (whole seconds, as Argo writes it) and with the moment this
 * client first saw the workflow (milliseconds; an upper bound on the delay, poll included).
 *
 * <p>Usage: {@code CronAccuracy BASE_URL [FIRINGS] [SCHEDULE]}.
 */
public final class CronAccuracy {

  private static final String NAMESPACE = "default";
  private static final String SCHEDULED = "workflows.argoproj.io/scheduled-time";

  private CronAccuracy() {}

  public static void main(String[] args) throws Exception {
    Api api = new Api(args[0]);
    int firings = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    String schedule = args.length > 2 ? args[2] : "@every 2s";
    String name = "bench-cron-" + UUID.randomUUID().toString().substring(0, 8);

    api.post("/api/v1/cron-workflows/" + NAMESPACE, cronWorkflow(name, schedule));
    Map<String, Instant> firstSeen;
    try {
      firstSeen = watch(api, name, firings);
    } finally {
      api.delete("/api/v1/cron-workflows/" + NAMESPACE + "/" + name);
    }
    report(api, name, firstSeen);
  }

  /** First sight of each workflow of the cron; bounded by twice the expected duration. */
  private static Map<String, Instant> watch(Api api, String cron, int firings) throws Exception {
    Map<String, Instant> firstSeen = new LinkedHashMap<>();
    long giveUp = System.nanoTime() + firings * 4_000_000_000L + 10_000_000_000L;
    while (firstSeen.size() < firings && System.nanoTime() < giveUp) {
      JsonNode list = api.listWorkflows(NAMESPACE, selector(cron), null);
      Instant now = Instant.now();
      for (JsonNode workflow : list.path("items")) {
        firstSeen.putIfAbsent(workflow.path("metadata").path("name").asText(), now);
      }
      Thread.sleep(20);
    }
    return firstSeen;
  }

  private static void report(Api api, String cron, Map<String, Instant> firstSeen)
      throws Exception {
    List<Long> seenLate = new ArrayList<>();
    List<Long> createdLate = new ArrayList<>();
    for (JsonNode workflow : api.listWorkflows(NAMESPACE, selector(cron), null).path("items")) {
      JsonNode meta = workflow.path("metadata");
      Instant scheduled = Instant.parse(meta.path("annotations").path(SCHEDULED).asText());
      Instant created = Instant.parse(meta.path("creationTimestamp").asText());
      Instant seen = firstSeen.get(meta.path("name").asText());
      if (seen != null) {
        seenLate.add(seen.toEpochMilli() - scheduled.toEpochMilli());
        createdLate.add(created.toEpochMilli() - scheduled.toEpochMilli());
      }
    }
    System.out.println("firings: " + seenLate.size());
    System.out.println("creationTimestamp - scheduled (ms, whole seconds): "
        + Percentiles.summary(createdLate));
    System.out.println("first seen by client - scheduled (ms, upper bound): "
        + Percentiles.summary(seenLate));
  }

  private static String selector(String cron) {
    return "workflows.argoproj.io/cron-workflow=" + cron;
  }

  private static String cronWorkflow(String name, String schedule) {
    return """
        {"cronWorkflow": {
          "metadata": {"name": "%s"},
          "spec": {
            "schedules": ["%s"],
            "concurrencyPolicy": "Allow",
            "successfulJobsHistoryLimit": 1000,
            "failedJobsHistoryLimit": 1000,
            "workflowSpec": {
              "entrypoint": "greet",
              "templates": [{"name": "greet",
                "container": {"image": "alpine:3.20", "command": ["true"]}}]
            }}}}
        """.formatted(name, schedule);
  }
}
