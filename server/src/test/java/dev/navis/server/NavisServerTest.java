package dev.navis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowStatus;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.controller.NavisConfig;
import dev.navis.controller.Submission;
import dev.navis.controller.templates.WorkflowTemplates;
import dev.navis.store.WorkflowStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every workflow endpoint over real HTTP, against one server on a free port. */
class NavisServerTest {

  static final String HELLO = """
      metadata:
        generateName: hello-
        labels: {team: sre}
      spec:
        entrypoint: main
        templates:
          - name: main
            container:
              image: alpine
              command: [sh, -c]
              args: ["echo hello; echo world"]
      """;

  static final String FAILING = """
      metadata: {generateName: failing-}
      spec:
        entrypoint: main
        templates:
          - name: main
            container: {image: alpine, command: [sh, -c], args: ["exit 3"]}
      """;

  static final String SLEEPING = """
      metadata: {generateName: sleeping-}
      spec:
        entrypoint: main
        templates:
          - name: main
            container: {image: alpine, command: [sh, -c], args: ["sleep 60"]}
      """;

  @TempDir static Path home;
  static ServerRuntime runtime;
  static ApiClient api;

  @BeforeAll
  static void startServer() {
    NavisConfig config = new NavisConfig(home, "h2:" + home.resolve("navis"), "default", 0,
        "server", null, 64 * 1024);
    runtime = ServerRuntime.start(config);
    api = new ApiClient(runtime.port(), null);
  }

  @AfterAll
  static void stopServer() {
    runtime.close();
  }

  static String createBody(String yaml) throws IOException {
    return Codec.toJson(java.util.Map.of("workflow", Codec.yaml().readTree(yaml)));
  }

  static JsonNode create(String namespace, String yaml) throws IOException {
    ApiClient.Answer answer = api.post("/api/v1/workflows/" + namespace, createBody(yaml));
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    return answer.json();
  }

  static JsonNode awaitPhase(String namespace, String name, String phase) {
    await().atMost(Duration.ofSeconds(30)).until(() -> phase.equals(
        api.get("/api/v1/workflows/" + namespace + "/" + name).json().at("/status/phase")
            .asText()));
    return api.get("/api/v1/workflows/" + namespace + "/" + name).json();
  }

  @Test
  void createReturnsThePendingWorkflowAndRunsIt() throws IOException {
    JsonNode created = create("default", HELLO);

    assertThat(created.at("/metadata/name").asText()).startsWith("hello-");
    assertThat(created.at("/metadata/uid").asText()).isNotEmpty();
    assertThat(created.at("/metadata/namespace").asText()).isEqualTo("default");
    assertThat(created.at("/status/phase").asText()).isEqualTo("Pending");
    JsonNode done = awaitPhase("default", created.at("/metadata/name").asText(), "Succeeded");
    assertThat(done.at("/status/nodes").size()).isEqualTo(1);
  }

