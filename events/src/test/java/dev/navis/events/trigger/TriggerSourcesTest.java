package dev.navis.events.trigger;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.navis.api.Codec;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.events.ArgoWorkflowTrigger.ArtifactSource;
import dev.navis.api.model.events.Sensor;
import dev.navis.api.model.events.Trigger;
import dev.navis.events.ArgoEventsExamples;
import dev.navis.events.ConfigMaps;
import dev.navis.events.Event;
import dev.navis.events.FakeWorkflowOperations;
import dev.navis.events.Secrets;
import dev.navis.events.TestEvents;
import dev.navis.events.runtime.TriggerActions;
import dev.navis.events.sensor.SensorCheck;
import dev.navis.events.sensor.SensorCheck.Finding;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The argoWorkflow and k8s triggers reading their workflow from a file, URL or ConfigMap. */
class TriggerSourcesTest {

  private static final String WORKFLOW = """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        generateName: hello-world-
      spec:
        entrypoint: whalesay
        arguments:
          parameters: [{name: message, value: default}]
        templates:
          - name: whalesay
            container: {image: docker/whalesay, command: [cowsay], args: ["hello"]}
      """;

  @TempDir
  Path folder;

  private final Event event = event("webhook", "example", "{\"body\":{\"message\":\"hi\"}}");
  private final FakeWorkflowOperations workflows = new FakeWorkflowOperations();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static Trigger trigger(String template) {
    Sensor sensor = TestEvents.sensor("""
        apiVersion: argoproj.io/v1alpha1
        kind: Sensor
        metadata: {name: s}
        spec:
          dependencies: [{name: dep, eventSourceName: webhook, eventName: example}]
          triggers:
            - template:
        %s
        """.formatted(template.indent(8).stripTrailing()));
    return sensor.spec().triggers().getFirst();
  }

  private TriggerOutcome run(Trigger trigger, String namespace) {
    TriggerActions actions = TriggerActions.standard(workflows, Secrets.none(),
        ConfigMaps.fromFolder(folder.resolve("configmaps")));
    TriggerRequest request = new TriggerRequest(namespace, "s", trigger.template(),
        Map.of("dep", event), event, null);
    return actions.forTemplate(trigger.template()).execute(request);
  }

  private static String message(Workflow workflow) {
    return workflow.spec().arguments().parameters().getFirst().value();
  }

