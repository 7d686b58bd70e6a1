package dev.navis.engine.testing;

import dev.navis.api.model.Outputs;
import dev.navis.api.model.Synchronization;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.engine.EnginePorts;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Locks, memo cache and stored templates in maps, as the engine's tests need them. */
public final class InMemoryPorts implements EnginePorts.SyncLocks, EnginePorts.MemoCache,
    EnginePorts.TemplateSource {

  private record Saved(Outputs outputs, Instant at) {}

  private final Map<String, Set<String>> holders = new HashMap<>();
  private final Map<String, Integer> semaphoreLimits = new HashMap<>();
  private final Map<String, Saved> memo = new HashMap<>();
  private final Map<String, WorkflowTemplate> templates = new HashMap<>();

  public EnginePorts ports() {
    return new EnginePorts(this, this, this);
  }

  public InMemoryPorts template(WorkflowTemplate template) {
    String key = template.clusterScoped() ? "cluster/" + template.metadata().name()
        : namespaceOf(template) + "/" + template.metadata().name();
    templates.put(key, template);
    return this;
  }

  private static String namespaceOf(WorkflowTemplate template) {
    String namespace = template.metadata().namespace();
    return namespace == null ? "default" : namespace;
  }

  public InMemoryPorts semaphore(String configMapName, String key, int limit) {
    semaphoreLimits.put(configMapName + "/" + key, limit);
    return this;
  }

  public void saveMemo(String cacheName, String key, Outputs outputs, Instant at) {
    memo.put(cacheName + "/" + key, new Saved(outputs, at));
  }

  public Set<String> holdersOf(String lockKey) {
    return holders.getOrDefault(lockKey, Set.of());
  }

  @Override
  public boolean tryAcquire(String lockKey, int limit, String holder) {
    Set<String> current = holders.computeIfAbsent(lockKey, k -> new LinkedHashSet<>());
    if (current.contains(holder)) {
      return true;
    }
    if (current.size() >= limit) {
      return false;
    }
    current.add(holder);
    return true;
  }

  @Override
  public void release(String lockKey, String holder) {
    Set<String> current = holders.get(lockKey);
    if (current != null) {
      current.remove(holder);
    }
  }

  @Override
  public int semaphoreLimit(String namespace, Synchronization.ConfigMapKeyRef ref) {
    return ref == null ? 1 : semaphoreLimits.getOrDefault(ref.name() + "/" + ref.key(), 1);
  }

  @Override
  public Optional<Outputs> load(String cacheName, String key, Duration maxAge, Instant now) {
    Saved saved = memo.get(cacheName + "/" + key);
    if (saved == null || maxAge != null && saved.at().plus(maxAge).isBefore(now)) {
      return Optional.empty();
    }
    return Optional.of(saved.outputs());
  }

  @Override
  public Optional<WorkflowTemplate> workflowTemplate(String namespace, String name) {
    return Optional.ofNullable(templates.get(namespace + "/" + name));
  }

  @Override
  public Optional<WorkflowTemplate> clusterWorkflowTemplate(String name) {
    return Optional.ofNullable(templates.get("cluster/" + name));
  }
}
