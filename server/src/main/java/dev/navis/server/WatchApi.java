package dev.navis.server;

import dev.navis.api.model.Workflow;
import dev.navis.store.StoredWorkflow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /api/v1/workflow-events/{ns}}: the watch stream. It starts with an ADDED event for
 * each workflow that matches, as a Kubernetes watch without a resource version does, then
 * sends each change as it happens, one JSON object a line, until the client goes away.
 */
final class WatchApi {

  private static final long HEARTBEAT_SECONDS = 15;

  private final WorkflowOperations operations;
  private final WorkflowEvents events;
  private final BooleanSupplier stopping;

  WatchApi(WorkflowOperations operations, WorkflowEvents events, BooleanSupplier stopping) {
    this.operations = operations;
    this.events = events;
    this.stopping = stopping;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/v1/workflow-events", ctx -> watch(ctx, Http.allNamespaces(ctx)));
    routes.get("/api/v1/workflow-events/{ns}", ctx -> watch(ctx, Http.namespace(ctx)));
  }

  private void watch(Context ctx, String namespace) throws IOException, InterruptedException {
    ListOptions options = ListOptions.of(ctx);
    // Subscribe before listing, so no change falls between the two.
    try (WorkflowEvents.Subscription subscription =
        events.subscribe(workflow -> options.matches(workflow, namespace))) {
      OutputStream out = Http.startStream(ctx);
      for (StoredWorkflow existing : operations.list(options.query(namespace))) {
        if (options.matchesName(existing)) {
          // Nodes only for one named workflow: a namespace may hold thousands.
          send(out, "ADDED", options.name() != null ? operations.full(existing)
              : existing.workflow());
        }
      }
      forward(subscription, out);
    }
  }

  private void forward(WorkflowEvents.Subscription subscription, OutputStream out)
      throws IOException, InterruptedException {
    long quietSince = System.nanoTime();
    while (!stopping.getAsBoolean()) {
      WorkflowEvents.Event event = subscription.queue().poll(1, TimeUnit.SECONDS);
      if (event != null) {
        send(out, event.type(), event.workflow());
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(HEARTBEAT_SECONDS)) {
        // An empty line finds out whether the client is still there.
        out.write("\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        quietSince = System.nanoTime();
      }
    }
  }

  private static void send(OutputStream out, String type, Workflow workflow) throws IOException {
    Http.writeLine(out, Map.of("result", Map.of("type", type, "object", workflow)));
  }
}
