package dev.navis.api.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Mutexes and semaphores a workflow or template must hold to run. Argo v3 named one
 * {@code mutex} or {@code semaphore}; v4 takes lists. {@link #allMutexes()} and
 * {@link #allSemaphores()} merge both spellings.
 */
public record Synchronization(
    Mutex mutex, List<Mutex> mutexes, Semaphore semaphore, List<Semaphore> semaphores) {

  public List<Mutex> allMutexes() {
    List<Mutex> all = new ArrayList<>();
    if (mutex != null) {
      all.add(mutex);
    }
    if (mutexes != null) {
      all.addAll(mutexes);
    }
    return all;
  }

  public List<Semaphore> allSemaphores() {
    List<Semaphore> all = new ArrayList<>();
    if (semaphore != null) {
      all.add(semaphore);
    }
    if (semaphores != null) {
      all.addAll(semaphores);
    }
    return all;
  }

  /** A named lock that one holder at a time may take. */
  public record Mutex(String name, String namespace, Boolean database) {}

  /**
   * A counted lock; the limit comes from a config map key (on a host: navis.yaml or 1), or,
   * since Argo 3.7, from a row of the synchronization database named by {@code database.key}.
   */
  public record Semaphore(
      ConfigMapKeyRef configMapKeyRef, String namespace, SyncDatabaseRef database) {}

  /** A semaphore limit kept in the synchronization database under {@code key}. */
  public record SyncDatabaseRef(String key) {}

  /** A key of a Kubernetes config map. */
  public record ConfigMapKeyRef(String name, String key, Boolean optional) {}
}
