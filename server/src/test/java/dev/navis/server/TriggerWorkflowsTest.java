package dev.navis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.navis.api.Codec;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.controller.NavisConfig;
import dev.navis.controller.templates.WorkflowTemplates;
import dev.navis.events.trigger.WorkflowOperations.Operation;
import dev.navis.events.trigger.WorkflowOperations.WorkflowOperationException;
import dev.navis.server.events.ServerEvents;
import dev.navis.store.StoredWorkflow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What argoWorkflow triggers do to workflows, on a real server's controller and store. */
class TriggerWorkflowsTest {

  @TempDir static Path home;
  static ServerRuntime runtime;
  static WorkflowOperations operations;
  static TriggerWorkflows triggers;

  @BeforeAll
  static void startServer() throws Exception {
    runtime = ServerRuntime.start(new NavisConfig(home, "h2:" + home.resolve("navis"),
        "default", 0, "server", null, NavisConfig.DEFAULT_MAX_REQUEST_BYTES, "memory"));
    operations = new WorkflowOperations(runtime.controller().store(), runtime::controller,
        home.resolve("runs"));
    triggers = new TriggerWorkflows(operations, new WorkflowEvents(), () ->
        runtime.controller().adoptUnclaimed(10));
    new WorkflowTemplates(runtime.controller().store().resources()).create(Codec.yaml()
        .readValue("""
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: greeter}
            spec:
              entrypoint: main
              templates: [{name: main, container: {image: alpine, command: [echo, hi]}}]
            """, WorkflowTemplate.class), "default");
  }

  @AfterAll
  static void stopServer() {
    runtime.close();
  }

  private static StoredWorkflow finished(String name) {
    return await().atMost(Duration.ofSeconds(20)).until(() -> operations.find("default", name),
        WorkflowOperations::finished);
  }

  @Test
  void submitFromATemplateLabelsTheWorkflowAndResubmitCopiesIt() {
    String name = triggers.submitFrom("WorkflowTemplate", "default", "greeter",
        Map.of("events.argoproj.io/sensor", "s"));
    StoredWorkflow first = finished(name);

    triggers.act(Operation.RESUBMIT, "default", name);

    assertThat(first.phase()).isEqualTo("Succeeded");
    assertThat(first.labels()).containsEntry("events.argoproj.io/sensor", "s");
    await().atMost(Duration.ofSeconds(10)).until(() -> operations.list(
        new dev.navis.store.WorkflowQuery("default", java.util.Set.of(),
            "events.argoproj.io/sensor=s", 0)).size() == 2);
    assertThatThrownBy(() -> triggers.act(Operation.STOP, "default", name))
        .isInstanceOf(WorkflowOperationException.class).hasMessageContaining("already");
  }

  @Test
  void refusalsReadAsTheApiWouldSayThem() throws Exception {
    Workflow invalid = Codec.yaml().readValue("""
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {generateName: broken-}
        spec: {entrypoint: nowhere, templates: [{name: main, container: {image: alpine}}]}
        """, Workflow.class);

    assertThatThrownBy(() -> triggers.submit(invalid))
        .isInstanceOf(WorkflowOperationException.class).hasMessageContaining("nowhere");
    assertThatThrownBy(() -> triggers.submitFrom("WorkflowTemplate", "default", "ghost",
        Map.of())).isInstanceOf(WorkflowOperationException.class).hasMessageContaining("ghost");
    assertThatThrownBy(() -> triggers.act(Operation.RETRY, "default", "ghost"))
        .isInstanceOf(WorkflowOperationException.class).hasMessageContaining("not found");
  }

  @Test
  void anUnreachableJetStreamOrAnUnknownBusIsRefusedPlainly() {
    assertThatThrownBy(() -> ServerEvents.start("nats://127.0.0.1:1",
        runtime.controller().store(), triggers, home, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nats://127.0.0.1:1");
    assertThatThrownBy(() -> ServerEvents.start("kafka://x", runtime.controller().store(),
        triggers, home, Map.of())).hasMessageContaining("expected embedded, memory");
  }
}
