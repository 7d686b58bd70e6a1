package dev.navis.events.trigger;

import static dev.navis.events.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.navis.api.model.events.Sensor;
import dev.navis.api.model.events.Trigger;
import dev.navis.api.model.events.Trigger.StatusPolicy;
import dev.navis.events.Event;
import dev.navis.events.FakeWorkflowOperations;
import dev.navis.events.Secrets;
import dev.navis.events.TestEvents;
import dev.navis.events.runtime.TriggerActions;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TriggersTest {

  private final Event event = event("webhook", "example",
      "{\"body\":{\"name\":\"wf-9\",\"message\":\"hello\"}}");
  private final FakeWorkflowOperations workflows = new FakeWorkflowOperations();
  private final TriggerActions actions = TriggerActions.standard(workflows,
      Secrets.fromEnvironmentAndFolder(Map.of("NAVIS_SECRET_CREDS_USER", "ann",
          "NAVIS_SECRET_CREDS_PASSWORD", "pw"), java.nio.file.Path.of("/nonexistent")));

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

  private TriggerOutcome run(Trigger trigger, StatusPolicy policy) {
    TriggerRequest request = new TriggerRequest("ns", "s", trigger.template(),
        Map.of("dep", event), event, policy);
    return actions.forTemplate(trigger.template()).execute(request);
  }

  @Test
  void argoWorkflowActsOnTheWorkflowItsResourceNames() {
    TriggerOutcome outcome = run(trigger("""
        name: t
        argoWorkflow:
          operation: resume
          source:
            resource:
              apiVersion: argoproj.io/v1alpha1
              kind: Workflow
              metadata: {name: placeholder}
          parameters:
            - src: {dependencyName: dep, dataKey: body.name}
              dest: metadata.name
        """), null);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(workflows.actions).containsExactly("RESUME ns/wf-9");
  }

  @Test
  void anUnknownOperationAndARefusalAreFailedOutcomes() {
    String template = """
        name: t
        argoWorkflow:
          operation: %s
          source:
            resource: {apiVersion: argoproj.io/v1alpha1, kind: Workflow, metadata: {name: w}}
        """;
    assertThat(run(trigger(template.formatted("explode")), null).detail())
        .contains("unknown operation 'explode'");
    FakeWorkflowOperations refusing = new FakeWorkflowOperations(1);
    TriggerOutcome refused = new ArgoWorkflowTriggerAction(refusing).execute(new TriggerRequest(
        "ns", "s", trigger(template.formatted("submit")).template(), Map.of("dep", event),
        event, null));
    assertThat(refused.succeeded()).isFalse();
    assertThat(refused.detail()).contains("the store is busy");
  }

  @Test
  void k8sCreatingAnArgoWorkflowSubmitsItAndOtherObjectsNeedACluster() {
    TriggerOutcome created = run(trigger("""
        name: t
        k8s:
          operation: create
          source:
            resource:
              apiVersion: argoproj.io/v1alpha1
              kind: Workflow
              metadata: {generateName: hello-}
              spec: {entrypoint: main, arguments: {parameters: [{name: m, value: x}]}}
          parameters:
            - src: {dependencyName: dep, dataKey: body.message}
              dest: spec.arguments.parameters.0.value
        """), null);
    TriggerOutcome pod = run(trigger("""
        name: t
        k8s:
          operation: create
          source:
            resource: {apiVersion: v1, kind: Pod}
        """), null);

    assertThat(created.succeeded()).isTrue();
    assertThat(workflows.submitted.getFirst().spec().arguments().parameters().getFirst()
        .value()).isEqualTo("hello");
    assertThat(pod.succeeded()).isFalse();
    assertThat(pod.detail()).contains("needs a Kubernetes cluster");
  }

  @Test
  void httpSendsThePayloadWithHeadersAndBasicAuthAndHonoursTheStatusPolicy()
      throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      seen.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("X-Team")
          + " " + exchange.getRequestHeaders().getFirst("X-Token")
          + " " + exchange.getRequestHeaders().getFirst("Authorization") + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
    });
    server.start();
    try {
      Trigger trigger = trigger("""
          name: t
          http:
            url: http://127.0.0.1:%d
            method: PUT
            headers: {X-Team: blue}
            secureHeaders:
              - name: X-Token
                valueFrom: {secretKeyRef: {name: creds, key: user}}
            parameters:
              - src: {dependencyName: dep, dataKey: body.path, value: /hook}
                dest: url
                operation: append
            basicAuth:
              username: {name: creds, key: user}
              password: {name: creds, key: password}
            payload:
              - src: {dependencyName: dep, dataKey: body.message}
                dest: greeting
          """.formatted(server.getAddress().getPort()));

      TriggerOutcome accepted = run(trigger, null);
      TriggerOutcome refused = run(trigger, new StatusPolicy(List.of(200)));

      assertThat(accepted.succeeded()).isTrue();
      assertThat(refused.succeeded()).isFalse();
      assertThat(refused.detail()).contains("answered 202");
      assertThat(seen.getFirst())
          .isEqualTo("PUT blue ann Basic YW5uOnB3 {\"greeting\":\"hello\"}");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void unsupportedKindsFailWithTheirName() {
    assertThat(run(trigger("name: t\nslack: {channel: x}\n"), null).detail())
        .contains("'slack' triggers are not supported yet");
  }

  @Test
  void submitFromNamesTheTemplateAndCarriesTheLabels() {
    TriggerOutcome outcome = run(trigger("""
        name: t
        argoWorkflow:
          operation: submit-from
          source:
            resource:
              apiVersion: argoproj.io/v1alpha1
              kind: CronWorkflow
              metadata: {name: nightly}
        """), null);

    assertThat(outcome.succeeded()).isTrue();
    assertThat(workflows.actions).singleElement().asString()
        .startsWith("submit-from CronWorkflow/nightly")
        .contains("navis.dev/event-id=" + event.id());
  }

  @Test
  void theLogTriggerKeepsToItsInterval() {
    long[] now = {0};
    LogTriggerAction log = new LogTriggerAction(() -> now[0]);
    TriggerRequest request = new TriggerRequest("ns", "s",
        trigger("name: t\nlog: {intervalSeconds: 10}\n").template(), Map.of("dep", event),
        event, null);

    String first = log.execute(request).detail();
    now[0] = 5_000_000_000L;
    String tooSoon = log.execute(request).detail();
    now[0] = 10_000_000_000L;
    String later = log.execute(request).detail();

    assertThat(first).startsWith("logged");
    assertThat(tooSoon).contains("within intervalSeconds");
    assertThat(later).startsWith("logged");
  }
}
