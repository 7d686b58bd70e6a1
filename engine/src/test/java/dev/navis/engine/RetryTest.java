package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.engine.testing.EngineHarness;
import dev.navis.engine.testing.FakeExecutor;
import dev.navis.engine.testing.Outcome;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

  private static String retrying(String strategy) {
    return """
        metadata: {name: retry}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - {name: flaky, template: flaky}
          - name: flaky
            retryStrategy: %s
            container: {image: busybox, command: [sh, -c, "exit 1"]}
        """.formatted(strategy);
  }

  @Test
  void retriesUntilTheLimitAndKeepsEachAttempt() {
    EngineHarness harness = EngineHarness.of(retrying("{limit: \"2\"}"))
        .executor(new FakeExecutor().on("flaky", Outcome.failed()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.startOrder()).containsExactly("retry[0].flaky(0)", "retry[0].flaky(1)",
        "retry[0].flaky(2)");
    assertThat(harness.node("retry[0].flaky").type()).isEqualTo("Retry");
    assertThat(harness.node("retry[0].flaky").children()).hasSize(3);
    assertThat(harness.node("retry[0].flaky(1)").displayName()).isEqualTo("flaky(1)");
  }

  @Test
  void aSucceedingAttemptEndsTheRetry() {
    AtomicInteger calls = new AtomicInteger();
    EngineHarness harness = EngineHarness.of(retrying("{limit: \"5\"}"))
        .executor(new FakeExecutor().when(launch -> true, launch ->
            calls.incrementAndGet() < 2 ? Outcome.failed() : Outcome.succeeded("ok")));

    assertThat(harness.runToCompletion()).isEqualTo("Succeeded");

    assertThat(harness.executor().launches()).hasSize(2);
    assertThat(harness.node("retry[0].flaky").outputs().result()).isEqualTo("ok");
  }

  @Test
  void backoffWaitsBetweenAttempts() {
    EngineHarness harness = EngineHarness.of(
        retrying("{limit: \"2\", backoff: {duration: \"10s\", factor: \"2\"}}"))
        .executor(new FakeExecutor().on("flaky", Outcome.failed()));

    harness.runToCompletion();

    var first = harness.node("retry[0].flaky(0)");
    var second = harness.node("retry[0].flaky(1)");
    var third = harness.node("retry[0].flaky(2)");
    assertThat(Duration.between(first.finishedAt(), second.startedAt())).hasSeconds(10);
    assertThat(Duration.between(second.finishedAt(), third.startedAt())).hasSeconds(20);
  }

  @Test
  void onErrorPolicyDoesNotRetryFailures() {
    EngineHarness harness = EngineHarness.of(
        retrying("{limit: \"3\", retryPolicy: OnError}"))
        .executor(new FakeExecutor().on("flaky", Outcome.failed()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.executor().launches()).hasSize(1);
  }

  @Test
  void expressionDecidesWithLastRetry() {
    EngineHarness harness = EngineHarness.of(
        retrying("{limit: \"5\", expression: \"asInt(lastRetry.exitCode) == 2\"}"))
        .executor(new FakeExecutor().when(launch -> true, launch ->
            Outcome.failed().withExitCode(launch.nodeName().endsWith("(0)") ? 2 : 3)));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.executor().launches()).hasSize(2);
  }

  @Test
  void expressionReadsTheTemplatesInputsThroughTags() {
    String yaml = """
        metadata: {name: retry}
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: flaky
                template: flaky
                arguments: {parameters: [{name: safe, value: "true"}]}
          - name: flaky
            inputs: {parameters: [{name: safe}]}
            retryStrategy:
              limit: "2"
              expression: '{{inputs.parameters.safe}} == true && asInt(lastRetry.exitCode) > 1'
            container: {image: busybox, command: [sh, -c, "exit 2"]}
        """;
    EngineHarness harness = EngineHarness.of(yaml)
        .executor(new FakeExecutor().on("flaky", Outcome.failed().withExitCode(2)));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.executor().launches()).hasSize(3);
    assertThat(harness.node("retry[0].flaky").message()).doesNotContain("expression");
  }

  @Test
  void retriesVariableCountsAttempts() {
    String yaml = retrying("{limit: \"1\"}")
        .replace("\"exit 1\"", "\"echo {{retries}}\"");
    EngineHarness harness = EngineHarness.of(yaml)
        .executor(new FakeExecutor().on("flaky", Outcome.failed()));

    harness.runToCompletion();

    assertThat(harness.executor().launches().get(1).template().container().command())
        .containsExactly("sh", "-c", "echo 1");
  }

  @Test
  void workflowRetryStrategyAppliesToPodsWithoutTheirOwn() {
    String yaml = """
        metadata: {name: wfretry}
        spec:
          entrypoint: main
          retryStrategy: {limit: "1"}
          templates:
          - name: main
            steps:
            - - {name: a, template: work}
          - name: work
            container: {image: busybox, command: [echo]}
        """;
    EngineHarness harness = EngineHarness.of(yaml)
        .executor(new FakeExecutor().on("a", Outcome.failed()));

    assertThat(harness.runToCompletion()).isEqualTo("Failed");

    assertThat(harness.startOrder()).containsExactly("wfretry[0].a(0)", "wfretry[0].a(1)");
    assertThat(harness.node("wfretry").type()).isEqualTo("Steps");
  }
}
