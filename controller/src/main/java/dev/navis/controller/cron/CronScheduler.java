package dev.navis.controller.cron;

import dev.navis.api.model.CronWorkflow;
import dev.navis.api.model.CronWorkflowSpec;
import dev.navis.api.model.Workflow;
import dev.navis.controller.Submission;
import dev.navis.engine.cron.ActiveWorkflow;
import dev.navis.engine.cron.CronDecider;
import dev.navis.engine.cron.CronDecision;
import dev.navis.engine.cron.CronState;
import dev.navis.engine.cron.FinishedWorkflow;
import dev.navis.engine.cron.HistoryPruning;
import dev.navis.engine.cron.SkipReason;
import dev.navis.store.NameConflictException;
import dev.navis.store.StoredWorkflow;
import dev.navis.store.WorkflowQuery;
import dev.navis.store.WorkflowStore;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One decision for one CronWorkflow: brings its active workflows up to date, prunes its
 * history, asks {@link CronDecider} what to do now and does it. A fired workflow is stored
 * before the fire is recorded, and the fire recorded before the workflow runs, so a crash
 * between the steps neither loses a run nor starts one twice (the name of a scheduled workflow
 * is fixed by its time).
 */
final class CronScheduler {

  private static final Logger log = LoggerFactory.getLogger(CronScheduler.class);
  private static final Set<String> FINISHED = Set.of("Succeeded", "Failed", "Error");

  private final WorkflowStore store;
  private final CronWorkflows crons;
  private final Workloads workloads;

  CronScheduler(WorkflowStore store, Workloads workloads) {
    this.store = store;
    this.crons = new CronWorkflows(store.resources());
    this.workloads = workloads;
  }

  /**
   * Decides for {@code cron} at {@code now}; returns when to decide again, empty when nothing
   * lies ahead (no more scheduled times, an invalid spec, or stopped by its stopStrategy).
   */
  Optional<Instant> decide(CronWorkflow cron, Instant now) {
    String namespace = cron.metadata().namespace();
    String name = cron.metadata().name();
    CronStatus loaded = statusOf(cron, now);
    CronStatus status = refreshActive(cron, loaded);
    pruneHistory(cron);

    CronDecision decision = new CronDecider(new CronConditions(cron, status))
        .decide(cron.spec(), status.state(), now);
    switch (decision) {
      case CronDecision.Fire fire -> fire(cron, status, fire, now);
      case CronDecision.Skip skip -> {
        logSkip(cron, skip);
        crons.saveStatus(namespace, name, status.withState(status.state().settle(skip)));
      }
      case CronDecision.Wait ignored -> {
        if (!status.equals(loaded)) {
          crons.saveStatus(namespace, name, status);
        }
      }
      case CronDecision.Invalid invalid -> invalid(cron, status, invalid);
    }
    boolean stopped = status.state().stopped() || decision instanceof CronDecision.Skip skip
        && skip.reason() == SkipReason.STOPPED;
    return stopped ? Optional.empty() : decision.nextWakeUp().map(ZonedDateTime::toInstant);
  }

  private CronStatus statusOf(CronWorkflow cron, Instant now) {
    Instant created = cron.metadata().creationTimestamp() != null
        ? cron.metadata().creationTimestamp() : now;
    String schedules = schedulesOf(cron.spec());
    CronStatus status = crons.status(cron.metadata().namespace(), cron.metadata().name(),
        created).orElseGet(() -> CronStatus.fresh(created, schedules));
    if (status.schedules().equals(schedules)) {
      return status;
    }
    // A changed schedule starts afresh: what the old one missed is not run (as in Argo).
    CronState old = status.state();
    CronState restarted = new CronState(now, old.lastScheduledTime(), null, old.active(),
        old.stopped());
    return new CronStatus(restarted, schedules, status.succeeded(), status.failed(), null);
  }

  static String schedulesOf(CronWorkflowSpec spec) {
    return String.join(",", spec.allSchedules())
        + (spec.timezone() == null ? "" : " " + spec.timezone());
  }