  @Test
  void anInvalidWorkflowIsA400WithPositionAndField() throws IOException {
    String broken = HELLO.replace("entrypoint: main", "entrypoint: mian");

    ApiClient.Answer answer = api.post("/api/v1/workflows/default", createBody(broken));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("code").asInt()).isEqualTo(3);
    assertThat(answer.json().get("message").asText()).matches("(?s)workflow\\.yaml:\\d+:\\d+: "
        + "spec\\.entrypoint: .*mian.*");
    assertThat(api.post("/api/v1/workflows/default", "{not json").status()).isEqualTo(400);
    assertThat(api.post("/api/v1/workflows/default", "{}").json().get("code").asInt())
        .isEqualTo(3);
  }

  @Test
  void aTakenNameIsA409() throws IOException {
    String named = HELLO.replace("generateName: hello-", "name: taken\n  generateName: x-");
    assertThat(create("default", named).at("/metadata/name").asText()).isEqualTo("taken");

    ApiClient.Answer again = api.post("/api/v1/workflows/default", createBody(named));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("code").asInt()).isEqualTo(6);
    assertThat(again.json().get("message").asText()).contains("\"taken\" already exists");
  }

  @Test
  void dryRunAndLintStoreNothing() throws IOException {
    String named = HELLO.replace("generateName: hello-", "name: dry");
    String dryRun = Codec.toJson(java.util.Map.of("workflow", Codec.yaml().readTree(named),
        "serverDryRun", true));

    assertThat(api.post("/api/v1/workflows/default", dryRun).json().at("/metadata/name")
        .asText()).isEqualTo("dry");
    assertThat(api.post("/api/v1/workflows/default/lint", createBody(named)).status())
        .isEqualTo(200);
    assertThat(api.post("/api/v1/workflows/default/lint",
        createBody(named.replace("image: alpine", "imag: alpine"))).status()).isEqualTo(400);
    assertThat(api.get("/api/v1/workflows/default/dry").status()).isEqualTo(404);
  }

  @Test
  void listFiltersByLabelFieldAndLimit() throws IOException {
    String name = create("listing", HELLO).at("/metadata/name").asText();
    create("listing", FAILING);
    awaitPhase("listing", name, "Succeeded");

    assertThat(names("/api/v1/workflows/listing")).hasSize(2);
    assertThat(names("/api/v1/workflows/listing?listOptions.labelSelector=team%3Dsre"))
        .containsExactly(name);
    assertThat(names("/api/v1/workflows/listing?listOptions.fieldSelector=metadata.name%3D"
        + name)).containsExactly(name);
    assertThat(names("/api/v1/workflows/listing?listOptions.fieldSelector="
        + "status.phase%3DSucceeded")).containsExactly(name);
    assertThat(names("/api/v1/workflows/listing?listOptions.limit=1")).hasSize(1);
    assertThat(names("/api/v1/workflows/?listOptions.labelSelector=team%3Dsre"))
        .contains(name);
    assertThat(api.get("/api/v1/workflows/listing?listOptions.labelSelector=%3D%3D").status())
        .isEqualTo(400);
    assertThat(names("/api/v1/workflows/listing?listOptions.fieldSelector="
        + "status.phase!%3DSucceeded")).doesNotContain(name).hasSize(1);
    assertThat(api.get("/api/v1/workflows/listing?listOptions.fieldSelector=spec.x%3D1")
        .json().get("message").asText()).contains("not supported");
  }

  private static List<String> names(String path) {
    ApiClient.Answer answer = api.get(path);
    assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    answer.json().get("items").forEach(item -> names.add(item.at("/metadata/name").asText()));
    return names;
  }

  @Test
  void getAndDeleteAnswer404ForWhatIsNotThere() throws IOException {
    String name = create("default", HELLO).at("/metadata/name").asText();
    awaitPhase("default", name, "Succeeded");

    assertThat(api.delete("/api/v1/workflows/default/" + name).status()).isEqualTo(200);
    ApiClient.Answer gone = api.get("/api/v1/workflows/default/" + name);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.json().get("code").asInt()).isEqualTo(5);
    assertThat(gone.json().get("message").asText()).contains("not found");
    assertThat(api.delete("/api/v1/workflows/default/" + name).status()).isEqualTo(404);
    ApiClient.Answer noPath = api.get("/api/v1/nothing-here");
    assertThat(noPath.status()).isEqualTo(404);
    assertThat(noPath.json().get("code").asInt()).isEqualTo(5);
  }

  @Test
  void terminateEndsARunningWorkflowAndAFinishedOneRefuses() throws IOException {
    String name = create("default", SLEEPING).at("/metadata/name").asText();
    awaitPhase("default", name, "Running");

    assertThat(api.put("/api/v1/workflows/default/" + name + "/terminate", "{}").status())
        .isEqualTo(200);
    JsonNode ended = awaitPhase("default", name, "Failed");
    assertThat(ended.at("/status/phase").asText()).isEqualTo("Failed");

    ApiClient.Answer again = api.put("/api/v1/workflows/default/" + name + "/suspend", "{}");
    assertThat(again.status()).isEqualTo(400);
    assertThat(again.json().get("code").asInt()).isEqualTo(9);
    assertThat(again.json().get("message").asText()).contains("has already failed");
  }

  @Test
  void suspendResumeAndStopAreTakenByTheRunningWorkflow() throws IOException {
    String name = create("default", SLEEPING).at("/metadata/name").asText();
    awaitPhase("default", name, "Running");
    String path = "/api/v1/workflows/default/" + name;

    assertThat(api.put(path + "/suspend", "{}").status()).isEqualTo(200);
    assertThat(api.put(path + "/resume", "{}").status()).isEqualTo(200);
    assertThat(api.put(path + "/stop", "{\"message\":\"enough\"}").status()).isEqualTo(200);
    awaitPhase("default", name, "Failed");
  }

  @Test
  void retryRunsAFailedWorkflowAgainAndResubmitCopiesIt() throws IOException {
    String name = create("default", FAILING).at("/metadata/name").asText();
    awaitPhase("default", name, "Failed");
    String path = "/api/v1/workflows/default/" + name;

    assertThat(api.put(path + "/retry", "{}").status()).isEqualTo(200);
    awaitPhase("default", name, "Failed");
    ApiClient.Answer resubmitted = api.put(path + "/resubmit", "{}");
    assertThat(resubmitted.status()).isEqualTo(200);
    assertThat(resubmitted.json().at("/metadata/name").asText()).startsWith("failing-")
        .isNotEqualTo(name);
    assertThat(resubmitted.json().at("/metadata/labels")
        .get(WorkflowOperations.RESUBMITTED_FROM).asText()).isEqualTo(name);

    String good = create("default", HELLO).at("/metadata/name").asText();
    awaitPhase("default", good, "Succeeded");
    ApiClient.Answer refused = api.put("/api/v1/workflows/default/" + good + "/retry", "{}");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("message").asText()).contains("only Failed or Error");
  }

  static final String APPROVAL = """
      metadata: {generateName: approval-}
      spec:
        entrypoint: main
        templates:
          - name: main
            steps:
              - - {name: approve, template: approve}
              - - name: release
                  template: print
                  arguments:
                    parameters:
                      - {name: says, value: "{{steps.approve.outputs.parameters.says}}"}
          - name: approve
            suspend: {}
            outputs:
              parameters:
                - name: says
                  valueFrom: {supplied: {}}
          - name: print
            inputs: {parameters: [{name: says}]}
            container: {image: alpine, command: [echo, "{{inputs.parameters.says}}"]}
      """;

  @Test
  void setGivesASuspendNodeItsOutputsAndEndsIt() throws IOException {
    String name = create("default", APPROVAL).at("/metadata/name").asText();
    String path = "/api/v1/workflows/default/" + name;
    await().atMost(Duration.ofSeconds(20)).until(() -> "Running".equals(
        nodeNamed(api.get(path).json(), name + "[0].approve").path("phase").asText()));

    ApiClient.Answer set = api.put(path + "/set", """
        {"nodeFieldSelector": "displayName=approve", "phase": "Succeeded",
         "message": "approved", "outputParameters": "{\\"says\\": \\"ship it\\"}"}""");

    assertThat(set.status()).isEqualTo(200);
    JsonNode done = awaitPhase("default", name, "Succeeded");
    JsonNode release = nodeNamed(done, name + "[1].release");
    assertThat(release.at("/inputs/parameters/0/value").asText()).isEqualTo("ship it");
    assertThat(nodeNamed(done, name + "[0].approve").path("message").asText())
        .isEqualTo("approved");
  }

  @Test
  void setRefusesWhatNoRunningSuspendNodeCanTake() throws IOException {
    String name = create("default", APPROVAL).at("/metadata/name").asText();
    String path = "/api/v1/workflows/default/" + name;
    await().atMost(Duration.ofSeconds(20)).until(() -> "Running".equals(
        nodeNamed(api.get(path).json(), name + "[0].approve").path("phase").asText()));

    ApiClient.Answer unknown = api.put(path + "/set", """
        {"nodeFieldSelector": "displayName=approve", "outputParameters": {"colour": "red"}}""");
    ApiClient.Answer notSuspend = api.put(path + "/set",
        "{\"nodeFieldSelector\": \"displayName=release\", \"message\": \"x\"}");
    ApiClient.Answer badPhase = api.put(path + "/set",
        "{\"nodeFieldSelector\": \"displayName=approve\", \"phase\": \"Done\"}");

    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.json().get("message").asText())
        .contains("not expecting output parameter 'colour'");
    assertThat(notSuspend.status()).isEqualTo(400);
    assertThat(notSuspend.json().get("message").asText()).contains("set only targets suspend");
    assertThat(badPhase.json().get("message").asText()).contains("phase 'Done'");
    api.put(path + "/terminate", "{}");
  }

  private static JsonNode nodeNamed(JsonNode workflow, String nodeName) {
    for (JsonNode node : workflow.at("/status/nodes")) {
      if (nodeName.equals(node.path("name").asText())) {
        return node;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  @Test
  void submitFromAStoredTemplateRunsItWithTheOptions() throws IOException {
    WorkflowTemplate template = Codec.yaml().readValue("""
        metadata: {name: greeter}
        spec:
          entrypoint: greet
          arguments: {parameters: [{name: who, value: world}]}
          templates:
            - name: greet
              inputs: {parameters: [{name: who}]}
              container:
                image: alpine
                command: [sh, -c]
                args: ["echo hello {{inputs.parameters.who}}"]
        """, WorkflowTemplate.class);
    new WorkflowTemplates(runtime.controller().store().resources()).create(template, "tmpl");

    ApiClient.Answer submitted = api.post("/api/v1/workflows/tmpl/submit", """
        {"resourceKind": "WorkflowTemplate", "resourceName": "greeter",
         "submitOptions": {"parameters": ["who=server"], "labels": "via=api"}}""");

    assertThat(submitted.status()).as(submitted.text()).isEqualTo(200);
    String name = submitted.json().at("/metadata/name").asText();
    assertThat(name).startsWith("greeter-");
    assertThat(submitted.json().at("/metadata/labels/via").asText()).isEqualTo("api");
    JsonNode done = awaitPhase("tmpl", name, "Succeeded");
    assertThat(done.at("/status/nodes").elements().next().at("/outputs/result").asText())
        .isEqualTo("hello server");
    ApiClient.Answer missing = api.post("/api/v1/workflows/tmpl/submit",
        "{\"resourceKind\": \"WorkflowTemplate\", \"resourceName\": \"ghost\"}");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(api.post("/api/v1/workflows/tmpl/submit", "{\"resourceKind\": \"Pod\", "
        + "\"resourceName\": \"x\"}").status()).isEqualTo(400);
  }

  @Test
  void theWatchStreamSeesPendingRunningSucceeded() throws Exception {
    List<String> phases = new ArrayList<>();
    Thread watcher = Thread.ofVirtual().start(() ->
        watchPhases("/api/v1/workflow-events/watched", phases));
    Thread.sleep(300);

    create("watched", HELLO);
    watcher.join(Duration.ofSeconds(30));

    assertThat(phases.getFirst()).isEqualTo("ADDED:Pending");
    assertThat(phases).contains("MODIFIED:Running").last().isEqualTo("MODIFIED:Succeeded");
  }

  @Test
  void watchingOneWorkflowSeesItRunElsewhere() throws Exception {
    Workflow prepared = Submission.plain().prepare(
        Codec.yaml().readValue(HELLO, Workflow.class), "elsewhere", Instant.now());
    WorkflowStore store = runtime.controller().store();
    runtime.controller().accept(prepared);
    String uid = prepared.metadata().uid();
    // Another server holds it: its progress reaches this one only through the store.
    store.claim(uid, "another-server", Instant.now().plusSeconds(3600));
    List<String> phases = new ArrayList<>();
    Thread watcher = Thread.ofVirtual().start(() -> watchPhases("/api/v1/workflow-events/"
        + "elsewhere?listOptions.fieldSelector=metadata.name%3D" + prepared.metadata().name(),
        phases));

    Thread.sleep(300);
    store.commit(uid, phase("Running"), List.of(), List.of());
    Thread.sleep(1500);
    store.commit(uid, phase("Succeeded"), List.of(), List.of());
    watcher.join(Duration.ofSeconds(20));

    assertThat(phases).containsExactly("ADDED:Pending", "MODIFIED:Running",
        "MODIFIED:Succeeded");
  }

  private static WorkflowStatus phase(String phase) {
    return new WorkflowStatus(phase, Instant.now(), null, null, null, null, null, null, null,
        null, null);
  }

  private static void watchPhases(String path, List<String> phases) {
    try {
      api.stream(path, event -> {
        String phase = event.at("/result/object/status/phase").asText();
        phases.add(event.at("/result/type").asText() + ":" + phase);
        return "Succeeded".equals(phase);
      });
    } catch (IOException | InterruptedException e) {
      phases.add("failed: " + e);
    }
  }

  @Test
  void logsStreamEveryLineWithItsPodName() throws Exception {
    String name = create("default", HELLO).at("/metadata/name").asText();
    List<String> lines = new ArrayList<>();

    api.stream("/api/v1/workflows/default/" + name + "/log?logOptions.container=main"
        + "&logOptions.follow=true", line -> {
          lines.add(line.at("/result/podName").asText() + ": "
              + line.at("/result/content").asText());
          return false;
        });

    assertThat(lines).containsExactly(name + ": hello", name + ": world");
    assertThat(api.get("/api/v1/workflows/default/" + name + "/log?podName=ghost").status())
        .isEqualTo(404);
  }

  @Test
  void infoVersionOpenApiAndMetricsAnswer() throws IOException {
    awaitPhase("default", create("default", HELLO).at("/metadata/name").asText(), "Succeeded");

    assertThat(api.get("/api/v1/info").status()).isEqualTo(200);
    assertThat(api.get("/api/v1/version").json().get("version").asText()).startsWith("v");
    JsonNode openApi = api.get("/openapi.json").json();
    assertThat(openApi.get("paths").has("/api/v1/workflows/{namespace}")).isTrue();
    assertThat(openApi.get("paths").has("/api/v1/workflow-events/{namespace}")).isTrue();
    String metrics = api.get("/metrics").text();
    assertThat(metrics).contains("argo_workflows_gauge{phase=\"Succeeded\"}",
        "argo_workflows_queue_depth_gauge", "argo_workflows_operation_duration_seconds_bucket",
        "argo_workflows_pods_gauge", "jvm_memory_used_bytes");
    String succeeded = metrics.lines().filter(line -> line.startsWith(
        "argo_workflows_gauge{phase=\"Succeeded\"}")).findFirst().orElseThrow();
    assertThat(Double.parseDouble(succeeded.substring(succeeded.lastIndexOf(' ') + 1)))
        .isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void theOpenApiDocumentDescribesEveryRouteServed() {
    JsonNode paths = api.get("/openapi.json").json().get("paths");

    List<String> routes = runtime.server().routes();

    assertThat(routes).hasSizeGreaterThan(15);
    for (String route : routes) {
      String method = route.substring(0, route.indexOf(' ')).toLowerCase();
      String path = route.substring(route.indexOf(' ') + 1).replace("{ns}", "{namespace}");
      if (!path.contains("{namespace}") && !path.contains("cluster")
          && path.startsWith("/api/v1/workflow")) {
        path = path + "/{namespace}"; // all namespaces: the same path with the namespace empty
      }
      assertThat(paths.path(path).has(method)).as(route).isTrue();
    }
  }

  @RepeatedTest(20) // the answer must not be lost to a reset connection, which was a race
  void aBodyOverTheLimitIsA413() {
    String huge = "{\"workflow\":{\"metadata\":{\"name\":\"" + "x".repeat(70 * 1024) + "\"}}}";

    ApiClient.Answer answer = api.post("/api/v1/workflows/default", huge);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.json().get("code").asInt()).isEqualTo(8);
  }
}
