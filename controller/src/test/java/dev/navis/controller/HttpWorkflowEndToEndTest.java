package dev.navis.controller;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.navis.api.Codec;
import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Workflow;
import dev.navis.executor.host.HostExecutor;
import dev.navis.executor.host.ImageTable;
import dev.navis.executor.http.HttpNodeExecutor;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowStore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workflow with an http step and a container step, run by the controller over an H2 store
 * with host processes and http requests behind one routing executor.
 */
class HttpWorkflowEndToEndTest {

  private static final String WORKFLOW = """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata: {generateName: http-then-echo-}
      spec:
        entrypoint: main
        arguments: {parameters: [{name: url}]}
        templates:
        - name: main
          steps:
          - - name: call
              template: http
              arguments: {parameters: [{name: url, value: "{{workflow.parameters.url}}"}]}
          - - name: echo
              template: echo
              arguments: {parameters: [{name: said, value: "{{steps.call.outputs.result}}"}]}
        - name: http
          inputs: {parameters: [{name: url}]}
          http:
            url: "{{inputs.parameters.url}}"
            successCondition: response.statusCode == 200
        - name: echo
          inputs: {parameters: [{name: said}]}
          container:
            image: alpine
            command: [echo, "got {{inputs.parameters.said}}"]
      """;

  private HttpServer server;
  private Path home;
  private WorkflowStore store;
  private Controller controller;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/greeting", exchange -> {
      byte[] body = "hello from http".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    home = Files.createTempDirectory("navis-http-e2e");
    store = Stores.open("h2:" + home.resolve("navis"));
    controller = new Controller(store, listener -> HttpNodeExecutor.alongside(
        new HostExecutor(home.resolve("runs"), listener, ImageTable.defaults()), listener),
        Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    controller.close();
    store.close();
    server.stop(0);
  }

  @Test
  void theResponseBodyReachesTheNextStep() throws Exception {
    Workflow finished = run("/greeting");

    assertThat(finished.status().phase()).as(describe(finished)).isEqualTo("Succeeded");
    NodeStatus call = node(finished, "call");
    assertThat(call.type()).isEqualTo("HTTP");
    assertThat(call.outputs().result()).isEqualTo("hello from http");
    NodeStatus echo = node(finished, "echo");
    Path log = controller.executor().logFile(finished.metadata().uid(), echo.id(), "main")
        .orElseThrow();
    assertThat(Files.readString(log)).contains("got hello from http");
  }

  @Test
  void aMissingPageFailsTheWorkflowBeforeTheNextStep() throws Exception {
    Workflow finished = run("/missing");

    assertThat(finished.status().phase()).isEqualTo("Failed");
    NodeStatus call = node(finished, "call");
    assertThat(call.phase()).isEqualTo("Failed");
    assertThat(call.message()).contains("response code 404");
    assertThat(finished.status().nodes().values())
        .noneMatch(node -> "echo".equals(node.displayName()));
  }

  private Workflow run(String path) throws Exception {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
    Workflow workflow = Codec.yaml().readValue(WORKFLOW, Workflow.class);
    Workflow prepared = new Submission(Map.of("url", url), null, null, null, Map.of())
        .prepare(workflow, "default", Instant.now());
    String uid = controller.accept(prepared).uid();
    return controller.run(uid).get(60, TimeUnit.SECONDS);
  }

  private static String describe(Workflow workflow) {
    StringBuilder text = new StringBuilder(String.valueOf(workflow.status().message()));
    workflow.status().nodes().values().forEach(node -> text.append("\n").append(node.name())
        .append(' ').append(node.phase()).append(' ').append(node.message()));
    return text.toString();
  }

  private static NodeStatus node(Workflow workflow, String displayName) {
    return workflow.status().nodes().values().stream()
        .filter(node -> displayName.equals(node.displayName()))
        .findFirst().orElseThrow();
  }
}
