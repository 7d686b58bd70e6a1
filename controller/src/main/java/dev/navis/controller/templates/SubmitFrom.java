package dev.navis.controller.templates;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.model.CronWorkflow;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowTemplate;
import dev.navis.controller.cron.CronWorkflows;
import dev.navis.controller.cron.CronWorkflowRuns;
import dev.navis.store.ResourceNotFoundException;
import dev.navis.store.ResourceStore;
import java.time.Instant;
import java.util.Locale;

/**
 * The workflow {@code submit --from KIND/NAME} submits, as {@code argo submit --from} makes it:
 * from a WorkflowTemplate or ClusterWorkflowTemplate a workflow that references it by
 * {@code workflowTemplateRef} (the engine lays its spec over the template's when it runs), from
 * a CronWorkflow a workflow of its {@code workflowSpec}.
 */
public final class SubmitFrom {

  /** The label naming the WorkflowTemplate a workflow was submitted from. */
  public static final String TEMPLATE_LABEL = "workflows.argoproj.io/workflow-template";

  /** The label naming the ClusterWorkflowTemplate a workflow was submitted from. */
  public static final String CLUSTER_TEMPLATE_LABEL =
      "workflows.argoproj.io/cluster-workflow-template";

  private SubmitFrom() {}

  /**
   * @param reference {@code workflowtemplate/NAME}, {@code clusterworkflowtemplate/NAME} (or
   *     {@code clustertemplate/NAME}) or {@code cronwf/NAME} (or {@code cronworkflow/NAME})
   * @throws IllegalArgumentException when the reference is malformed or of another kind
   * @throws ResourceNotFoundException when nothing of that name is stored
   */
  public static Workflow workflow(String reference, String namespace, ResourceStore store,
      Instant now) {
    int slash = reference.indexOf('/');
    if (slash <= 0 || slash == reference.length() - 1) {
      throw new IllegalArgumentException("--from \"" + reference + "\": expected KIND/NAME,"
          + " with KIND workflowtemplate, clusterworkflowtemplate or cronwf");
    }
    String name = reference.substring(slash + 1);
    return switch (reference.substring(0, slash).toLowerCase(Locale.ROOT)) {
      case "workflowtemplate", "wftmpl" -> fromTemplate(store, false, namespace, name);
      case "clusterworkflowtemplate", "clustertemplate", "cwftmpl" ->
          fromTemplate(store, true, namespace, name);
      case "cronwf", "cronworkflow", "cronworkflows" -> fromCron(store, namespace, name, now);
      default -> throw new IllegalArgumentException("--from \"" + reference + "\": unknown kind"
          + " \"" + reference.substring(0, slash) + "\"; expected workflowtemplate,"
          + " clusterworkflowtemplate or cronwf");
    };
  }

  private static Workflow fromTemplate(ResourceStore store, boolean cluster, String namespace,
      String name) {
    WorkflowTemplate template = new WorkflowTemplates(store).get(cluster, namespace, name)
        .orElseThrow(() -> new ResourceNotFoundException(WorkflowTemplates.kind(cluster),
            cluster ? null : namespace, name));

    ObjectNode tree = Codec.json().createObjectNode();
    tree.put("apiVersion", Workflow.API_VERSION).put("kind", Workflow.KIND);
    ObjectNode metadata = tree.putObject("metadata");
    metadata.put("generateName", name + "-").put("namespace", namespace);
    metadata.putObject("labels").put(cluster ? CLUSTER_TEMPLATE_LABEL : TEMPLATE_LABEL, name);
    // TODO: Argo also applies the template's spec.workflowMetadata labels and annotations here.
    ObjectNode spec = tree.putObject("spec");
    spec.putObject("workflowTemplateRef").put("name", name).put("clusterScope", cluster);
    // The template's arguments come along, so that -p overrides one of them by name and the
    // others keep their values (the engine's overlay replaces the whole list).
    if (template.spec() != null && template.spec().arguments() != null) {
      spec.set("arguments", Codec.json().valueToTree(template.spec().arguments()));
    }
    return Codec.json().convertValue(tree, Workflow.class);
  }

  private static Workflow fromCron(ResourceStore store, String namespace, String name,
      Instant now) {
    CronWorkflow cron = new CronWorkflows(store).get(namespace, name)
        .orElseThrow(() -> new ResourceNotFoundException(CronWorkflow.KIND, namespace, name));
    return CronWorkflowRuns.manual(cron, now);
  }
}
