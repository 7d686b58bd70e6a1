package dev.navis.executor.host;

import dev.navis.api.model.Outputs;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Template;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.spi.NodeResult;
import dev.navis.engine.spi.NodeResult.ContainerResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One node on the host: its containers, started in the order of their dependencies (all at
 * once where independent), and the {@link NodeResult} made of their ends.
 */
final class NodeRun {

  /** What every node of one executor shares. */
  record Setup(ImageTable images, Path argosay, Supplier<Supervisor> supervisor,
      Sandbox sandbox, boolean sandboxEveryNode, Duration stopGrace, Executor threads,
      NodeArtifacts artifacts) {}

  private final NodeLaunch launch;
  private final NodeFolder folder;
  private final Setup setup;
  private final Map<String, ContainerRun> containers = new LinkedHashMap<>();
  private final List<String> notes = new CopyOnWriteArrayList<>();
  private final CompletableFuture<NodeResult> ended = new CompletableFuture<>();
  private final List<String> duplicateNames = new ArrayList<>();
  private volatile boolean sandboxed;
  private volatile String stopReason;
  private volatile boolean detached;

  NodeRun(NodeLaunch launch, NodeFolder folder, Setup setup) {
    this.launch = launch;
    this.folder = folder;
    this.setup = setup;
    for (ContainerSpec spec : specsOf(launch.template())) {
      ContainerRun run = new ContainerRun(spec, folder, setup.threads());
      if (containers.putIfAbsent(spec.name(), run) != null) {
        duplicateNames.add(spec.name());
      }
    }
  }

  /** Completes once with the node's result, whichever way it ended. */
  CompletableFuture<NodeResult> ended() {
    return ended;
  }

  /** Starts the containers; what cannot start ends the node in Error. */
  void start() {
    Optional<String> problem = checkContainers();
    if (problem.isPresent()) {
      endWithoutRunning(problem.get());
      return;
    }
    try {
      folder.create(List.copyOf(containers.keySet()));
    } catch (RuntimeException e) {
      endWithoutRunning("cannot prepare the node's folder: " + e.getMessage());
      return;
    }
    sandboxed = setup.sandbox().forNode(launch.template(), setup.sandboxEveryNode()).enabled();
    Optional<String> unplaced = setup.artifacts().placeInputs(launch, folder, sandboxed);
    if (unplaced.isPresent()) {
      endWithoutRunning(unplaced.get());
      return;
    }
    scheduleContainers(this::launchContainer);
  }

  /**
   * Picks up a node from what an earlier server left in its folder: containers that ended are
   * read back, running ones watched, and ones that never started are started now.
   */
  void recover(NodeFolder.Status status) {
    Optional<String> problem = checkContainers();
    if (problem.isPresent()) {
      endWithoutRunning(problem.get());
      return;
    }
    sandboxed = status.sandboxed();
    Map<String, NodeFolder.ProcessEntry> started = new HashMap<>();
    status.processes().forEach(entry -> started.put(entry.container(), entry));
    scheduleContainers(container -> {
      NodeFolder.ProcessEntry entry = started.get(container.name());
      if (entry == null) {
        launchContainer(container);
      } else {
        reattach(container, entry);
      }
    });
  }

  /**
   * Stops starting containers: the processes running go on and record their ends, and the
   * containers still waiting are left to whoever recovers the node, so none runs twice.
   */
  void detach() {
    detached = true;
  }

  /** Kills every process of the node; the node ends Failed with {@code reason}. */
  void stop(String reason) {
    if (stopReason == null) {
      stopReason = reason;
    }
    for (ContainerRun container : containers.values()) {
      Thread.ofVirtual().name("navis-stop-" + container.name())
          .start(() -> container.kill(setup.stopGrace()));
    }
  }

  private void scheduleContainers(Consumer<ContainerRun> begin) {
    CompletableFuture<?>[] all = containers.values().stream().map(ContainerRun::end)
        .toArray(CompletableFuture[]::new);
    // Whichever thread ends the last container builds the result: no hop to another thread.
    CompletableFuture.allOf(all).thenRun(this::complete);
    if (containers.size() == 1) {
      // This thread is free to start the only container itself.
      beginUnlessBlocked(containers.values().iterator().next(), begin);
      return;
    }
    for (ContainerRun container : containers.values()) {
      CompletableFuture<?>[] before = container.spec().dependencies().stream()
          .map(name -> containers.get(name).end())
          .toArray(CompletableFuture[]::new);
      CompletableFuture.allOf(before)
          .thenRunAsync(() -> beginUnlessBlocked(container, begin), setup.threads());
    }
  }

