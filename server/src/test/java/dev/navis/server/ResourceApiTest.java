package dev.navis.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.controller.NavisConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WorkflowTemplates, ClusterWorkflowTemplates and CronWorkflows over real HTTP. */
class ResourceApiTest {

  static final String TEMPLATE = """
      metadata:
        name: greeter
        labels: {team: docs}
      spec:
        entrypoint: greet
        templates:
          - name: greet
            container: {image: alpine, command: [sh, -c], args: ["echo hi"]}
      """;

  static final String CRON = """
      metadata: {name: nightly}
      spec:
        schedules: ["0 3 * * *"]
        workflowSpec:
          entrypoint: main
          templates:
            - name: main
              container: {image: alpine, command: [sh, -c], args: ["echo night"]}
      """;

  @TempDir static Path home;
  static ServerRuntime runtime;
  static ApiClient api;

  @BeforeAll
  static void startServer() {
    runtime = ServerRuntime.start(new NavisConfig(home, "h2:" + home.resolve("navis"),
        "default", 0, "server", null, NavisConfig.DEFAULT_MAX_REQUEST_BYTES));
    api = new ApiClient(runtime.port(), null);
  }

  @AfterAll
  static void stopServer() {
    runtime.close();
  }

  private static String body(String field, String yaml) throws IOException {
    return Codec.toJson(Map.of(field, Codec.yaml().readTree(yaml)));
  }

  @Test
  void workflowTemplatesAreCreatedListedUpdatedAndDeleted() throws IOException {
    String base = "/api/v1/workflow-templates/docs";

    ApiClient.Answer created = api.post(base, body("template", TEMPLATE));
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    assertThat(created.json().at("/metadata/namespace").asText()).isEqualTo("docs");
    assertThat(api.post(base, body("template", TEMPLATE)).status()).isEqualTo(409);
    assertThat(api.get(base + "?listOptions.labelSelector=team%3Ddocs").json().get("items"))
        .hasSize(1);
    assertThat(api.get(base + "?listOptions.labelSelector=team%3Dweb").json().get("items"))
        .isEmpty();

    ApiClient.Answer updated = api.put(base + "/greeter",
        body("template", TEMPLATE.replace("echo hi", "echo hello")));
    assertThat(updated.status()).as(updated.text()).isEqualTo(200);
    JsonNode stored = api.get(base + "/greeter").json();
    assertThat(stored.at("/spec/templates/0/container/args/0").asText()).isEqualTo("echo hello");

    assertThat(api.delete(base + "/greeter").status()).isEqualTo(200);
    assertThat(api.get(base + "/greeter").status()).isEqualTo(404);
    assertThat(api.delete(base + "/greeter").status()).isEqualTo(404);
  }

  @Test
  void anInvalidTemplateIsA400AndLintSaysWhy() throws IOException {
    String broken = TEMPLATE.replace("entrypoint: greet", "entrypoint: gret");

    ApiClient.Answer lint = api.post("/api/v1/workflow-templates/docs/lint",
        body("template", broken));

    assertThat(lint.status()).isEqualTo(400);
    assertThat(lint.json().get("message").asText())
        .matches("(?s)workflowtemplate\\.yaml:\\d+:\\d+: spec\\.entrypoint: .*gret.*");
    assertThat(api.post("/api/v1/workflow-templates/docs", body("template", broken)).status())
        .isEqualTo(400);
    assertThat(api.post("/api/v1/workflow-templates/docs/lint", body("template", TEMPLATE))
        .status()).isEqualTo(200);
  }

  @Test
  void clusterTemplatesHaveNoNamespace() throws IOException {
    ApiClient.Answer created = api.post("/api/v1/cluster-workflow-templates",
        body("template", TEMPLATE.replace("greeter", "shared")));

    assertThat(created.status()).as(created.text()).isEqualTo(200);
    assertThat(created.json().at("/metadata/namespace").isMissingNode()).isTrue();
    assertThat(api.get("/api/v1/cluster-workflow-templates/shared").json().get("kind").asText())
        .isEqualTo("ClusterWorkflowTemplate");
    assertThat(api.get("/api/v1/cluster-workflow-templates").json().get("items")).hasSize(1);
  }

  @Test
  void cronWorkflowsAreSuspendedAndResumed() throws IOException {
    String base = "/api/v1/cron-workflows/ops";

    ApiClient.Answer created = api.post(base, body("cronWorkflow", CRON));
    assertThat(created.status()).as(created.text()).isEqualTo(200);
    assertThat(api.put(base + "/nightly/suspend", "{}").json().at("/spec/suspend").asBoolean())
        .isTrue();
    assertThat(api.get(base + "/nightly").json().at("/spec/suspend").asBoolean()).isTrue();
    assertThat(api.put(base + "/nightly/resume", "{}").json().at("/spec/suspend").asBoolean())
        .isFalse();
    assertThat(api.put(base + "/ghost/suspend", "{}").status()).isEqualTo(404);
    ApiClient.Answer bad = api.post(base, body("cronWorkflow",
        CRON.replace("nightly", "broken").replace("0 3 * * *", "61 * * * *")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(api.delete(base + "/nightly").status()).isEqualTo(200);
  }
}
