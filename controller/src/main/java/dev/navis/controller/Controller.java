package dev.navis.controller;

import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Workflow;
import dev.navis.engine.Engine;
import dev.navis.engine.Occurrence;
import dev.navis.engine.Reconciliation;
import dev.navis.engine.WorkflowRun;
import dev.navis.engine.spi.NodeExecutor;
import dev.navis.engine.spi.NodeListener;
import dev.navis.engine.spi.NodeResult;
import dev.navis.store.StoredWorkflow;
import dev.navis.store.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workflow controller: accepts workflows into the store, runs the ones it claims through
 * the engine and an executor, and takes over unfinished ones no live process holds (after a
 * crash, or submitted by a process that did not wait). Several controllers (CLI processes, a
 * server) can share one store: a claim with a lease says who runs each workflow, and operations
 * asked by another process reach the owner through the store.
 */
public final class Controller implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Controller.class);
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final long REQUEST_POLL_MILLIS = 300;

  private final WorkflowStore store;
  private final NodeExecutor executor;
  private final Engine engine;
  private final Clock clock;
  private final String owner = UUID.randomUUID().toString();
  private final Map<String, WorkflowWorker> active = new ConcurrentHashMap<>();
  private final List<WorkflowWatcher> watchers = new CopyOnWriteArrayList<>();
  private final ExecutorService reconciler = Executors.newVirtualThreadPerTaskExecutor();
  private final ScheduledExecutorService timers =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
  // Store polls get their own thread: a busy store must not delay a workflow's deadlines.
  private final ScheduledExecutorService polls =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());

  /**
   * @param executorFactory builds the executor, given the listener it must report ends to
   */
  public Controller(WorkflowStore store, Function<NodeListener, NodeExecutor> executorFactory,
      Clock clock) {
    this.store = store;
    this.clock = clock;
    this.engine = new Engine(StorePorts.of(store));
    this.executor = executorFactory.apply(this::nodeEnded);
    polls.scheduleWithFixedDelay(this::renewClaims, 10, 10, TimeUnit.SECONDS);
    polls.scheduleWithFixedDelay(this::takeRequests, REQUEST_POLL_MILLIS, REQUEST_POLL_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  public WorkflowStore store() {
    return store;
  }

  public NodeExecutor executor() {
    return executor;
  }

  public void addWatcher(WorkflowWatcher watcher) {
    watchers.add(watcher);
  }

  /** Stores a prepared workflow (see {@link Submission#prepare}); durable when this returns. */
  public StoredWorkflow accept(Workflow workflow) {
    StoredWorkflow stored = Workflows.toStored(workflow);
    store.create(stored);
    return stored;
  }

  /** Runs a stored workflow in this process; the future ends with the final workflow. */
  public CompletableFuture<Workflow> run(String uid) {
    WorkflowWorker running = active.get(uid);
    if (running != null) {
      return running.completion();
    }
    if (!store.claim(uid, owner, clock.instant().plus(LEASE))) {
      return CompletableFuture.failedFuture(new IllegalStateException(
          "workflow " + uid + " is run by another Navis process"));
    }
    return startWorker(uid).completion();
  }

  /**
   * Claims and runs unfinished workflows that no live process holds; returns how many were
   * taken.
   */
  public int adoptUnclaimed(int limit) {
    int adopted = 0;
    for (String uid : store.unclaimed(clock.instant(), limit)) {
      if (!active.containsKey(uid) && store.claim(uid, owner, clock.instant().plus(LEASE))) {
        startWorker(uid);
        adopted++;
      }
    }
    return adopted;
  }

  /**
   * Resets a finished workflow's failed nodes (and, when asked, successful ones matching the
   * selector) so that running it again continues from there, as {@code argo retry} does.
   */
  public void retry(String uid, boolean restartSuccessful, String nodeFieldSelector) {
    if (!store.claim(uid, owner, clock.instant().plus(LEASE))) {
      throw new IllegalStateException("workflow " + uid + " is run by another Navis process");
    }
    try {
      StoredWorkflow stored = store.getByUid(uid).orElseThrow();
      WorkflowRun run = WorkflowRun.restore(stored.workflow(), store.nodes(uid));
      Reconciliation reset = engine.retry(run, restartSuccessful, nodeFieldSelector,
          clock.instant());
      store.commit(uid, reset.status(), reset.changedNodes(), reset.removedNodeIds());
    } finally {
      store.unclaim(uid, owner);
    }
  }

  /** Workflows this controller runs now. */
  public int activeCount() {
    return active.size();
  }

  /** Asks for an operation: done here when this process runs it, else through the store. */
  public void request(String uid, String kind, String argument) {
    WorkflowWorker worker = active.get(uid);
    if (worker != null) {
      worker.offer(ControlRequests.toOccurrence(kind, argument));
    } else {
      store.request(uid, kind, argument, clock.instant());
    }
  }

  /**
   * Synchronized and idempotent: {@link #run} and {@link #adoptUnclaimed} may both claim one
   * workflow (a claim renews for its owner), and it must get one worker only.
   */
  private synchronized WorkflowWorker startWorker(String uid) {
    WorkflowWorker running = active.get(uid);
    if (running != null) {
      return running;
    }
    StoredWorkflow stored = store.getByUid(uid).orElseThrow();
    List<NodeStatus> nodes = store.nodes(uid);
    WorkflowRun run = nodes.isEmpty()
        ? WorkflowRun.start(stored.workflow())
        : WorkflowRun.restore(stored.workflow(), nodes);
    WorkflowWorker worker = new WorkflowWorker(run, engine, store, executor, clock, reconciler,
        timers, watchers);
    active.put(uid, worker);
    worker.completion().whenComplete((workflow, failure) -> finished(uid));

    log.atInfo().addKeyValue("workflow", stored.name()).addKeyValue("namespace",
        stored.namespace()).addKeyValue("restored", !nodes.isEmpty()).log("running workflow");
    worker.offer(nodes.isEmpty() ? new Occurrence.Tick() : new Occurrence.Restored());
    return worker;
  }

  private void finished(String uid) {
    active.remove(uid);
    store.unclaim(uid, owner);
    // A finished workflow may have released a lock others wait for.
    active.values().forEach(worker -> worker.offer(new Occurrence.Tick()));
  }

  private void nodeEnded(NodeResult result) {
    WorkflowWorker worker = active.get(result.workflowUid());
    if (worker == null) {
      log.atWarn().addKeyValue("workflowUid", result.workflowUid())
          .addKeyValue("node", result.nodeId()).log("node ended for a workflow not run here");
      return;
    }
    worker.offer(new Occurrence.NodeEnded(result));
  }

  private void renewClaims() {
    Instant until = clock.instant().plus(LEASE);
    for (String uid : active.keySet()) {
      if (!store.claim(uid, owner, until)) {
        log.atWarn().addKeyValue("workflowUid", uid).log("lost the claim on a workflow");
      }
    }
  }

  private void takeRequests() {
    try {
      active.forEach((uid, worker) -> store.takeRequests(uid).forEach(request ->
          worker.offer(ControlRequests.toOccurrence(request.kind(), request.argument()))));
    } catch (RuntimeException e) {
      log.atWarn().setCause(e).log("could not read requests");
    }
  }

  /** Looks a workflow up by name, in a namespace. */
  public Optional<StoredWorkflow> find(String namespace, String name) {
    return store.get(namespace, name);
  }

  @Override
  public void close() {
    timers.shutdownNow();
    polls.shutdownNow();
    executor.close();
    reconciler.shutdown();
    active.keySet().forEach(uid -> store.unclaim(uid, owner));
  }
}
