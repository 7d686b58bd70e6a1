package dev.navis.engine;

import dev.navis.api.model.Outputs;
import dev.navis.api.model.Synchronization;
import dev.navis.api.model.WorkflowTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the engine reads from outside while it reconciles: shared locks, the memoization cache
 * and stored templates. Each is an in-memory map in tests and a store table in production; none
 * may block for long.
 */
public record EnginePorts(SyncLocks locks, MemoCache memo, TemplateSource templates) {

  /** Mutexes and semaphores shared by all workflows of a controller. */
  public interface SyncLocks {

    /** Takes one of {@code limit} places of {@code lockKey} for {@code holder}; idempotent. */
    boolean tryAcquire(String lockKey, int limit, String holder);

    /** Gives {@code holder}'s place of {@code lockKey} back; idempotent. */
    void release(String lockKey, String holder);

    /** The number of places of a semaphore (1 when not configured). */
    int semaphoreLimit(String namespace, Synchronization.ConfigMapKeyRef ref);
  }

  /** Outputs of memoized templates, by cache name and key. */
  public interface MemoCache {

    /** The outputs saved under {@code key} no longer ago than {@code maxAge} (null: any age). */
    Optional<Outputs> load(String cacheName, String key, Duration maxAge, Instant now);
  }

  /** WorkflowTemplates and ClusterWorkflowTemplates referenced by name. */
  public interface TemplateSource {

    Optional<WorkflowTemplate> workflowTemplate(String namespace, String name);

    Optional<WorkflowTemplate> clusterWorkflowTemplate(String name);
  }
}
