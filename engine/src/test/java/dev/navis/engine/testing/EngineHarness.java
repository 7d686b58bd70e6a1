package dev.navis.engine.testing;

import dev.navis.api.Codec;
import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.ObjectMeta;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowStatus;
import dev.navis.engine.Action;
import dev.navis.engine.Engine;
import dev.navis.engine.Occurrence;
import dev.navis.engine.PhaseChange;
import dev.navis.engine.Reconciliation;
import dev.navis.engine.WorkflowRun;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.spi.NodeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Drives an {@link Engine} the way the controller does, with a {@link FakeExecutor} and a fake
 * clock: reconcile, store what changed, act, advance the clock to the next node end or wake-up.
 * Tests read: given this YAML, run, assert phases and the order of phase changes.
 */
public final class EngineHarness {

  /** The time every harness starts at. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private record Ending(Instant at, long sequence, NodeResult result) {}

  private InMemoryPorts ports = new InMemoryPorts();
  private Engine engine;
  private final PriorityQueue<Ending> endings = new PriorityQueue<>(
      Comparator.comparing(Ending::at).thenComparingLong(Ending::sequence));
  private final Map<String, NodeLaunch> hanging = new HashMap<>();
  private final Map<String, Instant> startedAt = new HashMap<>();
  private final Map<String, NodeStatus> stored = new LinkedHashMap<>();
  private final List<PhaseChange> phaseChanges = new ArrayList<>();
  private final List<Action> actions = new ArrayList<>();
  private final List<Reconciliation> reconciliations = new ArrayList<>();
  private FakeExecutor executor = new FakeExecutor();
  private Workflow workflow;
  private WorkflowRun run;
  private WorkflowStatus status;
  private Instant now = START;
  private Instant wakeAt;
  private boolean restoreEachStep;
  private int maxSteps = 100_000;
  private long sequence;

  private EngineHarness(Workflow workflow) {
    this.workflow = workflow;
  }

  /** A harness for the workflow in {@code yaml}; a generateName gets a fixed suffix. */
  public static EngineHarness of(String yaml) {
    try {
      Workflow parsed = Codec.yaml().readValue(yaml, Workflow.class);
      return new EngineHarness(named(parsed));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EngineHarness of(Path file) {
    try {
      return of(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Workflow named(Workflow workflow) {
    ObjectMeta meta = workflow.metadata() == null ? ObjectMeta.named(null) : workflow.metadata();
    String name = meta.name() != null ? meta.name()
        : (meta.generateName() == null ? "wf-" : meta.generateName()) + "test1";
    ObjectMeta named = new ObjectMeta(name, meta.generateName(),
        meta.namespace() == null ? "argo" : meta.namespace(), "uid-" + name, meta.labels(),
        meta.annotations(), START, null, null, null, null, null);
    return workflow.withMetadata(named);
  }

  public EngineHarness executor(FakeExecutor fake) {
    this.executor = fake;
    return this;
  }

  public FakeExecutor executor() {
    return executor;
  }

  public InMemoryPorts ports() {
    return ports;
  }

  /** Shares locks, memo cache and templates with other harnesses (other workflows). */
  public EngineHarness ports(InMemoryPorts shared) {
    this.ports = shared;
    this.engine = null;
    return this;
  }

  private Engine engine() {
    if (engine == null) {
      engine = new Engine(ports.ports());
    }
    return engine;
  }

  /** Rebuilds the run from the stored rows before every reconcile, as after a restart. */
  public EngineHarness restoreEachStep() {
    this.restoreEachStep = true;
    return this;
  }

  public EngineHarness maxSteps(int steps) {
    this.maxSteps = steps;
    return this;
  }

  public Workflow workflow() {
    return workflow;
  }

  public WorkflowRun run() {
    if (run == null) {
      run = WorkflowRun.start(workflow);
    }
    return run;
  }

  public Instant now() {
    return now;
  }

  /** One reconcile with the given occurrences at the current time; acts on its actions. */
  public Reconciliation reconcile(Occurrence... happened) {
    WorkflowRun current = restoreEachStep && status != null ? restored() : run();
    run = current;
    Reconciliation step = engine().reconcile(current, List.of(happened), now);
    record(step);
    return step;
  }

  private WorkflowRun restored() {
    WorkflowStatus withoutNodes = new WorkflowStatus(status.phase(), status.startedAt(),
        status.finishedAt(), status.progress(), status.message(), null, status.outputs(),
        status.globalParameters(), null, null, null);
    Workflow saved = run.toWorkflow().withStatus(withoutNodes);
    return WorkflowRun.restore(saved, new ArrayList<>(stored.values()));
  }

  /** Retries the run as Argo's {@code retry} does, then stores the result. */
  public Reconciliation retry(boolean restartSuccessful, String selector) {
    run = restoreEachStep && status != null ? restored() : run();
    Reconciliation step = engine().retry(run, restartSuccessful, selector, now);
    record(step);
    return step;
  }

  private void record(Reconciliation step) {
    reconciliations.add(step);
    status = step.status();
    step.removedNodeIds().forEach(stored::remove);
    step.changedNodes().forEach(node -> stored.put(node.id(), node));
    phaseChanges.addAll(step.phaseChanges());
    actions.addAll(step.actions());
    wakeAt = step.wakeAt();
    step.actions().forEach(this::act);
  }

  private void act(Action action) {
    switch (action) {
      case Action.StartNode start -> start(start.launch());
      case Action.StopNode stop -> stop(stop.nodeId(), stop.reason());
      case Action.RecoverNode recover -> { }
      case Action.SaveMemo save -> ports.saveMemo(save.cacheName(), save.key(), save.outputs(),
          now);
    }
  }

  private void start(NodeLaunch launch) {
    Outcome outcome = executor.start(launch);
    startedAt.put(launch.nodeId(), now);
    if (outcome.runFor() == null) {
      hanging.put(launch.nodeId(), launch);
      return;
    }
    Instant end = now.plus(outcome.runFor());
    endings.add(new Ending(end, sequence++,
        FakeExecutor.result(launch, outcome, now, end, run.uid())));
  }

  private void stop(String nodeId, String reason) {
    hanging.remove(nodeId);
    endings.removeIf(ending -> ending.result().nodeId().equals(nodeId));
    Instant started = startedAt.getOrDefault(nodeId, now);
    NodeResult killed = new NodeResult(run.uid(), nodeId, "Failed", 143, null, Map.of(), reason,
        started, now, List.of());
    endings.add(new Ending(now, sequence++, killed));
  }

  /** Runs until the workflow completes or nothing more can happen; returns the final phase. */
  public String runToCompletion() {
    if (reconciliations.isEmpty()) {
      reconcile();
    }
    for (int steps = 0; steps < maxSteps && !completed(); steps++) {
      Instant next = nextTime();
      if (next == null) {
        break;
      }
      if (next.isAfter(now)) {
        now = next;
      }
      reconcile(dueEndings());
    }
    return phase();
  }

  /** Advances the clock by {@code duration}, delivering node ends and wake-ups on the way. */
  public void advance(java.time.Duration duration) {
    Instant until = now.plus(duration);
    while (true) {
      Instant next = nextTime();
      if (next == null || next.isAfter(until)) {
        break;
      }
      now = next.isAfter(now) ? next : now;
      reconcile(dueEndings());
    }
    now = until;
  }

  private Instant nextTime() {
    Instant next = endings.isEmpty() ? null : endings.peek().at();
    if (wakeAt != null && (next == null || wakeAt.isBefore(next))) {
      next = wakeAt;
    }
    return next;
  }

  private Occurrence[] dueEndings() {
    List<Occurrence> due = new ArrayList<>();
    while (!endings.isEmpty() && !endings.peek().at().isAfter(now)) {
      due.add(new Occurrence.NodeEnded(endings.poll().result()));
    }
    if (due.isEmpty()) {
      due.add(new Occurrence.Tick());
    }
    return due.toArray(Occurrence[]::new);
  }

  public boolean completed() {
    return status != null && reconciliations.get(reconciliations.size() - 1).completed();
  }

  public String phase() {
    return status == null ? null : status.phase();
  }

  public WorkflowStatus status() {
    return status;
  }

  /** The nodes as the controller would have stored them from changedNodes alone. */
  public Map<String, NodeStatus> storedNodes() {
    return stored;
  }

  public List<PhaseChange> phaseChanges() {
    return phaseChanges;
  }

  public List<Action> actions() {
    return actions;
  }

  public List<Reconciliation> reconciliations() {
    return reconciliations;
  }

  /** The stored node with this full name, or null. */
  public NodeStatus node(String nodeName) {
    for (NodeStatus node : stored.values()) {
      if (nodeName.equals(node.name())) {
        return node;
      }
    }
    return null;
  }

  /** The phase of the stored node with this full name, or null. */
  public String phaseOf(String nodeName) {
    NodeStatus node = node(nodeName);
    return node == null ? null : node.phase();
  }

  /** The position of the first change of node {@code nodeName} to {@code phase}; -1 if none. */
  public int indexOf(String nodeName, String phase) {
    for (int i = 0; i < phaseChanges.size(); i++) {
      PhaseChange change = phaseChanges.get(i);
      if (nodeName.equals(change.nodeName()) && phase.equals(change.to())) {
        return i;
      }
    }
    return -1;
  }

  /** Node names in the order they were started by the executor. */
  public List<String> startOrder() {
    return executor.launches().stream().map(NodeLaunch::nodeName).toList();
  }
}
