package dev.navis.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.Workflow;
import dev.navis.controller.Submission;
import dev.navis.engine.Occurrence.SetNodes;
import dev.navis.store.StoredWorkflow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The workflow service of Argo Server: {@code /api/v1/workflows/...}. */
final class WorkflowApi {

  private static final String BASE = "/api/v1/workflows/{ns}";
  private static final String ONE = BASE + "/{name}";

  private final WorkflowOperations operations;
  private final WorkflowEvents events;
  private final Runnable adoptSoon;

  /**
   * @param adoptSoon has the controller take on stored workflows nobody runs without waiting
   *     for its next round; the API starts none itself, so that one thread decides what runs
   */
  WorkflowApi(WorkflowOperations operations, WorkflowEvents events, Runnable adoptSoon) {
    this.operations = operations;
    this.events = events;
    this.adoptSoon = adoptSoon;
  }

  void register(RoutesConfig routes) {
    routes.post(BASE, this::create);
    routes.post(BASE + "/lint", this::lint);
    routes.post(BASE + "/submit", this::submitFromTemplate);
    routes.get("/api/v1/workflows", this::list);
    routes.get(BASE, this::list);
    routes.get(ONE, this::get);
    routes.delete(ONE, this::delete);
    routes.put(ONE + "/retry", this::retry);
    routes.put(ONE + "/resubmit", this::resubmit);
    routes.put(ONE + "/suspend", ctx -> lifecycle(ctx, "suspend", null));
    routes.put(ONE + "/resume", ctx -> lifecycle(ctx, "resume", "nodeFieldSelector"));
    routes.put(ONE + "/stop", ctx -> lifecycle(ctx, "stop", "message"));
    routes.put(ONE + "/terminate", ctx -> lifecycle(ctx, "terminate", null));
    routes.put(ONE + "/set", this::set);
    routes.get(ONE + "/log", new LogStream(operations)::serve);
  }

  private void create(Context ctx) {
    String namespace = Http.namespace(ctx);
    JsonNode body = Http.body(ctx);
    Workflow workflow = Validation.validated(body, "workflow", Workflow.KIND, namespace)
        .as(Workflow.class);
    // As in Kubernetes, a name given wins over generateName.
    String name = workflow.metadata() != null ? workflow.metadata().name() : null;
    Workflow prepared = new Submission(Map.of(), null, name, null, Map.of())
        .prepare(workflow, namespace, Instant.now());
    if (body.path("serverDryRun").asBoolean(false)) {
      Http.send(ctx, prepared);
      return;
    }
    operations.accept(prepared);
    events.publish("ADDED", prepared);
    adoptSoon.run();
    Http.send(ctx, prepared);
  }

  private void lint(Context ctx) {
    String namespace = Http.namespace(ctx);
    Http.send(ctx, Validation.validated(Http.body(ctx), "workflow", Workflow.KIND, namespace)
        .as(Workflow.class));
  }

  /** {@code argo submit --from}: a workflow made from a stored template or CronWorkflow. */
  private void submitFromTemplate(Context ctx) {
    String namespace = Http.namespace(ctx);
    JsonNode body = Http.body(ctx);
    String kind = Http.text(body, "resourceKind");
    String name = Http.text(body, "resourceName");
    if (kind == null || name == null) {
      throw ApiException.invalid("resourceKind and resourceName are required");
    }
    JsonNode options = body.path("submitOptions");
    Workflow prepared = SubmitOptions.submission(options).prepare(
        operations.fromReference(kind.toLowerCase(Locale.ROOT) + "/" + name, namespace),
        namespace, Instant.now());
    if (options.path("serverDryRun").asBoolean(false) || options.path("dryRun").asBoolean()) {
      Http.send(ctx, prepared);
      return;
    }
    operations.accept(prepared);
    events.publish("ADDED", prepared);
    adoptSoon.run();
    Http.send(ctx, prepared);
  }