  private String serve(String path, int status, String body, Duration delay)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(path, exchange -> {
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Test
  void argoWorkflowReadsAFileOnThisHostAndAppliesItsParameters() throws Exception {
    Path file = Files.writeString(folder.resolve("hello.yaml"), WORKFLOW);

    TriggerOutcome outcome = run(trigger("""
        name: t
        argoWorkflow:
          source:
            file: {path: %s}
          parameters:
            - src: {dependencyName: dep, dataKey: body.message}
              dest: spec.arguments.parameters.0.value
        """.formatted(file)), "ns");

    assertThat(outcome.succeeded()).as(outcome.detail()).isTrue();
    assertThat(workflows.submitted).singleElement().satisfies(workflow -> {
      assertThat(workflow.metadata().generateName()).isEqualTo("hello-world-");
      assertThat(message(workflow)).isEqualTo("hi");
    });
  }

  @Test
  void k8sFetchesAUrlAndNamesWhatWentWrong() throws Exception {
    String url = serve("/wf.yaml", 200, WORKFLOW, Duration.ZERO);
    String template = """
        name: t
        k8s:
          operation: create
          source:
            url: {path: "%s", verifycert: false}
        """;

    TriggerOutcome fetched = run(trigger(template.formatted(url)), "ns");
    TriggerOutcome missing = run(trigger(template.formatted(url.replace("wf", "none"))), "ns");
    TriggerOutcome ftp = run(trigger(template.formatted("ftp://127.0.0.1/wf.yaml")), "ns");

    assertThat(fetched.succeeded()).as(fetched.detail()).isTrue();
    assertThat(workflows.submitted).singleElement()
        .satisfies(workflow -> assertThat(message(workflow)).isEqualTo("default"));
    assertThat(missing.detail()).isEqualTo("k8s: source.url: GET "
        + url.replace("wf", "none") + " answered 404");
    assertThat(ftp.detail()).isEqualTo("k8s: source.url.path: expected an http or https URL,"
        + " found 'ftp://127.0.0.1/wf.yaml'");
  }

  @Test
  void aUrlThatDoesNotAnswerInTimeFails() throws Exception {
    String url = serve("/slow.yaml", 200, WORKFLOW, Duration.ofSeconds(1));
    TriggerSourceReader reader = new TriggerSourceReader(ConfigMaps.none(),
        Duration.ofMillis(300));

    JsonNode source = Codec.json().createObjectNode().put("path", url);

    TriggerSourceReader.Read read = reader.read(
        new ArtifactSource(null, null, null, source, null, null, null), "ns");

    assertThat(read.failure()).isEqualTo("source.url: no answer from " + url + " within PT0.3S");
  }

  @Test
  void argoEventsConfigMapExampleReadsTheKeyFileOfTheSensorsNamespace() throws Exception {
    Path key = folder.resolve("configmaps/argo-events/workflow-cm/wf");
    Files.createDirectories(key.getParent());
    Files.writeString(key, WORKFLOW);
    Sensor sensor = ArgoEventsExamples.read("sensors/trigger-source-configmap.yaml",
        Sensor.class);
    Trigger trigger = sensor.spec().triggers().getFirst();

    TriggerOutcome found = run(trigger, "argo-events");
    TriggerOutcome elsewhere = run(trigger, "other");

    assertThat(found.succeeded()).as(found.detail()).isTrue();
    assertThat(workflows.submitted).singleElement()
        .satisfies(workflow -> assertThat(workflow.spec().entrypoint()).isEqualTo("whalesay"));
    assertThat(elsewhere.detail())
        .isEqualTo("k8s: source.configmap: no key 'wf' in ConfigMap other/workflow-cm");
  }

  @Test
  void configMapNamesThatWouldLeaveTheFolderAreRefused() throws Exception {
    Files.writeString(folder.resolve("secret.yaml"), WORKFLOW);
    String template = """
        name: t
        argoWorkflow:
          source:
            configmap: {name: "%s", key: "%s"}
        """;

    assertThat(run(trigger(template.formatted("..", "secret.yaml")), "configmaps").detail())
        .isEqualTo("argoWorkflow: source.configmap.name: expected a ConfigMap name, found '..'");
    assertThat(run(trigger(template.formatted("cm", "../../x")), "ns").detail())
        .startsWith("argoWorkflow: source.configmap.key: expected a ConfigMap key");
    assertThat(ConfigMaps.fromFolder(folder).lookup("..", "x", "secret.yaml")).isEmpty();
    assertThat(workflows.submitted).isEmpty();
  }

  @Test
  void inlineTextIsReadAndContentThatIsNoObjectFails() throws Exception {
    Path list = Files.writeString(folder.resolve("list.yaml"), "- a\n- b\n");

    TriggerOutcome inline = run(trigger("""
        name: t
        argoWorkflow:
          source:
            inline: |
        %s
        """.formatted(WORKFLOW.indent(6).stripTrailing())), "ns");
    TriggerOutcome notAnObject = run(trigger("""
        name: t
        argoWorkflow:
          source: {file: {path: %s}}
        """.formatted(list)), "ns");
    TriggerOutcome absent = run(trigger("""
        name: t
        argoWorkflow:
          source: {file: {path: %s}}
        """.formatted(folder.resolve("absent.yaml"))), "ns");

    assertThat(inline.succeeded()).as(inline.detail()).isTrue();
    assertThat(notAnObject.detail())
        .isEqualTo("argoWorkflow: source.file: expected one object, found array");
    assertThat(absent.detail()).isEqualTo("argoWorkflow: source.file: no file at "
        + folder.resolve("absent.yaml"));
  }

  @Test
  void gitAndS3FailSayingWhatWorksAndTheCheckWarns() {
    Sensor git = ArgoEventsExamples.read("sensors/trigger-source-git.yaml", Sensor.class);
    Sensor s3 = ArgoEventsExamples.read("sensors/context-filter-webhook.yaml", Sensor.class);

    assertThat(run(git.spec().triggers().getFirst(), "ns").detail()).isEqualTo("k8s:"
        + " source.git is not supported on this host: use resource, inline, file, url or"
        + " configmap");
    assertThat(run(s3.spec().triggers().getFirst(), "ns").detail())
        .contains("source.s3 is not supported on this host");
    assertThat(SensorCheck.check(git)).filteredOn(Finding::warning).extracting(Finding::path)
        .contains("spec.triggers[0].template.k8s.source.git");
  }
}
