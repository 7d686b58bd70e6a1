package dev.navis.events.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.ArgoWorkflowTrigger.ArtifactSource;
import dev.navis.events.ConfigMaps;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the object a trigger's {@code source} names, for the {@code argoWorkflow} and
 * {@code k8s} triggers: {@code resource} (the object itself), {@code inline} (its YAML or JSON
 * text), {@code file} (a path on this host), {@code url} (an http or https GET, within the
 * reader's timeout) or {@code configmap} (a key of a ConfigMap in the sensor's namespace,
 * through {@link ConfigMaps}). Text is read as YAML, JSON included, and must hold one object
 * of at most {@link #MAX_BYTES}. {@code git} and {@code s3} are refused, saying so.
 *
 * <p>Unlike Argo Events, which skips certificate checks unless {@code url.verifycert} is true,
 * https certificates are always verified.
 */
public final class TriggerSourceReader {

  public static final int MAX_BYTES = 4 * 1024 * 1024;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private static final String SUPPORTED = "resource, inline, file, url or configmap";

  private final ConfigMaps configMaps;
  private final HttpClient client;
  private final Duration timeout;

  /** A reader that finds ConfigMaps in {@code configMaps} and waits {@code timeout} for URLs. */
  public TriggerSourceReader(ConfigMaps configMaps, Duration timeout) {
    this.configMaps = configMaps;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** The object read, or why it could not be (naming the source field). */
  public record Read(JsonNode resource, String failure) {

    public boolean succeeded() {
      return resource != null;
    }

    static Read failed(String failure) {
      return new Read(null, failure);
    }
  }

  /** Reads {@code source}; {@code namespace} is the sensor's, where ConfigMaps are looked up. */
  public Read read(ArtifactSource source, String namespace) {
    if (source == null) {
      return Read.failed("a trigger needs a source: " + SUPPORTED);
    }
    if (present(source.resource())) {
      return new Read(source.resource().deepCopy(), null);
    }
    if (source.inline() != null && !source.inline().isBlank()) {
      return parse("source.inline", source.inline());
    }
    if (present(source.file())) {
      return file(source.file());
    }
    if (present(source.url())) {
      return url(source.url());
    }
    if (present(source.configmap())) {
      return configmap(source.configmap(), namespace == null ? "default" : namespace);
    }
    if (present(source.git())) {
      return unsupported("git");
    }
    if (present(source.s3())) {
      return unsupported("s3");
    }
    return Read.failed("the source names nothing to read: expected " + SUPPORTED);
  }

  private static Read unsupported(String kind) {
    // TODO: git needs a clone (JGit) and s3 the AWS SDK's S3 client; neither is wired here.
    return Read.failed("source." + kind + " is not supported on this host: use " + SUPPORTED);
  }

  private Read file(JsonNode file) {
    String path = file.path("path").asText("");
    if (path.isBlank()) {
      return Read.failed("source.file.path: required");
    }
    try {
      Path at = Path.of(path);
      if (Files.size(at) > MAX_BYTES) {
        return Read.failed("source.file: " + path + " is larger than " + MAX_BYTES + " bytes");
      }
      return parse("source.file", Files.readString(at));
    } catch (NoSuchFileException e) {
      return Read.failed("source.file: no file at " + path);
    } catch (IOException | RuntimeException e) {
      return Read.failed("source.file: cannot read " + path + ": " + e.getMessage());
    }
  }

  private Read url(JsonNode url) {
    String path = url.path("path").asText("");
    URI uri;
    try {
      uri = URI.create(path);
    } catch (IllegalArgumentException e) {
      return Read.failed("source.url.path: not a URL: '" + path + "'");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      return Read.failed("source.url.path: expected an http or https URL, found '" + path
          + "'");
    }
    try {
      return fetch(uri);
    } catch (HttpTimeoutException e) {
      return Read.failed("source.url: no answer from " + uri + " within " + timeout);
    } catch (IOException e) {
      return Read.failed("source.url: cannot GET " + uri + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Read.failed("source.url: interrupted while reading " + uri);
    }
  }

  private Read fetch(URI uri) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    HttpResponse<InputStream> response = client.send(request, BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() / 100 != 2) {
        return Read.failed("source.url: GET " + uri + " answered " + response.statusCode());
      }
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        return Read.failed("source.url: " + uri + " sent more than " + MAX_BYTES + " bytes");
      }
      return parse("source.url", new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private Read configmap(JsonNode selector, String namespace) {
    String name = selector.path("name").asText("");
    String key = selector.path("key").asText("");
    if (!ConfigMaps.NAME.matcher(name).matches()) {
      return Read.failed("source.configmap.name: expected a ConfigMap name, found '" + name
          + "'");
    }
    if (!ConfigMaps.KEY.matcher(key).matches()) {
      return Read.failed("source.configmap.key: expected a ConfigMap key, found '" + key + "'");
    }
    Optional<String> value;
    try {
      value = configMaps.lookup(namespace, name, key);
    } catch (UncheckedIOException e) {
      return Read.failed("source.configmap: " + e.getMessage());
    }
    return value.map(text -> parse("source.configmap", text)).orElseGet(() -> Read.failed(
        "source.configmap: no key '" + key + "' in ConfigMap " + namespace + "/" + name));
  }

  private static Read parse(String field, String text) {
    JsonNode tree;
    try {
      tree = Codec.yaml().readTree(text);
    } catch (JsonProcessingException e) {
      return Read.failed(field + ": not YAML or JSON: " + e.getOriginalMessage());
    }
    if (tree == null || !tree.isObject()) {
      return Read.failed(field + ": expected one object, found "
          + (tree == null ? "nothing" : tree.getNodeType().toString().toLowerCase()));
    }
    return new Read(tree, null);
  }

  private static boolean present(JsonNode node) {
    return node != null && !node.isNull() && !node.isMissingNode();
  }
}
