package dev.navis.engine.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.Codec;
import dev.navis.api.model.Template;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingExecutorTest {

  /** Records what it is asked; has a log file only for the node named in {@code logged}. */
  private static final class Recording implements NodeExecutor {
    final List<String> calls = new ArrayList<>();
    final String logged;

    Recording(String logged) {
      this.logged = logged;
    }

    @Override
    public void start(NodeLaunch launch) {
      calls.add("start " + launch.nodeId());
    }

    @Override
    public void stop(String workflowUid, String nodeId, String reason) {
      calls.add("stop " + nodeId);
    }

    @Override
    public boolean recover(NodeLaunch launch) {
      calls.add("recover " + launch.nodeId());
      return true;
    }

    @Override
    public Optional<Path> logFile(String workflowUid, String nodeId, String container) {
      return nodeId.equals(logged) ? Optional.of(Path.of(nodeId + ".log")) : Optional.empty();
    }

    @Override
    public void close() {
      calls.add("close");
    }
  }

  private final Recording host = new Recording("pod");
  private final Recording http = new Recording(null);
  private final RoutingExecutor routing =
      new RoutingExecutor(host, Map.of(Template.Type.HTTP, http));

  @Test
  void nodesGoToTheExecutorOfTheirTemplateType() throws IOException {
    routing.start(launch("pod", "container: {image: alpine}"));
    routing.start(launch("call", "http: {url: 'http://127.0.0.1/'}"));
    routing.recover(launch("again", "http: {url: 'http://127.0.0.1/'}"));

    assertThat(host.calls).containsExactly("start pod");
    assertThat(http.calls).containsExactly("start call", "recover again");
  }

  @Test
  void stopReachesEveryExecutorAndLogFilesComeFromWhoeverHasOne() {
    routing.stop("uid", "call", "Stopped");

    assertThat(host.calls).containsExactly("stop call");
    assertThat(http.calls).containsExactly("stop call");
    assertThat(routing.logFile("uid", "pod", "main")).contains(Path.of("pod.log"));
    assertThat(routing.logFile("uid", "call", "main")).isEmpty();
  }

  @Test
  void closingClosesEachExecutorOnce() {
    RoutingExecutor shared = new RoutingExecutor(host,
        Map.of(Template.Type.HTTP, http, Template.Type.DATA, http));

    shared.close();

    assertThat(host.calls).containsExactly("close");
    assertThat(http.calls).containsExactly("close");
  }

  private static NodeLaunch launch(String nodeId, String body) throws IOException {
    Template template = Codec.yaml().readValue("name: t\n" + body, Template.class);
    return new NodeLaunch("default", "wf", "uid", nodeId, "wf." + nodeId, "wf-" + nodeId,
        template, Map.of());
  }
}
