package dev.navis.executor.host;

import dev.navis.engine.spi.NodeExecutor;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.spi.NodeListener;
import dev.navis.engine.spi.NodeResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs nodes as processes on this host, each in its own folder
 * {@code <base>/<workflowUid>/<nodeId>/} (see {@link NodeFolder} for what it holds), with a
 * private {@code /tmp} when bubblewrap is available.
 *
 * <p>Images are hints: an {@link ImageTable} maps them to host programs. The argosay tool that
 * stands for Argo's test image is installed next to {@code base}, in {@code base/../tools/}.
 * Processes run on virtual threads and {@link Process#onExit()}; no platform thread waits for
 * a node.
 *
 * <p>Restarts: each process runs under a {@link Supervisor} that writes its output and exit
 * code to the node folder, so a node still running when the server dies (even by
 * {@code kill -9}) runs on, and {@link #recover} re-attaches it or collects its recorded end.
 * Only a node whose supervisor was killed too (say, with the server's process group) ends in
 * Error, with a message saying its exit code is lost.
 *
 * <p>Artifacts live in a {@link LocalArtifactRepository} next to {@code base}, in
 * {@code base/../artifacts/}; {@code NAVIS_ARCHIVE_LOGS=true} archives every node's main.log
 * unless its workflow or template says otherwise.
 *
 * <p>The variable {@code NAVIS_SANDBOX=off} turns the private /tmp off: bubblewrap costs
 * about a millisecond per process, which matters only for floods of tiny steps.
 * {@code NAVIS_SUPERVISOR=shell} runs nodes under the shell supervisor even where the native
 * one runs.
 */
public final class HostExecutor implements NodeExecutor {

  private static final Logger log = LoggerFactory.getLogger(HostExecutor.class);

  /** How long a stopped node's processes get between SIGTERM and SIGKILL. */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(2);

  private static final Executor VIRTUAL_THREADS =
      task -> Thread.ofVirtual().name("navis-node").start(task);

  private final Path base;
  private final NodeListener listener;
  private final NodeRun.Setup setup;
  private final LazySupervisor supervisor;
  private final Map<String, NodeRun> running = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * An executor whose image table is the built-in one plus the user's
   * {@code images.yaml} next to {@code base} (that is, in {@code $NAVIS_HOME}) when present.
   */
  public HostExecutor(Path base, NodeListener listener) {
    this(base, listener, imagesNextTo(base));
  }

  /** An executor with a private /tmp per node when bubblewrap works here. */
  public HostExecutor(Path base, NodeListener listener, ImageTable images) {
    this(base, listener, images, !"off".equals(System.getenv("NAVIS_SANDBOX")),
        DEFAULT_STOP_GRACE);
  }

  /**
   * @param sandbox false runs plain processes even when bubblewrap is installed
   * @param stopGrace time between SIGTERM and SIGKILL when a node is stopped
   */
  public HostExecutor(Path base, NodeListener listener, ImageTable images, boolean sandbox,
      Duration stopGrace) {
    this(base, listener, images, sandbox, "always".equals(System.getenv("NAVIS_SANDBOX")),
        stopGrace);
  }

  /**
   * @param sandbox false runs plain processes even when bubblewrap is installed
   * @param sandboxEveryNode true gives every node a private /tmp, false only the nodes whose
   *     template names /tmp (the default: bubblewrap doubles the cost of a start)
   * @param stopGrace time between SIGTERM and SIGKILL when a node is stopped
   */
  public HostExecutor(Path base, NodeListener listener, ImageTable images, boolean sandbox,
      boolean sandboxEveryNode, Duration stopGrace) {
    this(base, listener, images, sandbox, sandboxEveryNode, stopGrace,
        () -> "shell".equals(System.getenv("NAVIS_SUPERVISOR"))
            ? Supervisor.shell() : Supervisor.install(toolsNextTo(base)));
  }

  /**
   * @param supervisor asked for the supervisor when the first node starts: an executor that
   *     only reads logs installs and probes none
   */
  HostExecutor(Path base, NodeListener listener, ImageTable images, boolean sandbox,
      boolean sandboxEveryNode, Duration stopGrace, Supplier<Supervisor> supervisor) {
    this.base = base.toAbsolutePath();
    this.listener = listener;
    Path argosay = BundledTool.install(toolsNextTo(base), BundledTool.ARGOSAY);
    Sandbox chosen = sandbox ? Sandbox.detect(this.base.getParent()) : Sandbox.none();
    NodeArtifacts artifacts = new NodeArtifacts(
        new LocalArtifactRepository(this.base.resolveSibling("artifacts")),
        "true".equals(System.getenv("NAVIS_ARCHIVE_LOGS")));
    this.supervisor = new LazySupervisor(supervisor);
    this.setup = new NodeRun.Setup(images, argosay, this.supervisor::get, chosen,
        sandboxEveryNode, stopGrace, VIRTUAL_THREADS, artifacts);
  }

  /** The supervisor, made on first use. */
  private static final class LazySupervisor {

    private final Supplier<Supervisor> maker;
    private Supervisor made;

    LazySupervisor(Supplier<Supervisor> maker) {
      this.maker = maker;
    }

    synchronized Supervisor get() {
      if (made == null) {
        made = maker.get();
        log.atDebug().addKeyValue("supervisor", made.kind()).log("supervisor ready");
      }
      return made;
    }

    synchronized void closeIfMade() {
      if (made != null) {
        made.close();
      }
    }
  }

  private static Path toolsNextTo(Path base) {
    return base.toAbsolutePath().resolveSibling("tools");
  }

  /** "native" or "shell": which {@link Supervisor} runs the nodes. */
  String supervisorKind() {
    return supervisor.get().kind();
  }

  /** Whether nodes get a private /tmp (bubblewrap found and working). */
  public boolean sandboxed() {
    return setup.sandbox().enabled();
  }

  @Override
  public void start(NodeLaunch launch) {
    NodeRun run = watch(launch);
    VIRTUAL_THREADS.execute(run::start);
  }

  @Override
  public void stop(String workflowUid, String nodeId, String reason) {
    NodeRun run = running.get(key(workflowUid, nodeId));
    if (run != null) {
      log.atInfo().addKeyValue("workflow", workflowUid).addKeyValue("node", nodeId)
          .addKeyValue("reason", reason).log("stopping node");
      run.stop(reason);
    }
  }

  @Override
  public boolean recover(NodeLaunch launch) {
    if (running.containsKey(key(launch.workflowUid(), launch.nodeId()))) {
      return true;
    }
    NodeFolder folder = folderOf(launch.workflowUid(), launch.nodeId());
    Optional<NodeFolder.Status> status = folder.readStatus();
    if (status.isEmpty()) {
      return false;
    }
    NodeRun run = watch(launch);
    VIRTUAL_THREADS.execute(() -> run.recover(status.get()));
    return true;
  }

  @Override
  public Optional<Path> logFile(String workflowUid, String nodeId, String container) {
    Path file = folderOf(workflowUid, nodeId).log(container);
    // The supervisor creates the log at start; a container that printed nothing has none.
    try {
      return Files.size(file) > 0 ? Optional.of(file) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Stops reporting; processes go on, write their exit codes, and can be recovered. */
  @Override
  public void close() {
    closed = true;
    running.values().forEach(NodeRun::detach);
    running.clear();
    supervisor.closeIfMade();
  }

  private NodeRun watch(NodeLaunch launch) {
    String key = key(launch.workflowUid(), launch.nodeId());
    NodeRun run = new NodeRun(launch, folderOf(launch.workflowUid(), launch.nodeId()), setup);
    running.put(key, run);
    run.ended().whenComplete((result, failure) -> report(key, launch, result, failure));
    return run;
  }

  private void report(String key, NodeLaunch launch, NodeResult result, Throwable failure) {
    running.remove(key);
    if (closed) {
      return;
    }
    NodeResult reported = failure == null ? result : bugResult(launch, failure);
    log.atDebug().addKeyValue("workflow", launch.workflowUid())
        .addKeyValue("node", launch.nodeId()).addKeyValue("phase", reported.phase())
        .log("node ended");
    try {
      listener.nodeEnded(reported);
    } catch (RuntimeException e) {
      log.atError().addKeyValue("workflow", launch.workflowUid())
          .addKeyValue("node", launch.nodeId()).setCause(e).log("node listener failed");
    }
  }

  // A bug in this executor must still end the node, or the workflow would wait forever.
  private NodeResult bugResult(NodeLaunch launch, Throwable failure) {
    log.atError().addKeyValue("workflow", launch.workflowUid())
        .addKeyValue("node", launch.nodeId()).setCause(failure).log("host executor failed");
    Instant now = Instant.now();
    return new NodeResult(launch.workflowUid(), launch.nodeId(), "Error", null, null, Map.of(),
        "host executor failed: " + failure, now, now, List.of());
  }

  private static ImageTable imagesNextTo(Path base) {
    Path file = base.toAbsolutePath().resolveSibling("images.yaml");
    try {
      return ImageTable.load(file);
    } catch (IOException e) {
      log.atWarn().addKeyValue("file", file).addKeyValue("problem", e.getMessage())
          .log("image table unreadable; using the built-in rules only");
      return ImageTable.defaults();
    }
  }

  private NodeFolder folderOf(String workflowUid, String nodeId) {
    return new NodeFolder(base, workflowUid, nodeId);
  }

  private static String key(String workflowUid, String nodeId) {
    return workflowUid + '/' + nodeId;
  }
}
