package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.model.HttpTemplate;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.testing.EngineHarness;
import dev.navis.engine.testing.FakeExecutor;
import dev.navis.engine.testing.Outcome;
import org.junit.jupiter.api.Test;

class HttpTemplateTest {

  private static final String CALL_THEN_ECHO = """
      metadata: {name: http}
      spec:
        entrypoint: main
        arguments: {parameters: [{name: base, value: "http://127.0.0.1:8080"}]}
        templates:
        - name: main
          steps:
          - - name: call
              template: post
              arguments: {parameters: [{name: who, value: navis}]}
          - - name: echo
              template: echo
              arguments: {parameters: [{name: said, value: "{{steps.call.outputs.result}}"}]}
        - name: post
          inputs: {parameters: [{name: who}]}
          http:
            method: POST
            url: "{{workflow.parameters.base}}/greet/{{inputs.parameters.who}}"
            headers: [{name: x-who, value: "{{inputs.parameters.who}}"}]
            body: '{"who": "{{inputs.parameters.who}}"}'
            successCondition: response.statusCode == 201
        - name: echo
          inputs: {parameters: [{name: said}]}
          container: {image: alpine, command: [echo, "{{inputs.parameters.said}}"]}
      """;

  @Test
  void anHttpTemplateStartsAnHttpNodeWithItsRequestSubstituted() {
    EngineHarness harness = EngineHarness.of(CALL_THEN_ECHO)
        .executor(new FakeExecutor().onTemplate("post", Outcome.succeeded("hi")));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    NodeLaunch call = harness.executor().launches().get(0);
    HttpTemplate http = call.template().http();
    assertThat(call.nodeName()).isEqualTo("http[0].call");
    assertThat(http.method()).isEqualTo("POST");
    assertThat(http.url()).isEqualTo("http://127.0.0.1:8080/greet/navis");
    assertThat(http.headers()).singleElement()
        .satisfies(header -> assertThat(header.value()).isEqualTo("navis"));
    assertThat(http.body()).isEqualTo("{\"who\": \"navis\"}");
    assertThat(http.successCondition()).isEqualTo("response.statusCode == 201");
    assertThat(harness.node("http[0].call").type()).isEqualTo("HTTP");
  }

  @Test
  void theResponseBodyIsTheResultOfTheNextStep() {
    FakeExecutor executor = new FakeExecutor()
        .onTemplate("post", Outcome.succeeded("hello navis"));
    EngineHarness harness = EngineHarness.of(CALL_THEN_ECHO).executor(executor);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.node("http[0].call").outputs().result()).isEqualTo("hello navis");
    NodeLaunch echo = executor.launches().get(1);
    assertThat(echo.template().container().command()).containsExactly("echo", "hello navis");
  }

  @Test
  void aFailedRequestFailsItsStepAndTheWorkflow() {
    FakeExecutor executor = new FakeExecutor().onTemplate("post",
        new Outcome("Failed", null, "nope", java.util.Map.of(),
            "received non-2xx response code: 404", java.time.Duration.ofSeconds(1)));
    EngineHarness harness = EngineHarness.of(CALL_THEN_ECHO).executor(executor);

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.node("http[0].call").phase()).isEqualTo("Failed");
    assertThat(harness.node("http[0].call").message())
        .isEqualTo("received non-2xx response code: 404");
    assertThat(harness.startOrder()).containsExactly("http[0].call");
  }

  @Test
  void aRetryStrategyRunsTheRequestAgain() {
    String yaml = """
        metadata: {name: again}
        spec:
          entrypoint: get
          templates:
          - name: get
            retryStrategy: {limit: 2}
            http: {url: "http://127.0.0.1:1/"}
        """;
    FakeExecutor executor = new FakeExecutor()
        .when(launch -> launch.nodeName().equals("again(0)"), launch -> Outcome.failed());
    EngineHarness harness = EngineHarness.of(yaml).executor(executor);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.startOrder()).containsExactly("again(0)", "again(1)");
    assertThat(harness.node("again(1)").type()).isEqualTo("HTTP");
  }

  @Test
  void podFieldsAreNotMentionedOnAnHttpNode() {
    String yaml = """
        metadata: {name: quiet}
        spec:
          entrypoint: main
          nodeSelector: {disk: ssd}
          templates:
          - name: main
            steps:
            - - {name: call, template: get}
            - - {name: run, template: pod}
          - name: get
            http: {url: "http://127.0.0.1:1/"}
          - name: pod
            container: {image: alpine}
        """;
    EngineHarness harness = EngineHarness.of(yaml);

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.node("quiet[0].call").message()).isNull();
    assertThat(harness.node("quiet[1].run").message()).contains("spec.nodeSelector");
  }

  @Test
  void aDeadlineStopsARunningRequest() {
    String yaml = """
        metadata: {name: dl}
        spec:
          entrypoint: main
          templates:
          - name: main
            activeDeadlineSeconds: 10
            http: {url: "http://127.0.0.1:1/slow"}
        """;
    EngineHarness harness = EngineHarness.of(yaml)
        .executor(new FakeExecutor().on("dl", Outcome.hangs()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.actions()).anySatisfy(action ->
        assertThat(action).isInstanceOf(Action.StopNode.class));
    assertThat(harness.node("dl").type()).isEqualTo("HTTP");
    assertThat(harness.node("dl").phase()).isEqualTo("Failed");
  }

  @Test
  void aRestoredRunRecoversItsRunningRequests() {
    EngineHarness harness = EngineHarness.of(CALL_THEN_ECHO).restoreEachStep()
        .executor(new FakeExecutor().on("call", Outcome.hangs()));
    harness.reconcile();
    harness.reconcile(new Occurrence.Tick());

    Reconciliation restored = harness.reconcile(new Occurrence.Restored());

    assertThat(restored.actions()).singleElement().satisfies(action -> {
      assertThat(action).isInstanceOf(Action.RecoverNode.class);
      NodeLaunch launch = ((Action.RecoverNode) action).launch();
      assertThat(launch.nodeName()).isEqualTo("http[0].call");
      assertThat(launch.template().http().url()).isEqualTo("http://127.0.0.1:8080/greet/navis");
    });
  }
}