  private void list(Context ctx) {
    String namespace = ctx.pathParamMap().containsKey("ns") ? Http.namespace(ctx)
        : Http.allNamespaces(ctx);
    ListOptions options = ListOptions.of(ctx);
    List<StoredWorkflow> found = operations.list(options.query(namespace));
    List<Workflow> items = found.stream().filter(options::matchesName)
        .limit(options.limit() > 0 ? options.limit() : Long.MAX_VALUE)
        .map(StoredWorkflow::workflow).toList();
    Http.send(ctx, Map.of("metadata", Map.of(), "items", items));
  }

  private void get(Context ctx) {
    Http.send(ctx, operations.full(found(ctx)));
  }

  private void delete(Context ctx) {
    StoredWorkflow workflow = found(ctx);
    operations.delete(workflow);
    events.publish("DELETED", workflow.workflow());
    Http.send(ctx, Map.of());
  }

  private void retry(Context ctx) {
    StoredWorkflow workflow = found(ctx);
    JsonNode body = Http.body(ctx);
    operations.retry(workflow, body.path("restartSuccessful").asBoolean(false),
        Http.text(body, "nodeFieldSelector"));
    adoptSoon.run();
    Http.send(ctx, operations.full(operations.find(workflow.namespace(), workflow.name())));
  }

  private void resubmit(Context ctx) {
    StoredWorkflow fresh = operations.resubmit(found(ctx));
    events.publish("ADDED", fresh.workflow());
    adoptSoon.run();
    Http.send(ctx, fresh.workflow());
  }

  private void lifecycle(Context ctx, String kind, String argumentField) {
    StoredWorkflow workflow = found(ctx);
    String argument = argumentField != null ? Http.text(Http.body(ctx), argumentField) : null;
    operations.request(workflow, kind, argument);
    Http.send(ctx, operations.full(workflow));
  }

  /** Argo's node set: {@code outputParameters} is a JSON object, or its text as Argo sends. */
  private void set(Context ctx) {
    StoredWorkflow workflow = found(ctx);
    JsonNode body = Http.body(ctx);
    SetNodes set = new SetNodes(Http.text(body, "nodeFieldSelector"),
        Http.text(body, "phase"), Http.text(body, "message"),
        outputParameters(body.get("outputParameters")));
    operations.set(workflow, set);
    Http.send(ctx, operations.full(workflow));
  }

  private static Map<String, String> outputParameters(JsonNode given) {
    JsonNode object = given;
    if (given != null && given.isTextual() && !given.asText().isBlank()) {
      try {
        object = Codec.json().readTree(given.asText());
      } catch (JsonProcessingException e) {
        throw ApiException.invalid("outputParameters: not a JSON object: "
            + e.getOriginalMessage());
      }
    }
    if (object == null || object.isNull() || object.isTextual()) {
      return Map.of();
    }
    if (!object.isObject()) {
      throw ApiException.invalid("outputParameters: not a JSON object of names to values");
    }
    Map<String, String> values = new LinkedHashMap<>();
    object.properties().forEach(entry -> values.put(entry.getKey(),
        entry.getValue().isTextual() ? entry.getValue().asText() : entry.getValue().toString()));
    return values;
  }

  private StoredWorkflow found(Context ctx) {
    return operations.find(Http.namespace(ctx), ctx.pathParam("name"));
  }

  /** Streams {@code {"result":{"content":..,"podName":..}}} lines, following when asked. */
  private record LogStream(WorkflowOperations operations) {

    void serve(Context ctx) throws IOException, InterruptedException {
      StoredWorkflow workflow = operations.find(Http.namespace(ctx), ctx.pathParam("name"));
      String podName = emptyToNull(ctx.queryParam("podName"));
      WorkflowLogs logs = new WorkflowLogs(operations.store(),
          operations.controller().executor(), podName,
          emptyToNull(ctx.queryParam("logOptions.container")));
      if (!logs.finds(workflow)) {
        throw ApiException.notFound("node \"" + podName + "\" not found in workflow "
            + workflow.name());
      }
      var out = Http.startStream(ctx);
      logs.stream(workflow, "true".equals(ctx.queryParam("logOptions.follow")), line ->
          Http.writeLine(out, Map.of("result", Map.of("content", line.content(),
              "podName", line.podName()))));
    }

    private static String emptyToNull(String value) {
      return value == null || value.isEmpty() ? null : value;
    }
  }
}