  private void beginUnlessBlocked(ContainerRun container, Consumer<ContainerRun> begin) {
    if (detached) {
      return;
    }
    try {
      Optional<String> blocker = blocker(container);
      if (blocker.isPresent()) {
        container.endWithoutRunning("Omitted", blocker.get());
      } else {
        begin.accept(container);
      }
    } catch (RuntimeException e) {
      // A broken node folder must still end the node, or the engine would wait forever.
      container.endWithoutRunning("Error", "cannot run container \"" + container.name()
          + "\": " + e.getMessage());
    }
  }

  private void complete() {
    try {
      ended.complete(setup.artifacts().storeOutputs(launch, folder, sandboxed, result()));
    } catch (RuntimeException e) {
      ended.completeExceptionally(e);
    }
  }

  private Optional<String> blocker(ContainerRun container) {
    if (stopReason != null) {
      return Optional.of(stopReason);
    }
    for (String dependency : container.spec().dependencies()) {
      ContainerRun.End end = containers.get(dependency).end().join();
      if (!end.phase().equals("Succeeded")) {
        return Optional.of("dependency \"" + dependency + "\" did not succeed");
      }
    }
    return Optional.empty();
  }

  private void launchContainer(ContainerRun container) {
    ProcessPlan plan = ProcessPlan.of(container.spec(), launch, folder, setup.images(),
        setup.argosay(), sandboxed ? setup.sandbox() : Sandbox.none());
    notes.addAll(plan.notes());
    if (plan.error() != null) {
      container.endWithoutRunning("Error", plan.error());
      return;
    }
    container.spawn(plan, setup.supervisor().get(), sandboxed);
    writeStatus();
    if (stopReason != null) {
      container.kill(setup.stopGrace());
    }
  }

  private void reattach(ContainerRun container, NodeFolder.ProcessEntry entry) {
    Instant startedAt = Instant.parse(entry.startedAt());
    // A live supervisor may still be draining output after recording the exit code.
    Optional<ProcessHandle> alive = ProcessHandle.of(entry.pid())
        .filter(process -> startMillis(process) == entry.pidStartMillis());
    if (alive.isPresent()) {
      container.attach(alive.get(), startedAt, sandboxed);
      return;
    }
    Optional<NodeFolder.RecordedExit> recorded = folder.readExitCode(container.name());
    if (recorded.isPresent()) {
      container.endRecorded(recorded.get(), startedAt);
    } else {
      container.endWithoutRunning("Error", "the process of container \"" + container.name()
          + "\" ended while no server watched it; its exit code is lost");
    }
  }

  private synchronized void writeStatus() {
    List<NodeFolder.ProcessEntry> processes = new ArrayList<>();
    for (ContainerRun container : containers.values()) {
      if (container.pid() > 0) {
        processes.add(new NodeFolder.ProcessEntry(container.name(), container.pid(),
            container.pidStartMillis(), container.startedAt().toString()));
      }
    }
    folder.writeStatus(new NodeFolder.Status(launch.workflowUid(), launch.nodeId(), sandboxed,
        processes));
  }

