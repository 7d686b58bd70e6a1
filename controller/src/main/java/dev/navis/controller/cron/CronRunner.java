package dev.navis.controller.cron;

import dev.navis.api.model.CronWorkflow;
import dev.navis.api.model.Workflow;
import dev.navis.controller.Controller;
import dev.navis.store.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires the CronWorkflows of a store on time, inside a long-running controller ({@code navis
 * server}, the background {@code navis controller}). One timer wakes at the earliest next
 * scheduled time across all CronWorkflows and is re-armed after each pass; it also wakes at
 * least every {@link #DEFAULT_POLL} to see CronWorkflows other processes created or changed,
 * and when {@link #wake} says something changed here. Several runners may share one store:
 * a scheduled workflow's name is fixed by its time, so two runners never start one time twice.
 */
public final class CronRunner implements AutoCloseable {

  /** The longest sleep between passes. */
  public static final Duration DEFAULT_POLL = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(CronRunner.class);
  private static final Set<String> FINISHED = Set.of("Succeeded", "Failed", "Error");

  private final CronWorkflows crons;
  private final CronScheduler scheduler;
  private final Clock clock;
  private final Duration poll;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
      Thread.ofPlatform().name("navis-cron").daemon().factory());
  private ScheduledFuture<?> nextPass;
  private volatile int scheduledCount;

  /** A runner over {@code store} that starts workflows through {@code workloads}. */
  public CronRunner(WorkflowStore store, Workloads workloads, Clock clock, Duration poll) {
    this.crons = new CronWorkflows(store.resources());
    this.scheduler = new CronScheduler(store, workloads);
    this.clock = clock;
    this.poll = poll;
  }

  /**
   * A runner that starts workflows in {@code controller} and looks again whenever one of the
   * workflows it started ends (for Forbid, and to prune history at once).
   */
  public static CronRunner forController(Controller controller, Clock clock) {
    CronRunner runner = new CronRunner(controller.store(), new Workloads() {
      @Override
      public String accept(Workflow prepared) {
        return controller.accept(prepared).uid();
      }

      @Override
      public void run(String uid) {
        controller.run(uid).exceptionally(failure -> {
          log.atWarn().addKeyValue("workflowUid", uid).setCause(failure)
              .log("a CronWorkflow's workflow could not run here");
          return null;
        });
      }

      @Override
      public void terminate(String uid) {
        controller.request(uid, "terminate", null);
      }
    }, clock, DEFAULT_POLL);
    controller.addWatcher((run, reconciliation) -> {
      if (FINISHED.contains(run.phase()) && startedByCron(run.toWorkflow())) {
        runner.wake();
      }
    });
    return runner;
  }

  private static boolean startedByCron(Workflow workflow) {
    var labels = workflow.metadata().labels();
    return labels != null && labels.containsKey(CronWorkflowRuns.CRON_LABEL);
  }

  /** Starts deciding: a first pass at once, then at each next scheduled time. */
  public void start() {
    wake();
  }

  /** Decides again at once: a CronWorkflow was created, changed, or a workflow of one ended. */
  public synchronized void wake() {
    if (timer.isShutdown()) {
      return;
    }
    if (nextPass != null) {
      nextPass.cancel(false);
    }
    nextPass = timer.schedule(this::passAndRearm, 0, TimeUnit.MILLISECONDS);
  }

  /**
   * How many CronWorkflows the last pass found due to fire again: neither suspended, stopped
   * nor invalid. A background controller stays up while there are any.
   */
  public int scheduledCount() {
    return scheduledCount;
  }

  private void passAndRearm() {
    Instant next;
    try {
      next = pass();
    } catch (RuntimeException e) {
      log.atWarn().setCause(e).log("CronWorkflow pass failed; trying again later");
      next = clock.instant().plus(poll);
    }
    rearm(next);
  }

  private synchronized void rearm(Instant next) {
    if (timer.isShutdown()) {
      return;
    }
    // One millisecond past the time, so the pass that wakes sees the time as come.
    long delay = Math.max(0, Duration.between(clock.instant(), next).toMillis() + 1);
    nextPass = timer.schedule(this::passAndRearm, delay, TimeUnit.MILLISECONDS);
  }

  /**
   * Decides once for every CronWorkflow, as of now; returns when to pass again. A failure of
   * one CronWorkflow is logged and does not keep the others from running.
   */
  Instant pass() {
    Instant now = clock.instant();
    Instant next = now.plus(poll);
    int scheduled = 0;
    for (CronWorkflow cron : crons.list(null, null)) {
      try {
        Optional<Instant> wakeUp = scheduler.decide(cron, now);
        if (wakeUp.isPresent() && wakeUp.get().isBefore(next)) {
          next = wakeUp.get();
        }
        boolean suspended = Boolean.TRUE.equals(cron.spec().suspend());
        scheduled += !suspended && wakeUp.isPresent() ? 1 : 0;
      } catch (RuntimeException e) {
        log.atWarn().addKeyValue("cronWorkflow", cron.metadata().name()).setCause(e)
            .log("could not decide for a CronWorkflow");
      }
    }
    scheduledCount = scheduled;
    return next;
  }

  /** Stops the timer; a pass under way finishes. */
  public void stop() {
    synchronized (this) {
      // A delayed pass still queued would keep the timer alive through shutdown().
      if (nextPass != null) {
        nextPass.cancel(false);
      }
      timer.shutdown();
    }
    try {
      if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      timer.shutdownNow();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
