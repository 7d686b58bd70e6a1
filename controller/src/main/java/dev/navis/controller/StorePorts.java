package dev.navis.controller;

import dev.navis.api.model.Synchronization;
import dev.navis.controller.templates.StoredTemplateSource;
import dev.navis.engine.EnginePorts;
import dev.navis.store.WorkflowStore;
import java.time.Duration;
import java.time.Instant;

/**
 * The engine's ports backed by the store, so locks, the memo cache and stored templates span
 * processes.
 */
final class StorePorts {

  private StorePorts() {}

  static EnginePorts of(WorkflowStore store) {
    return new EnginePorts(locks(store), memo(store),
        new StoredTemplateSource(store::resources));
  }

  private static EnginePorts.SyncLocks locks(WorkflowStore store) {
    return new EnginePorts.SyncLocks() {
      @Override
      public boolean tryAcquire(String lockKey, int limit, String holder) {
        return store.tryAcquireLock(lockKey, limit, holder);
      }

      @Override
      public void release(String lockKey, String holder) {
        store.releaseLock(lockKey, holder);
      }

      @Override
      public int semaphoreLimit(String namespace, Synchronization.ConfigMapKeyRef ref) {
        // TODO: read limits from navis.yaml; a host has no config maps, so 1 until then.
        return 1;
      }
    };
  }

  private static EnginePorts.MemoCache memo(WorkflowStore store) {
    return (String cacheName, String key, Duration maxAge, Instant now) ->
        store.loadMemo(cacheName, key, maxAge, now);
  }
}
