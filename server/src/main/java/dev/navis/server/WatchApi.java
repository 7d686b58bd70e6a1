package dev.navis.server;

import dev.navis.api.model.Workflow;
import dev.navis.store.StoredWorkflow;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code GET /api/v1/workflow-events/{ns}}: the watch stream. It starts with an ADDED event for
 * each workflow that matches, as a Kubernetes watch without a resource version does, then
 * sends each change as it happens, one JSON object a line, until the client goes away.
 */
final class WatchApi {

  private static final long HEARTBEAT_SECONDS = 5;

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
      StoredWorkflow named = null;
      for (StoredWorkflow existing : operations.list(options.query(namespace))) {
        if (options.matchesName(existing)) {
          // Nodes only for one named workflow: a namespace may hold thousands.
          boolean one = options.name() != null;
          named = one ? existing : null;
          send(out, "ADDED", one ? operations.full(existing) : existing.workflow());
        }
      }
      forward(subscription, out, new Follower(named));
    }
  }

  private void forward(WorkflowEvents.Subscription subscription, OutputStream out,
      Follower follower) throws IOException, InterruptedException {
    long quietSince = System.nanoTime();
    while (!stopping.getAsBoolean() && !follower.gone) {
      WorkflowEvents.Event event = subscription.queue().poll(1, TimeUnit.SECONDS);
      if (event != null) {
        send(out, event.type(), event.workflow());
        follower.sent(event.workflow());
        quietSince = System.nanoTime();
      } else if (stopping.getAsBoolean()) {
        return;
      } else if (follower.changedElsewhere(out)) {
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince > TimeUnit.SECONDS.toNanos(HEARTBEAT_SECONDS)) {
        // An empty line finds out whether the client is still there.
        out.write("\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        quietSince = System.nanoTime();
      }
    }
  }

  /**
   * Keeps one watched workflow in view when another process runs it (servers sharing a
   * PostgreSQL store): its changes reach this server's events only through the store.
   */
  private final class Follower {

    private final StoredWorkflow workflow;
    private String lastPhase;
    private boolean gone;

    Follower(StoredWorkflow workflow) {
      this.workflow = workflow;
      this.lastPhase = workflow != null ? workflow.phase() : null;
    }

    void sent(Workflow sent) {
      if (workflow != null && sent.status() != null) {
        lastPhase = sent.status().phase();
      }
    }

    /** Sends the workflow when the store shows a phase not sent yet; true if it sent. */
    boolean changedElsewhere(OutputStream out) throws IOException {
      if (workflow == null) {
        // TODO: a namespace-wide watch sees only what this server's controller runs.
        return false;
      }
      if (WorkflowOperations.FINISHED.contains(lastPhase)) {
        return false; // settled: whoever waited for the end has its answer
      }
      Optional<StoredWorkflow> current = operations.store().getByUid(workflow.uid());
      if (current.isEmpty()) {
        send(out, "DELETED", workflow.workflow());
        gone = true;
        return true;
      }
      if (java.util.Objects.equals(current.get().phase(), lastPhase)) {
        return false;
      }
      lastPhase = current.get().phase();
      send(out, "MODIFIED", operations.full(current.get()));
      return true;
    }
  }

  private static void send(OutputStream out, String type, Workflow workflow) throws IOException {
    Http.writeLine(out, Map.of("result", Map.of("type", type, "object", workflow)));
  }
}
