package dev.navis.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.ParseResult;
import dev.navis.api.ParsedResource;
import dev.navis.api.Resources;
import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.controller.Controller;
import dev.navis.controller.Submission;
import dev.navis.controller.templates.WorkflowTemplates;
import dev.navis.executor.host.HostExecutor;
import dev.navis.executor.host.ImageTable;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Argo's WorkflowTemplate and ClusterWorkflowTemplate examples, run with real host processes:
 * the templates of both folders are stored first, then every host Workflow there that
 * references them runs and must end as EXPECTED.tsv says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredTemplateExamplesTest {

  private static final List<String> FOLDERS =
      List.of("workflow-template", "cluster-workflow-template");

  private Path home;
  private WorkflowStore store;
  private Controller controller;
  private final Map<String, CompletableFuture<Workflow>> runs = new LinkedHashMap<>();

  @BeforeAll
  void storeTemplatesAndSubmit() throws Exception {
    home = Files.createTempDirectory("navis-template-examples");
    store = Stores.open("h2:" + home.resolve("navis"));
    controller = new Controller(store, listener -> new HostExecutor(home.resolve("runs"),
        listener, ImageTable.defaults()), Clock.systemUTC());
    storeTemplates();
    for (ArgoExamples.Example example : referencing().toList()) {
      runs.put(example.name(), submit(example.file()));
    }
  }

  @AfterAll
  void close() {
    controller.close();
    store.close();
  }

  private void storeTemplates() throws IOException {
    WorkflowTemplates templates = new WorkflowTemplates(store.resources());
    for (String folder : FOLDERS) {
      try (Stream<Path> files = Files.list(ArgoExamples.root().resolve("examples/" + folder))) {
        for (Path file : files.sorted().toList()) {
          for (ParsedResource resource : Resources.read(file).resources()) {
            if (resource.resource() instanceof WorkflowTemplate template) {
              templates.create(template, "default");
            }
          }
        }
      }
    }
  }

  /** Host Workflows of the two folders that use stored templates, flaky ones aside. */
  Stream<ArgoExamples.Example> referencing() throws IOException {
    return ArgoExamples.all().stream()
        .filter(example -> FOLDERS.stream().anyMatch(f -> example.name().startsWith(f + "/")))
        .filter(example -> "H".equals(example.hostClass()) && "Workflow".equals(example.kinds()))
        .filter(example -> example.noTestLabel().isEmpty())
        .filter(ArgoExamples.Example::usesStoredTemplates);
  }

  Stream<Arguments> examples() throws IOException {
    return referencing().map(example -> Arguments.of(example.name(), example.expected()));
  }

  @Test
  void bothFoldersHaveReferencingExamples() throws IOException {
    assertThat(referencing().map(ArgoExamples.Example::name).toList())
        .contains("workflow-template/workflow-template-ref.yaml",
            "cluster-workflow-template/mixed-cluster-namespaced-wftmpl-steps.yaml")
        .hasSizeGreaterThanOrEqualTo(8);
  }

  @ParameterizedTest(name = "{0} ends {1}")
  @MethodSource("examples")
  void exampleEndsAsArgoSays(String name, String expected) throws Exception {
    Workflow finished = runs.get(name).get(3, TimeUnit.MINUTES);

    assertThat(finished.status().phase()).as(explain(finished)).isEqualTo(expected);
  }

  private CompletableFuture<Workflow> submit(Path file) {
    ParseResult parsed = Resources.read(file);
    assertThat(parsed.problems()).as(file + " reads cleanly").isEmpty();
    Workflow workflow = parsed.resources().getFirst().as(Workflow.class);
    Workflow prepared = Submission.plain().prepare(workflow, "default", Instant.now());
    return controller.run(controller.accept(prepared).uid());
  }

  private static String explain(Workflow workflow) {
    Map<String, NodeStatus> nodes = workflow.status().nodes();
    String failing = nodes == null ? "" : nodes.values().stream()
        .filter(node -> !"Succeeded".equals(node.phase()))
        .map(node -> node.name() + " " + node.phase() + ": " + node.message())
        .collect(Collectors.joining("\n  "));
    return workflow.metadata().name() + " ended " + workflow.status().phase() + " ("
        + workflow.status().message() + ")\n  " + failing;
  }
}