  static long startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
  }

  private void endWithoutRunning(String message) {
    containers.values().forEach(container -> container.endWithoutRunning("Error", message));
    Instant now = Instant.now();
    ended.complete(new NodeResult(launch.workflowUid(), launch.nodeId(), "Error", null, null,
        Map.of(), message, now, now, List.of()));
  }

  private Optional<String> checkContainers() {
    if (containers.isEmpty()) {
      String name = launch.template() == null ? null : launch.template().name();
      return Optional.of("template \"" + name + "\" of node \"" + launch.nodeName()
          + "\" has no container, script or containerSet to run on a host");
    }
    if (!duplicateNames.isEmpty()) {
      return Optional.of("container names must be unique in a containerSet; found \""
          + duplicateNames.getFirst() + "\" twice");
    }
    for (ContainerRun container : containers.values()) {
      for (String dependency : container.spec().dependencies()) {
        if (!containers.containsKey(dependency)) {
          return Optional.of("container \"" + container.name() + "\" depends on \""
              + dependency + "\", which is not in the containerSet");
        }
      }
    }
    return findCycle().map(name -> "the dependencies of container \"" + name
        + "\" form a cycle");
  }

  private Optional<String> findCycle() {
    Map<String, Integer> state = new HashMap<>();
    for (String name : containers.keySet()) {
      if (reachesCycle(name, state)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  // state: 1 = on the current path, 2 = known to be acyclic.
  private boolean reachesCycle(String name, Map<String, Integer> state) {
    Integer seen = state.get(name);
    if (seen != null) {
      return seen == 1;
    }
    state.put(name, 1);
    for (String dependency : containers.get(name).spec().dependencies()) {
      if (reachesCycle(dependency, state)) {
        return true;
      }
    }
    state.put(name, 2);
    return false;
  }

  private NodeResult result() {
    Map<String, ContainerRun.End> ends = new LinkedHashMap<>();
    containers.forEach((name, container) -> ends.put(name, container.end().join()));
    Map.Entry<String, ContainerRun.End> decisive = decisiveEnd(ends);
    ContainerRun.End end = decisive.getValue();

    String phase = end.phase().equals("Omitted") ? "Failed" : end.phase();
    String message = messageOf(decisive.getKey(), end);
    if (stopReason != null) {
      phase = "Failed";
      message = stopReason;
    }
    ContainerRun main = containers.get(ContainerSpec.MAIN);
    String result = main == null || ends.get(ContainerSpec.MAIN).exitCode() == null
        ? null : folder.readResult(ContainerSpec.MAIN);
    return new NodeResult(launch.workflowUid(), launch.nodeId(), phase, end.exitCode(), result,
        readParameters(), withNotes(phase, message), startOf(ends), finishOf(ends),
        containerResults(ends));
  }

  // The container whose end decides the node: the first that failed in error, else the first
  // that failed, else main, else the last.
  private Map.Entry<String, ContainerRun.End> decisiveEnd(Map<String, ContainerRun.End> ends) {
    for (String phase : List.of("Error", "Failed", "Omitted")) {
      for (Map.Entry<String, ContainerRun.End> entry : ends.entrySet()) {
        if (entry.getValue().phase().equals(phase)) {
          return entry;
        }
      }
    }
    if (ends.containsKey(ContainerSpec.MAIN)) {
      return Map.entry(ContainerSpec.MAIN, ends.get(ContainerSpec.MAIN));
    }
    return List.copyOf(ends.entrySet()).getLast();
  }

  private String messageOf(String container, ContainerRun.End end) {
    if (end.message() == null || containers.size() == 1) {
      return end.message();
    }
    return "container \"" + container + "\": " + end.message();
  }

  private String withNotes(String phase, String message) {
    if (phase.equals("Succeeded") || notes.isEmpty()) {
      return message;
    }
    return message + " (" + String.join("; ", notes) + ")";
  }

  private List<ContainerResult> containerResults(Map<String, ContainerRun.End> ends) {
    if (launch.template() == null || launch.template().type() != Template.Type.CONTAINER_SET) {
      return List.of();
    }
    List<ContainerResult> results = new ArrayList<>();
    ends.forEach((name, end) -> results.add(new ContainerResult(name, end.phase(),
        end.exitCode(), end.message(), end.startedAt(), end.finishedAt())));
    return results;
  }

  /** Output parameters read from their files; a missing or unreadable file is left out. */
  private Map<String, String> readParameters() {
    Outputs outputs = launch.template() == null ? null : launch.template().outputs();
    if (outputs == null || outputs.parameters() == null) {
      return Map.of();
    }
    Map<String, String> values = new HashMap<>();
    Path cwd = folder.work();
    for (Parameter parameter : outputs.parameters()) {
      if (parameter.valueFrom() == null || parameter.valueFrom().path() == null) {
        continue;
      }
      Path file = Sandbox.hostPath(parameter.valueFrom().path(), sandboxed, folder, cwd);
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        // Argo trims one trailing newline so that `echo value > file` reads as "value".
        values.put(parameter.name(), text.endsWith("\n")
            ? text.substring(0, text.length() - 1) : text);
      } catch (IOException e) {
        // Missing: the engine applies the parameter's default or fails the node.
      }
    }
    return values;
  }

  private static Instant startOf(Map<String, ContainerRun.End> ends) {
    return ends.values().stream().map(ContainerRun.End::startedAt).filter(Objects::nonNull)
        .min(Comparator.naturalOrder()).orElse(Instant.now());
  }

  private static Instant finishOf(Map<String, ContainerRun.End> ends) {
    return ends.values().stream().map(ContainerRun.End::finishedAt).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).orElse(Instant.now());
  }

  private static List<ContainerSpec> specsOf(Template template) {
    if (template == null) {
      return List.of();
    }
    return switch (template.type()) {
      case CONTAINER -> List.of(ContainerSpec.ofMain(template.container()));
      case SCRIPT -> List.of(ContainerSpec.of(template.script()));
      case CONTAINER_SET -> {
        List<ContainerSpec> specs = new ArrayList<>();
        var members = template.containerSet().containers();
        for (int i = 0; members != null && i < members.size(); i++) {
          specs.add(ContainerSpec.ofSetMember(members.get(i), i));
        }
        yield specs;
      }
      default -> List.of();
    };
  }
}
