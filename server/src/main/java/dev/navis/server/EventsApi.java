package dev.navis.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.ParsedResource;
import dev.navis.api.Problem;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.Sensor;
import dev.navis.events.Event;
import dev.navis.events.runtime.TriggerRun;
import dev.navis.events.trigger.ArgoWorkflowTriggerAction;
import dev.navis.server.events.ActivityLog;
import dev.navis.server.events.ServerEvents;
import dev.navis.store.NameConflictException;
import dev.navis.store.ResourceNotFoundException;
import dev.navis.store.StaleResourceException;
import dev.navis.store.StoredWorkflow;
import dev.navis.store.WorkflowQuery;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Argo Server's event source and sensor services ({@code /api/v1/event-sources/{ns}},
 * {@code /api/v1/sensors/{ns}}: create, list, get, update, delete, and their log streams), and
 * Navis's {@code GET /api/v1/events/{ns}/{eventId}}: what an event was, which triggers ran for
 * it and which workflows it started.
 */
final class EventsApi {

  /** How one kind is served: its kind, path, body field and log path. */
  private record Kind(String name, String path, String field, String logs) {}

  private static final Kind EVENT_SOURCES = new Kind(EventSource.KIND,
      "/api/v1/event-sources/{ns}", "eventSource", "/api/v1/stream/event-sources/{ns}/logs");
  private static final Kind SENSORS = new Kind(Sensor.KIND, "/api/v1/sensors/{ns}", "sensor",
      "/api/v1/stream/sensors/{ns}/logs");
  private static final long FOLLOW_POLL_MILLIS = 250;

  private final ServerEvents events;
  private final WorkflowOperations workflows;
  private final BooleanSupplier stopping;

  EventsApi(ServerEvents events, WorkflowOperations workflows, BooleanSupplier stopping) {
    this.events = events;
    this.workflows = workflows;
    this.stopping = stopping;
  }

  void register(RoutesConfig routes) {
    for (Kind kind : List.of(EVENT_SOURCES, SENSORS)) {
      routes.post(kind.path(), ctx -> Http.send(ctx, create(ctx, kind)));
      routes.get(kind.path(), ctx -> Http.send(ctx, Map.of("metadata", Map.of(),
          "items", list(ctx, kind))));
      routes.get(kind.path() + "/{name}", ctx -> Http.send(ctx, get(ctx, kind)));
      routes.put(kind.path() + "/{name}", ctx -> Http.send(ctx, update(ctx, kind)));
      routes.delete(kind.path() + "/{name}", ctx -> Http.send(ctx, delete(ctx, kind)));
      routes.get(kind.logs(), ctx -> streamLogs(ctx, kind));
    }
    routes.get("/api/v1/events/{ns}/{eventId}", this::event);
  }

  private JsonNode create(Context ctx, Kind kind) {
    String namespace = Http.namespace(ctx);
    JsonNode resource = valid(ctx, kind, namespace, null);
    try {
      JsonNode created = events.resources().create(kind.name(), namespace, resource);
      events.sync();
      return created;
    } catch (NameConflictException e) {
      throw ApiException.conflict(e.getMessage());
    }
  }

  private JsonNode update(Context ctx, Kind kind) {
    String namespace = Http.namespace(ctx);
    JsonNode resource = valid(ctx, kind, namespace, ctx.pathParam("name"));
    try {
      JsonNode updated = events.resources().update(kind.name(), namespace, resource);
      events.sync();
      return updated;
    } catch (ResourceNotFoundException e) {
      throw ApiException.notFound(e.getMessage());
    } catch (StaleResourceException e) {
      throw ApiException.conflict(e.getMessage());
    }
  }

  private List<JsonNode> list(Context ctx, Kind kind) {
    try {
      return events.resources().list(kind.name(), Http.namespace(ctx),
          ctx.queryParam("listOptions.labelSelector"));
    } catch (IllegalArgumentException badSelector) {
      throw ApiException.invalid(badSelector.getMessage());
    }
  }

  private JsonNode get(Context ctx, Kind kind) {
    return events.resources().get(kind.name(), Http.namespace(ctx), ctx.pathParam("name"))
        .orElseThrow(() -> notFound(kind, ctx));
  }

  private Map<String, Object> delete(Context ctx, Kind kind) {
    if (!events.resources().delete(kind.name(), Http.namespace(ctx), ctx.pathParam("name"))) {
      throw notFound(kind, ctx);
    }
    events.sync();
    return Map.of();
  }

