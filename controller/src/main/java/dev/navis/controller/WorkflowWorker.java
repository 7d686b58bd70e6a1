package dev.navis.controller;

import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowStatus;
import dev.navis.engine.Action;
import dev.navis.engine.Engine;
import dev.navis.engine.Occurrence;
import dev.navis.engine.Reconciliation;
import dev.navis.engine.WorkflowRun;
import dev.navis.engine.spi.NodeExecutor;
import dev.navis.engine.spi.NodeResult;
import dev.navis.store.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one workflow: collects what happens to it, reconciles at most once at a time, stores each
 * reconciliation before acting on it, and acts. Occurrences that arrive while a reconcile runs
 * are batched into the next one, so a burst of node ends costs one store transaction.
 */
final class WorkflowWorker {

  private static final Logger log = LoggerFactory.getLogger(WorkflowWorker.class);

  private final WorkflowRun run;
  private final Engine engine;
  private final WorkflowStore store;
  private final NodeExecutor executor;
  private final Clock clock;
  private final Executor reconciler;
  private final ScheduledExecutorService timers;
  private final List<WorkflowWatcher> watchers;
  private final ConcurrentLinkedQueue<Occurrence> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final CompletableFuture<Workflow> completion = new CompletableFuture<>();
  private ScheduledFuture<?> wake;
  private Instant wakeAt;

  WorkflowWorker(WorkflowRun run, Engine engine, WorkflowStore store, NodeExecutor executor,
      Clock clock, Executor reconciler, ScheduledExecutorService timers,
      List<WorkflowWatcher> watchers) {
    this.run = run;
    this.engine = engine;
    this.store = store;
    this.executor = executor;
    this.clock = clock;
    this.reconciler = reconciler;
    this.timers = timers;
    this.watchers = watchers;
  }

  String uid() {
    return run.uid();
  }

  CompletableFuture<Workflow> completion() {
    return completion;
  }

  /** Queues something that happened; a reconcile follows soon. */
  void offer(Occurrence occurrence) {
    inbox.add(occurrence);
    if (scheduled.compareAndSet(false, true)) {
      reconciler.execute(this::drain);
    }
  }

  private void drain() {
    while (true) {
      List<Occurrence> batch = new ArrayList<>();
      for (Occurrence next; (next = inbox.poll()) != null; ) {
        batch.add(next);
      }
      if (!batch.isEmpty() && !completion.isDone()) {
        reconcile(batch);
      }
      scheduled.set(false);
      // Something may have arrived between the last poll and the reset: take it on.
      if (inbox.isEmpty() || !scheduled.compareAndSet(false, true)) {
        return;
      }
    }
  }

  private void reconcile(List<Occurrence> batch) {
    long startNanos = System.nanoTime();
    Reconciliation reconciliation;
    try {
      reconciliation = engine.reconcile(run, batch, clock.instant());
    } catch (RuntimeException bug) {
      failOnBug(bug);
      return;
    }
    store.commit(run.uid(), reconciliation.status(), reconciliation.changedNodes(),
        reconciliation.removedNodeIds());

    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    watchers.forEach(watcher -> watcher.reconcileTook(took));

    reconciliation.actions().forEach(this::perform);
    watchers.forEach(watcher -> watcher.reconciled(run, reconciliation));
    if (reconciliation.completed()) {
      complete();
    } else {
      scheduleWake(reconciliation.wakeAt());
    }
  }

  private void perform(Action action) {
    switch (action) {
      case Action.StartNode start -> executor.start(start.launch());
      case Action.StopNode stop -> executor.stop(run.uid(), stop.nodeId(), stop.reason());
      case Action.SaveMemo memo ->
          store.saveMemo(memo.cacheName(), memo.key(), memo.outputs(), clock.instant());
      case Action.RecoverNode recover -> {
        if (!executor.recover(recover.launch())) {
          offer(new Occurrence.NodeEnded(lost(recover.launch().nodeId())));
        }
      }
    }
  }

  private NodeResult lost(String nodeId) {
    Instant now = clock.instant();
    String message = "node lost: the process that ran it stopped and left no exit code";
    return new NodeResult(run.uid(), nodeId, "Error", null, null, Map.of(), message, now, now,
        List.of());
  }

  private void scheduleWake(Instant at) {
    if (at == null || at.equals(wakeAt)) {
      return;
    }
    if (wake != null) {
      wake.cancel(false);
    }
    wakeAt = at;
    long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
    wake = timers.schedule(() -> offer(new Occurrence.Tick()), delay, TimeUnit.MILLISECONDS);
  }

  private void complete() {
    if (wake != null) {
      wake.cancel(false);
    }
    completion.complete(run.toWorkflow());
  }

  /** An engine fault must not wedge the workflow: it ends in Error, saying why. */
  private void failOnBug(RuntimeException bug) {
    log.atError().addKeyValue("workflow", run.toWorkflow().metadata().name())
        .setCause(bug).log("engine failed to reconcile");
    Instant now = clock.instant();
    Workflow snapshot = run.toWorkflow();
    WorkflowStatus current = snapshot.status();
    WorkflowStatus failed = new WorkflowStatus("Error", current.startedAt(), now,
        current.progress(), "internal error: " + bug, null, current.outputs(),
        current.globalParameters(), null, null, null);
    store.commit(run.uid(), failed, List.of(), List.of());
    completion.complete(snapshot.withStatus(failed));
  }
}
