package dev.navis.executor.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.model.Artifact;
import dev.navis.api.model.Template;
import dev.navis.engine.spi.ArtifactRepository;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.spi.NodeResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A node's artifacts on the host: input artifacts placed at their paths before the first
 * process starts, output artifacts (and {@code main.log} when logs are archived) stored in the
 * repository after the last one ends. Paths under {@code /tmp} are the node's private tmp
 * when it is sandboxed, as for output parameters.
 */
final class NodeArtifacts {

  /** The name Argo gives the archived log of the main container. */
  static final String MAIN_LOGS = "main-logs";

  private final ArtifactRepository repository;
  private final boolean archiveLogsByDefault;
  private final HttpClient http;

  /**
   * @param archiveLogsByDefault whether main.log is archived when neither the workflow nor
   *     the template says (the repository's {@code archiveLogs} in Argo's configuration)
   */
  NodeArtifacts(ArtifactRepository repository, boolean archiveLogsByDefault) {
    this.repository = repository;
    this.archiveLogsByDefault = archiveLogsByDefault;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** Places every input artifact; the problem, if one could not be placed. */
  Optional<String> placeInputs(NodeLaunch launch, NodeFolder folder, boolean sandboxed) {
    Template template = launch.template();
    if (template == null || template.inputs() == null || template.inputs().artifacts() == null) {
      return Optional.empty();
    }
    for (Artifact artifact : template.inputs().artifacts()) {
      if (artifact.path() == null) {
        continue;
      }
      Path target = Sandbox.hostPath(artifact.path(), sandboxed, folder, folder.work());
      try {
        place(artifact, target, folder);
        applyMode(artifact, target);
      } catch (IOException | InterruptedException e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        return Optional.of("cannot place input artifact '" + artifact.name() + "' at "
            + artifact.path() + ": " + describe(e));
      }
    }
    return Optional.empty();
  }

  private void place(Artifact artifact, Path target, NodeFolder folder)
      throws IOException, InterruptedException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    if (artifact.raw() != null) {
      String data = artifact.raw().data() == null ? "" : artifact.raw().data();
      Files.writeString(target, data, StandardCharsets.UTF_8);
    } else if (artifact.http() != null) {
      download(artifact.http(), target);
    } else if (artifact.key() != null && Boolean.TRUE.equals(artifact.optional())
        && !repository.exists(artifact.key())) {
      return;
    } else if (artifact.key() != null && artifact.subPath() == null) {
      repository.fetch(artifact.key(), target);
    } else if (artifact.key() != null) {
      placeSubPath(artifact, target, folder);
    } else if (!Boolean.TRUE.equals(artifact.optional())) {
      throw new IOException("it names no source (from, raw, http or key)");
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** Unpacks the whole artifact beside the node, then moves the part asked for. */
  private void placeSubPath(Artifact artifact, Path target, NodeFolder folder)
      throws IOException {
    Path whole = folder.root().resolve("artifacts-in").resolve(artifact.name());
    repository.fetch(artifact.key(), whole);
    Path part = whole.resolve(artifact.subPath()).normalize();
    if (!part.startsWith(whole) || !Files.exists(part)) {
      throw new IOException("subPath '" + artifact.subPath() + "' not found in artifact");
    }
    LocalArtifactRepository.delete(target);
    LocalArtifactRepository.copy(part, target);
    LocalArtifactRepository.delete(whole);
  }

  private void download(Artifact.HttpArtifact source, Path target)
      throws IOException, InterruptedException {
    String url = source.url();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofMinutes(5)).GET();
    // TODO: auth (basic, OAuth, client certificates) reads Kubernetes secrets; not supported.
    if (source.headers() != null) {
      for (JsonNode header : source.headers()) {
        request.header(header.path("name").asText(), header.path("value").asText());
      }
    }
    Path partial = target.resolveSibling(target.getFileName() + ".download");
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() / 100 != 2) {
        throw new IOException("GET " + url + " answered " + response.statusCode());
      }
      Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
    }
    // Argo unpacks a downloaded tarball; any other file is placed as it came.
    if (TarGz.isGzip(partial) && isTar(partial)) {
      TarGz.unpack(partial, target);
      Files.delete(partial);
    } else {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static boolean isTar(Path file) {
    try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
      byte[] header = in.readNBytes(512);
      return header.length == 512 && new String(header, 257, 5, StandardCharsets.US_ASCII)
          .equals("ustar");
    } catch (IOException e) {
      return false;
    }
  }

  private static void applyMode(Artifact artifact, Path target) throws IOException {
    if (artifact.mode() == null || !Files.isRegularFile(target)) {
      return;
    }
    int mode;
    try {
      mode = Integer.decode(artifact.mode());
    } catch (NumberFormatException e) {
      throw new IOException("mode '" + artifact.mode() + "' is not a number");
    }
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = PosixFilePermission.values();
    for (int bit = 0; bit < 9; bit++) {
      if ((mode & (1 << (8 - bit))) != 0) {
        permissions.add(order[bit]);
      }
    }
    Files.setPosixFilePermissions(target, permissions);
  }

