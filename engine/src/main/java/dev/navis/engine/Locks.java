package dev.navis.engine;

import dev.navis.api.model.Synchronization;
import java.util.LinkedHashMap;
import java.util.Map;

/** Argo's lock keys for mutexes and semaphores, with their limits. */
final class Locks {

  private Locks() {}

  static Map<String, Integer> keys(WorkflowRun run, Synchronization sync, EnginePorts ports) {
    Map<String, Integer> keys = new LinkedHashMap<>();
    for (Synchronization.Mutex mutex : sync.allMutexes()) {
      String namespace = mutex.namespace() == null ? run.namespace() : mutex.namespace();
      keys.put(namespace + "/Mutex/" + mutex.name(), 1);
    }
    for (Synchronization.Semaphore semaphore : sync.allSemaphores()) {
      String namespace = semaphore.namespace() == null ? run.namespace()
          : semaphore.namespace();
      Synchronization.ConfigMapKeyRef ref = semaphore.configMapKeyRef();
      String key = namespace + "/ConfigMap/" + (ref == null ? "" : ref.name() + "/" + ref.key());
      keys.put(key, ports.locks().semaphoreLimit(namespace, ref));
    }
    return keys;
  }
}
