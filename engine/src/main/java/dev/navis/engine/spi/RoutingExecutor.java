package dev.navis.engine.spi;

import dev.navis.api.model.Template;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One executor made of several: a node goes to the executor registered for its template's type
 * (http to an http executor, say), every other node to the default one.
 *
 * <p>It keeps no state of its own: {@link #stop} and {@link #logFile} ask every executor in turn,
 * since each ignores the nodes it does not run, and {@link #recover} goes by the template like
 * {@link #start}. Closing it closes them all.
 */
public final class RoutingExecutor implements NodeExecutor {

  private final NodeExecutor fallback;
  private final Map<Template.Type, NodeExecutor> byType;

  /**
   * @param fallback runs every node whose template type has no executor in {@code byType}
   * @param byType executors by template type
   */
  public RoutingExecutor(NodeExecutor fallback, Map<Template.Type, NodeExecutor> byType) {
    this.fallback = fallback;
    this.byType = byType.isEmpty() ? Map.of() : new EnumMap<>(byType);
  }

  @Override
  public void start(NodeLaunch launch) {
    executorFor(launch).start(launch);
  }

  @Override
  public void stop(String workflowUid, String nodeId, String reason) {
    executors().forEach(executor -> executor.stop(workflowUid, nodeId, reason));
  }

  @Override
  public boolean recover(NodeLaunch launch) {
    return executorFor(launch).recover(launch);
  }

  @Override
  public Optional<Path> logFile(String workflowUid, String nodeId, String container) {
    for (NodeExecutor executor : executors()) {
      Optional<Path> file = executor.logFile(workflowUid, nodeId, container);
      if (file.isPresent()) {
        return file;
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    executors().forEach(NodeExecutor::close);
  }

  private NodeExecutor executorFor(NodeLaunch launch) {
    Template template = launch.template();
    NodeExecutor chosen = template == null ? null : byType.get(template.type());
    return chosen == null ? fallback : chosen;
  }

  private List<NodeExecutor> executors() {
    List<NodeExecutor> all = new ArrayList<>();
    all.add(fallback);
    byType.values().stream().filter(executor -> !all.contains(executor)).forEach(all::add);
    return all;
  }
}