  /**
   * The body's resource, parsed and linted as a file, then checked as the runtime checks it;
   * 400 with every error as {@code kind.yaml:line:col: field.path: message}.
   */
  private static JsonNode valid(Context ctx, Kind kind, String namespace, String pathName) {
    JsonNode body = Http.body(ctx);
    if (pathName != null && body.get(kind.field()) instanceof ObjectNode given) {
      given.withObjectProperty("metadata").put("name", pathName);
    }
    ParsedResource parsed = Validation.validated(body, kind.field(), kind.name(), namespace);
    List<Problem> errors = dev.navis.server.events.EventResources.errors(parsed);
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors.stream().map(Problem::format)
          .collect(Collectors.joining("\n")));
    }
    return body.get(kind.field());
  }

  private static ApiException notFound(Kind kind, Context ctx) {
    return ApiException.notFound(kind.name() + " \"" + ctx.pathParam("name")
        + "\" not found in namespace \"" + ctx.pathParam("ns") + "\"");
  }

  /**
   * Streams {@code {"result": {...}}} lines of the kind's log in the namespace, filtered by the
   * query's {@code name}, {@code eventName}, {@code eventSourceType}, {@code triggerName} and
   * {@code grep}; with {@code podLogOptions.follow=true}, new lines until the client leaves.
   */
  private void streamLogs(Context ctx, Kind kind) throws IOException, InterruptedException {
    String namespace = Http.namespace(ctx);
    Map<String, String> wanted = new LinkedHashMap<>();
    for (String field : List.of("name", "eventName", "eventSourceType", "triggerName")) {
      String value = ctx.queryParam(field);
      if (value != null && !value.isEmpty()) {
        wanted.put(field.equals("name") ? (kind == SENSORS ? "sensorName" : "eventSourceName")
            : field, value);
      }
    }
    String grep = ctx.queryParam("grep");
    boolean follow = "true".equals(ctx.queryParam("podLogOptions.follow"));
    OutputStream out = Http.startStream(ctx);
    long after = 0;
    do {
      for (ActivityLog.Line line : events.logs().since(kind.name(), namespace, after)) {
        after = line.number();
        if (matches(line.fields(), wanted, grep)) {
          Http.writeLine(out, Map.of("result", line.fields()));
        }
      }
      if (follow) {
        Thread.sleep(FOLLOW_POLL_MILLIS);
      }
    } while (follow && !stopping.getAsBoolean());
  }

  private static boolean matches(Map<String, Object> fields, Map<String, String> wanted,
      String grep) {
    boolean all = wanted.entrySet().stream()
        .allMatch(entry -> entry.getValue().equals(String.valueOf(fields.get(entry.getKey()))));
    return all && (grep == null || grep.isEmpty()
        || String.valueOf(fields.get("msg")).contains(grep));
  }

  /** {@code {event, eventSource, eventName, workflows, triggers}}; 404 when nothing is known. */
  private void event(Context ctx) {
    String namespace = Http.namespace(ctx);
    String eventId = ctx.pathParam("eventId");
    Optional<Event> event = events.event(eventId);
    List<StoredWorkflow> started = workflows.list(new WorkflowQuery(namespace, Set.of(),
        ArgoWorkflowTriggerAction.EVENT_ID_LABEL + "=" + eventId, 0));
    List<TriggerRun> runs = events.runsOfEvent(eventId);
    if (event.isEmpty() && started.isEmpty() && runs.isEmpty()) {
      throw ApiException.notFound("event \"" + eventId + "\" not found");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("id", eventId);
    event.ifPresent(found -> {
      answer.put("eventSource", found.eventSource());
      answer.put("eventName", found.eventName());
      answer.put("event", found.toTree());
    });
    answer.put("workflows", started.stream().map(EventsApi::startedWorkflow).toList());
    answer.put("triggers", runs.stream().map(EventsApi::triggerRun).toList());
    Http.send(ctx, answer);
  }

  private static Map<String, Object> startedWorkflow(StoredWorkflow workflow) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("namespace", workflow.namespace());
    entry.put("name", workflow.name());
    entry.put("phase", workflow.phase());
    entry.put("sensor", workflow.labels().get(ArgoWorkflowTriggerAction.SENSOR_LABEL));
    entry.put("trigger", workflow.labels().get(ArgoWorkflowTriggerAction.TRIGGER_LABEL));
    entry.put("createdAt", workflow.createdAt());
    return entry;
  }

  private static Map<String, Object> triggerRun(TriggerRun run) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("sensor", run.sensor());
    entry.put("trigger", run.trigger());
    entry.put("succeeded", run.succeeded());
    entry.put("attempts", run.attempts());
    entry.put("detail", run.detail());
    entry.put("eventIds", run.eventIds());
    entry.put("finishedAt", run.finishedAt());
    if (run.deadLetter() != null) {
      entry.put("deadLetter", triggerRun(run.deadLetter()));
    }
    return entry;
  }
}
