package dev.navis.cli;

import dev.navis.api.model.NodeStatus;
import dev.navis.engine.spi.NodeExecutor;
import dev.navis.store.StoredWorkflow;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code navis logs}: the output of a workflow's nodes, each line prefixed with its pod name;
 * with {@code -f}, followed until the workflow ends.
 */
@Command(name = "logs", description = "Print the logs of a workflow or of one of its nodes.")
final class LogsCommand implements Callable<Integer> {

  private static final long FOLLOW_POLL_MILLIS = 200;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Workflow name, or @latest")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "NODE",
      description = "Pod name, node name, display name or node id")
  String node;

  @Option(names = {"-f", "--follow"}, description = "Keep printing until the workflow ends")
  boolean follow;

  @Option(names = {"-n", "--namespace"}, description = "Namespace (default: default)")
  String namespace;

  @Option(names = {"-c", "--container"}, description = "Container of a containerSet")
  String container = "main";

  private final Map<String, Long> printed = new HashMap<>();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (Session session = new Session()) {
      StoredWorkflow stored = Lookup.workflow(session, namespace, name);
      NodeExecutor logs = session.reader();
      boolean ended;
      do {
        StoredWorkflow current = session.store().getByUid(stored.uid()).orElse(stored);
        ended = Lookup.finished(current);
        printNew(logs, current, session.store().nodes(stored.uid()), out);
        if (follow && !ended) {
          Thread.sleep(FOLLOW_POLL_MILLIS);
        }
      } while (follow && !ended);
      return 0;
    }
  }

  private void printNew(NodeExecutor logs, StoredWorkflow workflow, List<NodeStatus> nodes,
      PrintWriter out) throws IOException {
    List<NodeStatus> chosen = nodes.stream()
        .filter(candidate -> "Pod".equals(candidate.type()))
        .filter(candidate -> node == null || matches(workflow.name(), candidate))
        .sorted(Comparator.comparing(NodeStatus::startedAt,
            Comparator.nullsLast(Comparator.<Instant>naturalOrder())))
        .toList();
    if (node != null && chosen.isEmpty() && printed.isEmpty()) {
      throw new UserException("node \"" + node + "\" not found in workflow " + workflow.name());
    }
    for (NodeStatus pod : chosen) {
      Path file = logs.logFile(workflow.uid(), pod.id(), container).orElse(null);
      if (file != null && Files.exists(file)) {
        printFrom(file, pod, node == null ? PodNames.of(workflow.name(), pod) : null, out);
      }
    }
    out.flush();
  }

  private boolean matches(String workflowName, NodeStatus candidate) {
    return node.equals(candidate.id()) || node.equals(candidate.name())
        || node.equals(candidate.displayName())
        || node.equals(PodNames.of(workflowName, candidate));
  }

  /** Prints what was appended since the last look: whole lines, or all once the node ended. */
  private void printFrom(Path file, NodeStatus pod, String prefix, PrintWriter out)
      throws IOException {
    long offset = printed.getOrDefault(pod.id(), 0L);
    try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
      if (reader.length() <= offset) {
        return;
      }
      byte[] bytes = new byte[(int) (reader.length() - offset)];
      reader.seek(offset);
      reader.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      int end = pod.finishedAt() != null ? text.length() : text.lastIndexOf('\n') + 1;
      String complete = text.substring(0, end);
      if (!complete.isEmpty()) {
        complete.lines().forEach(line -> out.println(prefix != null ? prefix + ": " + line
            : line));
      }
      printed.put(pod.id(), offset + complete.getBytes(StandardCharsets.UTF_8).length);
    }
  }
}
