package dev.navis.events.runtime;

import dev.navis.api.model.events.TriggerTemplate;
import dev.navis.events.ConfigMaps;
import dev.navis.events.Secrets;
import dev.navis.events.sensor.TriggerKinds;
import dev.navis.events.trigger.ArgoWorkflowTriggerAction;
import dev.navis.events.trigger.AwsLambdaTriggerAction;
import dev.navis.events.trigger.HttpTriggerAction;
import dev.navis.events.trigger.K8sTriggerAction;
import dev.navis.events.trigger.KafkaTriggerAction;
import dev.navis.events.trigger.LogTriggerAction;
import dev.navis.events.trigger.NatsTriggerAction;
import dev.navis.events.trigger.TriggerAction;
import dev.navis.events.trigger.TriggerOutcome;
import dev.navis.events.trigger.TriggerSourceReader;
import dev.navis.events.trigger.WorkflowOperations;
import java.util.HashMap;
import java.util.Map;

/** Which {@link TriggerAction} runs a trigger template, by the kind of action it holds. */
public final class TriggerActions {

  private final Map<String, TriggerAction> byKind = new HashMap<>();

  private TriggerActions() {}

  /**
   * The kinds Navis runs today: {@code log}, {@code http}, {@code argoWorkflow},
   * {@code k8s} for creating an Argo Workflow, {@code kafka} and {@code awsLambda}. No
   * ConfigMaps: a {@code source.configmap} finds none.
   */
  public static TriggerActions standard(WorkflowOperations workflows, Secrets secrets) {
    return standard(workflows, secrets, ConfigMaps.none());
  }

  /** As above, with the ConfigMaps that {@code source.configmap} reads. */
  public static TriggerActions standard(WorkflowOperations workflows, Secrets secrets,
      ConfigMaps configMaps) {
    ArgoWorkflowTriggerAction argoWorkflow = new ArgoWorkflowTriggerAction(workflows,
        new TriggerSourceReader(configMaps, TriggerSourceReader.DEFAULT_TIMEOUT));
    return new TriggerActions()
        .with("log", new LogTriggerAction())
        .with("http", new HttpTriggerAction(secrets))
        .with("argoWorkflow", argoWorkflow)
        .with("k8s", new K8sTriggerAction(argoWorkflow))
        .with("kafka", new KafkaTriggerAction(secrets))
        .with("awsLambda", new AwsLambdaTriggerAction(secrets))
        .with("nats", new NatsTriggerAction(secrets));
  }

  /** Adds or replaces the action for {@code kind} (a template field such as "nats"). */
  public TriggerActions with(String kind, TriggerAction action) {
    byKind.put(kind, action);
    return this;
  }

  /** The action for {@code template}; one that fails with the reason when none fits. */
  public TriggerAction forTemplate(TriggerTemplate template) {
    String kind = TriggerKinds.of(template);
    TriggerAction action = byKind.get(kind);
    if (action != null) {
      return action;
    }
    String reason = switch (kind) {
      case "" -> "the trigger template names no action (argoWorkflow, http, log...)";
      case "k8s" -> "k8s triggers need a Kubernetes cluster, which this server does not have";
      default -> "'" + kind + "' triggers are not supported yet";
    };
    return request -> TriggerOutcome.failed(reason);
  }
}
