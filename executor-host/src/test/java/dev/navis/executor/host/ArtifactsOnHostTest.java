package dev.navis.executor.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.navis.api.Codec;
import dev.navis.api.model.Artifact;
import dev.navis.api.model.Template;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.spi.NodeResult;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archiving, unarchiving and placing artifacts, with real processes under a private /tmp. */
class ArtifactsOnHostTest {

  @TempDir
  Path home;

  private final NodeExecutorContract.Recorder recorder = new NodeExecutorContract.Recorder();
  private final String workflowUid = "wf-" + UUID.randomUUID();
  private HostExecutor executor;
  private LocalArtifactRepository repository;

  @BeforeEach
  void start() {
    executor = new HostExecutor(home.resolve("runs"), recorder, ImageTable.defaults(), true,
        true, Duration.ofMillis(500));
    repository = new LocalArtifactRepository(home.resolve("artifacts"));
  }

  @AfterEach
  void close() {
    executor.close();
  }

  @Test
  void aFolderSurvivesArchiveAndUnarchive() throws IOException {
    Path folder = Files.createDirectories(home.resolve("src/data/deep"));
    Files.writeString(folder.resolve("a.txt"), "alpha");
    Files.writeString(folder.getParent().resolve("b.txt"), "beta");

    repository.store(home.resolve("src/data"), "ns/wf/pod/data.tgz", true);
    repository.fetch("ns/wf/pod/data.tgz", home.resolve("out/placed"));

    assertThat(TarGz.isGzip(home.resolve("artifacts/ns/wf/pod/data.tgz"))).isTrue();
    assertThat(home.resolve("out/placed/deep/a.txt")).hasContent("alpha");
    assertThat(home.resolve("out/placed/b.txt")).hasContent("beta");
  }

  @Test
  void aFileUnarchivesToTheAskedPathAndNoneKeepsItPlain() throws IOException {
    Path file = Files.writeString(home.resolve("hello.txt"), "hello");

    repository.store(file, "k/archived.tgz", true);
    repository.store(file, "k/plain", false);
    repository.fetch("k/archived.tgz", home.resolve("x/message"));

    assertThat(home.resolve("x/message")).isRegularFile().hasContent("hello");
    assertThat(home.resolve("artifacts/k/plain")).hasContent("hello");
  }

  @Test
  void keysCannotLeaveTheRepository() {
    assertThatThrownBy(() -> repository.store(home, "../escape", true))
        .hasMessageContaining("points outside");
    assertThatThrownBy(() -> repository.fetch("nope/missing.tgz", home.resolve("m")))
        .hasMessageContaining("artifact key 'nope/missing.tgz' not found");
  }

  @Test
  void outputsAreStoredFromThePrivateTmpAndPlacedInTheNextNodesTmp() throws IOException {
    NodeResult made = run("make", """
        name: make
        container:
          image: alpine
          command: [sh, -c, 'mkdir /tmp/dir && echo one > /tmp/dir/f && echo two > /tmp/plain']
        outputs:
          artifacts:
          - {name: dir, path: /tmp/dir}
          - {name: plain, path: /tmp/plain, archive: {none: {}}}
          - {name: maybe, path: /tmp/not-there, optional: true}
        """);

    assertThat(made.phase()).as(made.message()).isEqualTo("Succeeded");
    assertThat(made.artifacts()).extracting(Artifact::name).containsExactly("dir", "plain");
    assertThat(made.artifacts().getFirst().key()).isEqualTo("argo/wf/pod-make/dir.tgz");
    assertThat(home.resolve("artifacts/argo/wf/pod-make/plain")).hasContent("two\n");
    assertThat(Path.of("/tmp/dir/f")).doesNotExist();

    NodeResult used = run("use", """
        name: use
        inputs:
          artifacts:
          - {name: dir, path: /tmp/in/dir, key: argo/wf/pod-make/dir.tgz}
          - {name: plain, path: /tmp/in/plain, key: argo/wf/pod-make/plain}
          - {name: one, path: /tmp/in/one, key: argo/wf/pod-make/dir.tgz, subPath: f}
          - {name: raw, path: /tmp/in/raw, raw: {data: three}, mode: "0500"}
        container:
          image: alpine
          command:
          - sh
          - -c
          - cat /tmp/in/dir/f /tmp/in/plain /tmp/in/one /tmp/in/raw; stat -c %a /tmp/in/raw
        """);

    assertThat(used.phase()).as(used.message()).isEqualTo("Succeeded");
    assertThat(used.result()).isEqualTo("one\ntwo\none\nthree500");
  }