  /** Active workflows with their phases now; finished ones leave, counted, deleted ones too. */
  private CronStatus refreshActive(CronWorkflow cron, CronStatus status) {
    List<ActiveWorkflow> stillActive = new ArrayList<>();
    long succeeded = 0;
    long failed = 0;
    for (ActiveWorkflow active : status.state().active()) {
      Optional<StoredWorkflow> stored = store.get(cron.metadata().namespace(), active.name());
      String phase = stored.map(StoredWorkflow::phase).orElse(null);
      if (stored.isEmpty()) {
        continue;
      }
      if (!FINISHED.contains(phase)) {
        stillActive.add(new ActiveWorkflow(active.name(), phase));
      } else if ("Succeeded".equals(phase)) {
        succeeded++;
      } else {
        failed++;
      }
    }
    return status.withState(status.state().withActive(stillActive)).counting(succeeded, failed);
  }

  private void pruneHistory(CronWorkflow cron) {
    String namespace = cron.metadata().namespace();
    String selector = CronWorkflowRuns.CRON_LABEL + "=" + cron.metadata().name();
    List<FinishedWorkflow> finished = store.list(new WorkflowQuery(namespace, FINISHED,
        selector, 0)).stream()
        .map(w -> new FinishedWorkflow(w.name(), w.phase(), w.finishedAt()))
        .toList();
    for (String name : HistoryPruning.workflowsToDelete(cron.spec(), finished)) {
      // TODO: the workflow's node folders stay on disk; the CLI's delete removes them.
      store.delete(namespace, name);
      log.atInfo().addKeyValue("cronWorkflow", cron.metadata().name())
          .addKeyValue("workflow", name).log("pruned from the CronWorkflow's history");
    }
  }

  private void fire(CronWorkflow cron, CronStatus status, CronDecision.Fire fire, Instant now) {
    String namespace = cron.metadata().namespace();
    for (String running : fire.workflowsToStop()) {
      store.get(namespace, running).ifPresent(stored -> workloads.terminate(stored.uid()));
    }

    Instant scheduled = fire.scheduledTime().toInstant();
    Workflow prepared = Submission.plain()
        .prepare(CronWorkflowRuns.scheduled(cron, scheduled), namespace, now);
    String name = prepared.metadata().name();
    Optional<String> uid = accept(prepared);

    List<ActiveWorkflow> active = new ArrayList<>(status.state().active());
    active.add(new ActiveWorkflow(name, "Pending"));
    CronState fired = status.state().settle(fire).withActive(active);
    crons.saveStatus(namespace, cron.metadata().name(), status.withState(fired)
        .withProblem(null));
    log.atInfo().addKeyValue("cronWorkflow", cron.metadata().name())
        .addKeyValue("workflow", name).addKeyValue("scheduledTime", scheduled)
        .addKeyValue("late", java.time.Duration.between(scheduled, now))
        .log("CronWorkflow fired");
    uid.ifPresent(workloads::run);
  }

  /**
   * Stores the workflow and returns its uid. When an earlier attempt stored it already (the
   * process died before recording the fire), that one stands, and is run if still unfinished.
   */
  private Optional<String> accept(Workflow prepared) {
    try {
      return Optional.of(workloads.accept(prepared));
    } catch (NameConflictException alreadyStored) {
      return store.get(prepared.metadata().namespace(), prepared.metadata().name())
          .filter(stored -> !FINISHED.contains(stored.phase()))
          .map(StoredWorkflow::uid);
    }
  }

  private static void logSkip(CronWorkflow cron, CronDecision.Skip skip) {
    log.atInfo().addKeyValue("cronWorkflow", cron.metadata().name())
        .addKeyValue("scheduledTime", skip.scheduledTime()).addKeyValue("reason", skip.reason())
        .log(skip.message());
  }

  private void invalid(CronWorkflow cron, CronStatus status, CronDecision.Invalid invalid) {
    if (!invalid.problem().equals(status.problem())) {
      log.atWarn().addKeyValue("cronWorkflow", cron.metadata().name())
          .log("CronWorkflow cannot be scheduled: " + invalid.problem());
    }
    crons.saveStatus(cron.metadata().namespace(), cron.metadata().name(),
        status.withProblem(invalid.problem()));
  }
}
