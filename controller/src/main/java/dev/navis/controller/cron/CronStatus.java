package dev.navis.controller.cron;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.engine.cron.ActiveWorkflow;
import dev.navis.engine.cron.CronState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The status of a CronWorkflow as stored and shown: Argo's fields ({@code active},
 * {@code lastScheduledTime}, {@code succeeded}, {@code failed}, {@code phase},
 * {@code conditions}) plus what the scheduler needs to resume exactly where it was.
 *
 * @param state what the decider remembers
 * @param schedules the schedules and timezone the state was kept for; when they change,
 *     scheduling starts afresh from the change
 * @param succeeded how many workflows started by the CronWorkflow succeeded
 * @param failed how many failed or errored
 * @param problem why the CronWorkflow cannot be scheduled (a SubmissionError condition); null
 */
public record CronStatus(CronState state, String schedules, long succeeded, long failed,
    String problem) {

  public static CronStatus fresh(Instant since, String schedules) {
    return new CronStatus(CronState.newSince(since), schedules, 0, 0, null);
  }

  public CronStatus withState(CronState next) {
    return new CronStatus(next, schedules, succeeded, failed, problem);
  }

  public CronStatus withProblem(String text) {
    return new CronStatus(state, schedules, succeeded, failed, text);
  }

  public CronStatus counting(long moreSucceeded, long moreFailed) {
    return new CronStatus(state, schedules, succeeded + moreSucceeded, failed + moreFailed,
        problem);
  }

  public ObjectNode toJson(String namespace) {
    ObjectNode json = Codec.json().createObjectNode();
    ArrayNode active = json.putArray("active");
    for (ActiveWorkflow workflow : state.active()) {
      active.addObject().put("kind", "Workflow").put("namespace", namespace)
          .put("name", workflow.name()).put("phase", workflow.phase());
    }
    putTime(json, "lastScheduledTime", state.lastScheduledTime());
    putTime(json, "lastSettledTime", state.lastSettledTime());
    putTime(json, "since", state.since());
    json.put("schedules", schedules);
    json.put("succeeded", succeeded).put("failed", failed);
    json.put("phase", state.stopped() ? "Stopped" : "Active");
    ArrayNode conditions = json.putArray("conditions");
    if (problem != null) {
      conditions.addObject().put("type", "SubmissionError").put("status", "True")
          .put("message", problem);
    }
    return json;
  }

  /** Reads a stored status; {@code fallbackSince} when it holds no start of scheduling. */
  public static CronStatus fromJson(JsonNode json, Instant fallbackSince) {
    List<ActiveWorkflow> active = new ArrayList<>();
    for (JsonNode workflow : json.path("active")) {
      String phase = workflow.path("phase").isTextual() ? workflow.path("phase").asText() : null;
      active.add(new ActiveWorkflow(workflow.path("name").asText(), phase));
    }
    Instant since = time(json, "since");
    CronState state = new CronState(since != null ? since : fallbackSince,
        time(json, "lastScheduledTime"), time(json, "lastSettledTime"), active,
        "Stopped".equals(json.path("phase").asText()));
    JsonNode condition = json.path("conditions").path(0);
    String problem = condition.isObject() ? condition.path("message").asText() : null;
    return new CronStatus(state, json.path("schedules").asText(""),
        json.path("succeeded").asLong(), json.path("failed").asLong(), problem);
  }

  private static void putTime(ObjectNode json, String field, Instant time) {
    if (time != null) {
      json.put(field, time.toString());
    }
  }

  private static Instant time(JsonNode json, String field) {
    JsonNode value = json.path(field);
    return value.isTextual() ? Instant.parse(value.asText()) : null;
  }
}