  @Test
  void aMissingOutputArtifactIsANodeError() {
    NodeResult result = run("lost", """
        name: lost
        container: {image: alpine, command: [true]}
        outputs:
          artifacts:
          - {name: gone, path: /tmp/gone}
        """);

    assertThat(result.phase()).isEqualTo("Error");
    assertThat(result.message()).isEqualTo("output artifact 'gone': /tmp/gone was not produced");
  }

  @Test
  void aMissingInputKeyEndsTheNodeBeforeItRuns() {
    NodeResult result = run("nokey", """
        name: nokey
        inputs:
          artifacts:
          - {name: gone, path: /tmp/gone, key: never/stored}
        container: {image: alpine, command: [touch, /tmp/ran]}
        """);

    assertThat(result.phase()).isEqualTo("Error");
    assertThat(result.exitCode()).isNull();
    assertThat(result.message()).contains("input artifact 'gone'")
        .contains("artifact key 'never/stored' not found");
  }

  @Test
  void archiveLogsStoresMainLog() throws IOException {
    NodeResult result = run("logged", """
        name: logged
        archiveLocation: {archiveLogs: true}
        container: {image: alpine, command: [echo, logged line]}
        """);

    assertThat(result.artifacts()).singleElement().satisfies(artifact -> {
      assertThat(artifact.name()).isEqualTo("main-logs");
      assertThat(artifact.key()).isEqualTo("argo/wf/pod-logged/main.log");
    });
    assertThat(Files.readString(home.resolve("artifacts/argo/wf/pod-logged/main.log")))
        .contains("logged line");
  }

  @Test
  void aTemplateOrWorkflowSayingNoBeatsTheRepositoryDefault() {
    Template quiet = template("""
        name: quiet
        archiveLocation: {archiveLogs: false}
        container: {image: alpine, command: [true]}
        """);
    Template plain = template("""
        name: plain
        container: {image: alpine, command: [true]}
        """);

    assertThat(NodeArtifacts.archivesLogs(quiet, true)).isFalse();
    assertThat(NodeArtifacts.archivesLogs(plain, true)).isTrue();
    assertThat(NodeArtifacts.archivesLogs(plain, false)).isFalse();
  }

  @Test
  void anHttpInputIsDownloadedAndATarballUnpacked() throws IOException {
    Path folder = Files.createDirectories(home.resolve("served"));
    Files.writeString(folder.resolve("inside.txt"), "packed");
    TarGz.pack(folder, home.resolve("served.tgz"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/plain", exchange -> {
      byte[] body = ("plain " + exchange.getRequestHeaders().getFirst("X-Greeting"))
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    serve(server, "/packed.tgz", Files.readAllBytes(home.resolve("served.tgz")));
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try {
      NodeResult result = run("fetch", """
          name: fetch
          inputs:
            artifacts:
            - name: a
              path: /tmp/a
              http: {url: "%s/plain", headers: [{name: X-Greeting, value: body}]}
            - {name: b, path: /tmp/b, http: {url: "%s/packed.tgz"}}
          container: {image: alpine, command: [sh, -c, 'cat /tmp/a; echo; cat /tmp/b/inside.txt']}
          """.formatted(base, base));

      assertThat(result.phase()).as(result.message()).isEqualTo("Succeeded");
      assertThat(result.result()).isEqualTo("plain body\npacked");
    } finally {
      server.stop(0);
    }
  }

  private static void serve(HttpServer server, String path, byte[] body) {
    server.createContext(path, exchange -> {
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
  }

  private static Template template(String yaml) {
    try {
      return Codec.yaml().readValue(yaml, Template.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private NodeResult run(String nodeId, String templateYaml) {
    Template template = template(templateYaml);
    executor.start(new NodeLaunch("argo", "wf", workflowUid, nodeId, "wf." + nodeId,
        "pod-" + nodeId, template, Map.of()));
    return recorder.await(workflowUid, nodeId);
  }
}
