package dev.navis.engine.spi;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs the leaf nodes of a workflow (container, script and containerSet templates) somewhere:
 * host processes, or pods.
 *
 * <p>The contract every executor keeps:
 *
 * <ul>
 *   <li>{@link #start} returns at once; the end of the node is reported exactly once to the
 *       {@link NodeListener} given at construction, from any thread, including when the node
 *       could not start at all (phase {@code Error} with a message).
 *   <li>{@link #stop} kills everything the node started; the end is still reported, with the
 *       given reason as its message.
 *   <li>What a node leaves behind (exit code, outputs, logs) survives the executor's process, so
 *       {@link #recover} after a restart can report a node that ended while nobody watched, or
 *       re-attach to one still running.
 *   <li>Executors never throw for a user's mistake (a missing command, an unreadable output):
 *       that is a node in {@code Error} with a message that says what was wrong.
 * </ul>
 */
public interface NodeExecutor extends AutoCloseable {

  /** Starts the node. */
  void start(NodeLaunch launch);

  /** Stops the node and all it started; {@code reason} becomes the node's message. */
  void stop(String workflowUid, String nodeId, String reason);

  /**
   * After a restart: re-attaches to a node started by an earlier process. Its end is reported
   * to the listener as usual; returns false when nothing is known of the node, so the engine
   * must decide (mark it Error and let its retry policy run it again).
   */
  boolean recover(NodeLaunch launch);

  /** The log file of one container of a node ({@code main} for the only one), if any. */
  Optional<Path> logFile(String workflowUid, String nodeId, String container);

  /** Stops watching; running nodes go on and can be recovered later. */
  @Override
  void close();
}
