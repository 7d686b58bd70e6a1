package dev.navis.controller.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.navis.api.Codec;
import dev.navis.api.model.CronWorkflow;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.controller.cron.CronWorkflowRuns;
import dev.navis.controller.cron.CronWorkflows;
import dev.navis.store.ResourceNotFoundException;
import dev.navis.store.Stores;
import dev.navis.store.WorkflowStore;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Stored templates as the engine and {@code submit --from} see them. */
class SubmitFromTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private WorkflowStore store;
  private WorkflowTemplates templates;

  @BeforeEach
  void open() throws Exception {
    store = Stores.open("h2:" + Files.createTempDirectory("navis-templates") + "/");
    templates = new WorkflowTemplates(store.resources());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static WorkflowTemplate template(String kind, String name, String echo)
      throws Exception {
    return Codec.yaml().readValue("""
        apiVersion: argoproj.io/v1alpha1
        kind: %s
        metadata: {name: %s}
        spec:
          entrypoint: main
          arguments:
            parameters: [{name: a, value: "1"}, {name: b, value: "2"}]
          templates: [{name: main, container: {image: alpine, command: [echo, %s]}}]
        """.formatted(kind, name, echo), WorkflowTemplate.class);
  }

  @Test
  void theEngineSeesTheCurrentTemplateOfEachScope() throws Exception {
    StoredTemplateSource source = new StoredTemplateSource(store::resources);
    templates.create(template(WorkflowTemplate.KIND, "t", "one"), "argo");
    templates.create(template(WorkflowTemplate.CLUSTER_KIND, "t", "cluster"), "ignored");

    templates.update(template(WorkflowTemplate.KIND, "t", "two"), "argo");

    WorkflowTemplate namespaced = source.workflowTemplate("argo", "t").orElseThrow();
    assertThat(namespaced.spec().templates().getFirst().container().command())
        .containsExactly("echo", "two");
    assertThat(source.clusterWorkflowTemplate("t").orElseThrow().clusterScoped()).isTrue();
    assertThat(source.workflowTemplate("other", "t")).isEmpty();
    assertThat(source.clusterWorkflowTemplate("none")).isEmpty();
  }

  @Test
  void fromATemplateReferencesItAndCarriesItsArguments() throws Exception {
    templates.create(template(WorkflowTemplate.KIND, "t", "one"), "argo");

    Workflow workflow = SubmitFrom.workflow("workflowtemplate/t", "argo", store.resources(),
        NOW);

    assertThat(workflow.metadata().generateName()).isEqualTo("t-");
    assertThat(workflow.metadata().labels()).containsEntry(SubmitFrom.TEMPLATE_LABEL, "t");
    assertThat(workflow.spec().workflowTemplateRef().name()).isEqualTo("t");
    assertThat(workflow.spec().workflowTemplateRef().clusterScope()).isFalse();
    assertThat(workflow.spec().arguments().parameters()).extracting(Parameter::name)
        .containsExactly("a", "b");
  }

  @Test
  void fromAClusterTemplateUsesTheGivenNamespace() throws Exception {
    templates.create(template(WorkflowTemplate.CLUSTER_KIND, "c", "x"), null);

    Workflow workflow = SubmitFrom.workflow("clustertemplate/c", "team-a", store.resources(),
        NOW);

    assertThat(workflow.metadata().namespace()).isEqualTo("team-a");
    assertThat(workflow.metadata().labels())
        .containsEntry(SubmitFrom.CLUSTER_TEMPLATE_LABEL, "c");
    assertThat(workflow.spec().workflowTemplateRef().clusterScope()).isTrue();
  }

  @Test
  void fromACronWorkflowTakesItsWorkflowSpecAndMetadata() throws Exception {
    new CronWorkflows(store.resources()).create(Codec.yaml().readValue("""
        apiVersion: argoproj.io/v1alpha1
        kind: CronWorkflow
        metadata: {name: nightly}
        spec:
          schedules: ["0 3 * * *"]
          workflowMetadata: {labels: {team: data}}
          workflowSpec: {entrypoint: main, templates: [{name: main, suspend: {}}]}
        """, CronWorkflow.class), "argo");

    Workflow workflow = SubmitFrom.workflow("cronwf/nightly", "argo", store.resources(), NOW);

    assertThat(workflow.metadata().labels()).containsEntry("team", "data")
        .containsEntry(CronWorkflowRuns.CRON_LABEL, "nightly");
    assertThat(workflow.metadata().annotations())
        .containsEntry(CronWorkflowRuns.SCHEDULED_TIME, NOW.toString());
    assertThat(workflow.spec().entrypoint()).isEqualTo("main");
  }

  @Test
  void aBadOrMissingReferenceSaysWhat() {
    assertThatThrownBy(() -> SubmitFrom.workflow("workflowtemplate/none", "argo",
        store.resources(), NOW))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessage("WorkflowTemplate \"none\" not found in namespace \"argo\"");
    assertThatThrownBy(() -> SubmitFrom.workflow("template", "argo", store.resources(), NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KIND/NAME");
    assertThatThrownBy(() -> SubmitFrom.workflow("pod/x", "argo", store.resources(), NOW))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown kind");
  }
}
