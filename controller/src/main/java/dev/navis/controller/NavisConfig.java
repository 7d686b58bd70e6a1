package dev.navis.controller;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where Navis keeps its state and how it runs, from flags, {@code NAVIS_*} variables and
 * defaults, in that order. Defaults serve one user on a laptop: everything under
 * {@code ~/.navis}.
 *
 * @param home the folder for the embedded store, node folders and tools
 * @param storeUrl the store: an H2 file under {@code home} unless told otherwise
 * @param namespace the namespace used when a resource names none
 */
public record NavisConfig(Path home, String storeUrl, String namespace) {

  public static final String DEFAULT_NAMESPACE = "default";

  /** The configuration from the environment of this process. */
  public static NavisConfig fromEnvironment() {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    // System properties win, so tests and embedders can point one JVM elsewhere.
    for (String key : new String[] {"NAVIS_HOME", "NAVIS_STORE", "NAVIS_NAMESPACE"}) {
      String property = System.getProperty(key);
      if (property != null) {
        env.put(key, property);
      }
    }
    return from(env);
  }

  static NavisConfig from(Map<String, String> env) {
    Path home = env.containsKey("NAVIS_HOME")
        ? Path.of(env.get("NAVIS_HOME"))
        : Path.of(System.getProperty("user.home"), ".navis");
    String store = env.getOrDefault("NAVIS_STORE", "h2:" + home.resolve("navis"));
    String namespace = env.getOrDefault("NAVIS_NAMESPACE", DEFAULT_NAMESPACE);
    return new NavisConfig(home.toAbsolutePath(), store, namespace);
  }

  /** The folder holding one folder per workflow run, each with one per node. */
  public Path runs() {
    return home.resolve("runs");
  }
}
