package dev.navis.api.model;

/** Reuse a template's outputs when it already ran with the same key. */
public record Memoize(String key, String maxAge, Cache cache) {

  /** Where Argo keeps the cache; Navis keeps it in its store under the config map's name. */
  public record Cache(Synchronization.ConfigMapKeyRef configMap) {}
}