  /**
   * Stores the node's output artifacts and, when asked, its main log; the result carries them.
   * A missing artifact that is not optional turns a succeeded node into Error.
   */
  NodeResult storeOutputs(NodeLaunch launch, NodeFolder folder, boolean sandboxed,
      NodeResult result) {
    List<Artifact> stored = new ArrayList<>();
    String problem = null;
    for (Artifact declared : declaredOutputs(launch.template())) {
      try {
        storeOutput(launch, folder, sandboxed, declared).ifPresent(stored::add);
      } catch (IOException e) {
        problem = problem != null ? problem : "output artifact '" + declared.name() + "': "
            + e.getMessage();
      }
    }
    if (archivesLogs(launch.template(), archiveLogsByDefault)) {
      problem = storeLog(launch, folder, stored, problem);
    }
    boolean succeeded = "Succeeded".equals(result.phase());
    return result.withArtifacts(stored, succeeded ? problem : null);
  }

  private Optional<Artifact> storeOutput(NodeLaunch launch, NodeFolder folder,
      boolean sandboxed, Artifact declared) throws IOException {
    if (declared.path() == null) {
      return Optional.empty();
    }
    Path source = outputPath(declared.path(), sandboxed, folder);
    if (!Files.exists(source)) {
      if (Boolean.TRUE.equals(declared.optional())) {
        return Optional.empty();
      }
      throw new IOException(declared.path() + " was not produced");
    }
    boolean archived = !isUnarchived(declared);
    String key = ArtifactRepository.keyOf(declared);
    if (key == null) {
      key = defaultPrefix(launch) + declared.name() + (archived ? ".tgz" : "");
    }
    // TODO: artifactGC is accepted but nothing is ever deleted: that needs a hook where the
    // controller completes and deletes workflows, which this executor does not see.
    repository.store(source, key, archived);
    return Optional.of(produced(declared.name(), declared.path(), key, declared.archive()));
  }

  private String storeLog(NodeLaunch launch, NodeFolder folder, List<Artifact> stored,
      String problem) {
    String key = defaultPrefix(launch) + "main.log";
    try {
      Path log = folder.log(ContainerSpec.MAIN);
      if (Files.exists(log)) {
        repository.store(log, key, false);
        stored.add(produced(MAIN_LOGS, null, key, null));
      }
      return problem;
    } catch (IOException e) {
      return problem != null ? problem : "archiving main.log: " + e.getMessage();
    }
  }

  /**
   * Where an output path is on the host. An absolute path outside /tmp that the process did
   * not create on the host is looked for in its working folder, which stands for the
   * container's root: {@code open("result.txt")} there is {@code /result.txt} in a pod.
   */
  private static Path outputPath(String path, boolean sandboxed, NodeFolder folder) {
    Path host = Sandbox.hostPath(path, sandboxed, folder, folder.work());
    Path asked = Path.of(path);
    if (Files.exists(host) || !asked.isAbsolute() || asked.normalize().startsWith("/tmp")) {
      return host;
    }
    Path inWork = folder.work().resolve(asked.getRoot().relativize(asked).toString());
    return Files.exists(inWork) ? inWork : host;
  }

  /** Argo's default key layout: {@code <namespace>/<workflow>/<pod>/}. */
  private static String defaultPrefix(NodeLaunch launch) {
    String pod = launch.podName() != null ? launch.podName() : launch.nodeId();
    return launch.namespace() + "/" + launch.workflowName() + "/" + pod + "/";
  }

  private static Artifact produced(String name, String path, String key, JsonNode archive) {
    ObjectNode tree = Codec.json().createObjectNode();
    tree.put("name", name);
    if (path != null) {
      tree.put("path", path);
    }
    tree.put("key", key);
    if (archive != null) {
      tree.set("archive", archive);
    }
    return Codec.json().convertValue(tree, Artifact.class);
  }

  private static List<Artifact> declaredOutputs(Template template) {
    if (template == null || template.outputs() == null
        || template.outputs().artifacts() == null) {
      return List.of();
    }
    return template.outputs().artifacts();
  }

  static boolean isUnarchived(Artifact artifact) {
    return artifact.archive() != null && artifact.archive().has("none");
  }

  static boolean archivesLogs(Template template, boolean byDefault) {
    if (template == null) {
      return false;
    }
    if (template.archiveLocationLogs() != null) {
      return template.archiveLocationLogs();
    }
    JsonNode said = template.archiveLocation() == null ? null
        : template.archiveLocation().get("archiveLogs");
    return said != null && said.isBoolean() ? said.asBoolean() : byDefault;
  }
}
