package dev.navis.server;

import dev.navis.api.model.NodeStatus;
import dev.navis.engine.spi.NodeExecutor;
import dev.navis.store.StoredWorkflow;
import dev.navis.store.WorkflowStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the logs of a workflow's pod nodes a piece at a time, remembering how far each was
 * read, so a follower sees every line once: whole lines while a node runs, the rest when it
 * ends.
 */
public final class WorkflowLogs {

  /** One line of one pod's log. */
  public record Line(String podName, String content) {}

  /** Where lines go; may fail when the reader went away. */
  @FunctionalInterface
  public interface Sink {
    void accept(Line line) throws IOException;
  }

  private static final long FOLLOW_POLL_MILLIS = 200;

  private final WorkflowStore store;
  private final NodeExecutor executor;
  private final String node;
  private final String container;
  private final Map<String, Long> printed = new HashMap<>();

  /**
   * @param node a pod name, node name, display name or node id; null for every pod
   * @param container the container of a containerSet, {@code main} otherwise
   */
  public WorkflowLogs(WorkflowStore store, NodeExecutor executor, String node,
      String container) {
    this.store = store;
    this.executor = executor;
    this.node = node;
    this.container = container != null ? container : "main";
  }

  /** Whether the workflow has a pod {@code node} names (always, when it names none). */
  public boolean finds(StoredWorkflow workflow) {
    return node == null || !pods(workflow).isEmpty();
  }

  /**
   * Sends the lines of the chosen pods; with {@code follow}, keeps sending what they append
   * until the workflow ends or is deleted.
   */
  public void stream(StoredWorkflow workflow, boolean follow, Sink sink)
      throws IOException, InterruptedException {
    while (true) {
      Optional<StoredWorkflow> current = store.getByUid(workflow.uid());
      if (current.isEmpty()) {
        return;
      }
      boolean ended = WorkflowOperations.finished(current.get());
      readNew(current.get(), sink);
      if (!follow || ended) {
        return;
      }
      Thread.sleep(FOLLOW_POLL_MILLIS);
    }
  }

  private List<NodeStatus> pods(StoredWorkflow workflow) {
    return store.nodes(workflow.uid()).stream()
        .filter(candidate -> "Pod".equals(candidate.type()))
        .filter(candidate -> node == null || matches(workflow.name(), candidate))
        .sorted(Comparator.comparing(NodeStatus::startedAt,
            Comparator.nullsLast(Comparator.<Instant>naturalOrder())))
        .toList();
  }

  private void readNew(StoredWorkflow workflow, Sink sink) throws IOException {
    for (NodeStatus pod : pods(workflow)) {
      Path file = executor.logFile(workflow.uid(), pod.id(), container).orElse(null);
      if (file != null && Files.exists(file)) {
        readFrom(file, pod, PodNames.of(workflow.name(), pod), sink);
      }
    }
  }

  private boolean matches(String workflowName, NodeStatus candidate) {
    return node.equals(candidate.id()) || node.equals(candidate.name())
        || node.equals(candidate.displayName())
        || node.equals(PodNames.of(workflowName, candidate));
  }

  private void readFrom(Path file, NodeStatus pod, String podName, Sink sink)
      throws IOException {
    long offset = printed.getOrDefault(pod.id(), 0L);
    String complete;
    try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
      if (reader.length() <= offset) {
        return;
      }
      byte[] bytes = new byte[(int) (reader.length() - offset)];
      reader.seek(offset);
      reader.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      int end = pod.finishedAt() != null ? text.length() : text.lastIndexOf('\n') + 1;
      complete = text.substring(0, end);
    }
    printed.put(pod.id(), offset + complete.getBytes(StandardCharsets.UTF_8).length);
    for (String line : complete.lines().toList()) {
      sink.accept(new Line(podName, line));
    }
  }
}
