package dev.navis.controller;

import dev.navis.api.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where Navis keeps its state and how it runs, from flags, {@code NAVIS_*} variables,
 * {@code navis.yaml} in the home folder and defaults, in that order. Defaults serve one user on
 * a laptop: everything under {@code ~/.navis}, a server on Argo's port without auth.
 *
 * @param home the folder for the embedded store, node folders and tools
 * @param storeUrl the store: an H2 file under {@code home} unless told otherwise
 * @param namespace the namespace used when a resource names none
 * @param port the port {@code navis server} listens on
 * @param authMode {@code server} (no auth) or {@code client} (bearer tokens)
 * @param authTokens the YAML file of tokens for {@code client} auth, or null
 * @param maxRequestBytes the largest request body the server accepts
 * @param eventBus where events travel: {@code embedded} (in this process, kept in the store),
 *     {@code memory} (in this process only) or a NATS JetStream URL ({@code nats://...})
 * @param address the interface the API listens on: loopback unless told, since the default
 *     auth mode lets anyone who reaches the port run commands on this host
 */
public record NavisConfig(Path home, String storeUrl, String namespace, int port,
    String authMode, Path authTokens, long maxRequestBytes, String eventBus, String address) {

  public static final String DEFAULT_NAMESPACE = "default";
  public static final int DEFAULT_PORT = 2746;
  public static final long DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;
  public static final String EMBEDDED_EVENT_BUS = "embedded";
  public static final String DEFAULT_ADDRESS = "127.0.0.1";

  private static final String[] KEYS = {"NAVIS_HOME", "NAVIS_STORE", "NAVIS_NAMESPACE",
      "NAVIS_PORT", "NAVIS_AUTH_MODE", "NAVIS_AUTH_TOKENS", "NAVIS_MAX_REQUEST_BYTES",
      "NAVIS_EVENT_BUS", "NAVIS_ADDRESS"};

  /** The shape before the server's settings; those take their defaults. */
  public NavisConfig(Path home, String storeUrl, String namespace) {
    this(home, storeUrl, namespace, DEFAULT_PORT, "server", null, DEFAULT_MAX_REQUEST_BYTES);
  }

  /** The shape before the event bus setting; the bus is the embedded one. */
  public NavisConfig(Path home, String storeUrl, String namespace, int port, String authMode,
      Path authTokens, long maxRequestBytes) {
    this(home, storeUrl, namespace, port, authMode, authTokens, maxRequestBytes,
        EMBEDDED_EVENT_BUS);
  }

  /** The shape before the address setting; the API listens on loopback. */
  public NavisConfig(Path home, String storeUrl, String namespace, int port, String authMode,
      Path authTokens, long maxRequestBytes, String eventBus) {
    this(home, storeUrl, namespace, port, authMode, authTokens, maxRequestBytes, eventBus,
        DEFAULT_ADDRESS);
  }

  /** The configuration from the environment of this process. */
  public static NavisConfig fromEnvironment() {
    Map<String, String> env = new HashMap<>(System.getenv());
    // System properties win, so tests and embedders can point one JVM elsewhere.
    for (String key : KEYS) {
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
    Map<String, String> settings = new HashMap<>(fileSettings(home.resolve("navis.yaml")));
    settings.putAll(env);
    String store = settings.getOrDefault("NAVIS_STORE", "h2:" + home.resolve("navis"));
    String namespace = settings.getOrDefault("NAVIS_NAMESPACE", DEFAULT_NAMESPACE);
    int port = Integer.parseInt(settings.getOrDefault("NAVIS_PORT", "" + DEFAULT_PORT));
    String authMode = settings.getOrDefault("NAVIS_AUTH_MODE", "server");
    String tokens = settings.get("NAVIS_AUTH_TOKENS");
    long maxBytes = Long.parseLong(settings.getOrDefault("NAVIS_MAX_REQUEST_BYTES",
        "" + DEFAULT_MAX_REQUEST_BYTES));
    String eventBus = settings.getOrDefault("NAVIS_EVENT_BUS", EMBEDDED_EVENT_BUS);
    String address = settings.getOrDefault("NAVIS_ADDRESS", DEFAULT_ADDRESS);
    return new NavisConfig(home.toAbsolutePath(), store, namespace, port, authMode,
        tokens != null ? Path.of(tokens) : null, maxBytes, eventBus, address);
  }

  /**
   * {@code navis.yaml}: {@code store}, {@code namespace}, {@code port}, {@code authMode},
   * {@code authTokens}, {@code maxRequestBytes}, {@code eventBus}, {@code address}, read as the
   * variables of the same meaning.
   */
  private static Map<String, String> fileSettings(Path file) {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    Map<?, ?> yaml;
    try {
      yaml = Codec.yaml().readValue(file.toFile(), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": not a YAML map of settings", e);
    }
    Map<String, String> settings = new HashMap<>();
    if (yaml != null) {
      yaml.forEach((key, value) -> settings.put(variableOf(String.valueOf(key)),
          String.valueOf(value)));
    }
    return settings;
  }

  private static String variableOf(String key) {
    return "NAVIS_" + key.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase();
  }

  /** This configuration with the server's flags applied; a null flag keeps the setting. */
  public NavisConfig withServerFlags(Integer port, String storeUrl, String authMode,
      Path authTokens) {
    return new NavisConfig(home, storeUrl != null ? storeUrl : this.storeUrl, namespace,
        port != null ? port : this.port, authMode != null ? authMode : this.authMode,
        authTokens != null ? authTokens : this.authTokens, maxRequestBytes, eventBus, address);
  }

  /** This configuration listening on {@code address}; null keeps the setting. */
  public NavisConfig withAddress(String address) {
    return new NavisConfig(home, storeUrl, namespace, port, authMode, authTokens,
        maxRequestBytes, eventBus, address != null ? address : this.address);
  }

  /** The folder holding one folder per workflow run, each with one per node. */
  public Path runs() {
    return home.resolve("runs");
  }
}
