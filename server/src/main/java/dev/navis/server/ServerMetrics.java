package dev.navis.server;

import dev.navis.api.model.NodeStatus;
import dev.navis.controller.WorkflowWatcher;
import dev.navis.engine.Reconciliation;
import dev.navis.engine.WorkflowRun;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Prometheus metrics under Argo's names: workflows by phase, the queue of workflows waiting for
 * a controller, reconcile durations, and host processes running (Argo's pods), plus the JVM's
 * and those the events register (Argo Events' names).
 */
final class ServerMetrics implements WorkflowWatcher {

  private static final List<String> PHASES =
      List.of("Pending", "Running", "Succeeded", "Failed", "Error");

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private static final long COUNT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final Supplier<Map<String, Long>> phaseCounts;
  private final Map<String, Boolean> runningPods = new ConcurrentHashMap<>();
  private final Timer operations;
  private Map<String, Long> lastCounts = Map.of();
  private long countedAt;

  /**
   * @param phaseCounts counts the stored workflows of each phase; asked at most every few
   *     seconds, when metrics are scraped
   * @param queueDepth counts the workflows waiting for a controller
   */
  ServerMetrics(Supplier<Map<String, Long>> phaseCounts, IntSupplier queueDepth) {
    this.phaseCounts = phaseCounts;
    for (String phase : PHASES) {
      Gauge.builder("argo_workflows_gauge", () -> countIn(phase))
          .description("Stored workflows, by phase")
          .tag("phase", phase).register(registry);
      Gauge.builder("argo_workflows_count", () -> countIn(phase))
          .description("Stored workflows, by phase (Argo 3.5 name)")
          .tag("status", phase).register(registry);
    }
    Gauge.builder("argo_workflows_queue_depth_gauge", queueDepth::getAsInt)
        .description("Workflows waiting for a controller").tag("queue_name", "workflow_queue")
        .register(registry);
    Gauge.builder("argo_workflows_queue_depth_count", queueDepth::getAsInt)
        .description("Workflows waiting for a controller (Argo 3.5 name)")
        .tag("queue_name", "workflow_queue").register(registry);
    Gauge.builder("argo_workflows_pods_gauge", runningPods::size)
        .description("Host processes running steps (Argo's pods)").tag("phase", "Running")
        .register(registry);
    operations = Timer.builder("argo_workflows_operation_duration_seconds")
        .description("Time of one reconcile of a workflow, store commit included")
        .publishPercentileHistogram().register(registry);
    bindJvm();
  }

  private void bindJvm() {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Workflows of every process sharing the store, not only the ones run here. */
  private synchronized double countIn(String phase) {
    long now = System.nanoTime();
    if (countedAt == 0 || now - countedAt > COUNT_EVERY_NANOS) {
      lastCounts = phaseCounts.get();
      countedAt = now;
    }
    return lastCounts.getOrDefault(phase, 0L);
  }

  /** Where other parts of the server (the events) register their meters. */
  MeterRegistry registry() {
    return registry;
  }

  String scrape() {
    return registry.scrape();
  }

  @Override
  public void reconciled(WorkflowRun run, Reconciliation reconciliation) {
    for (NodeStatus node : reconciliation.changedNodes()) {
      if ("Pod".equals(node.type()) && "Running".equals(node.phase())) {
        runningPods.put(run.uid() + "/" + node.id(), true);
      } else {
        runningPods.remove(run.uid() + "/" + node.id());
      }
    }
    if (reconciliation.completed()) {
      runningPods.keySet().removeIf(key -> key.startsWith(run.uid() + "/"));
    }
  }

  @Override
  public void reconcileTook(Duration took) {
    operations.record(took);
  }
}
