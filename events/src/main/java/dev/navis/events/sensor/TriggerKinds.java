package dev.navis.events.sensor;

import dev.navis.api.model.events.TriggerTemplate;
import java.util.LinkedHashMap;
import java.util.Map;

/** Names the kind of action a trigger template holds, as its field is spelt. */
public final class TriggerKinds {

  private TriggerKinds() {}

  /** The kind of action a template holds, or "" when it holds none. */
  public static String of(TriggerTemplate template) {
    Map<String, Object> kinds = new LinkedHashMap<>();
    kinds.put("argoWorkflow", template.argoWorkflow());
    kinds.put("http", template.http());
    kinds.put("log", template.log());
    kinds.put("k8s", template.k8s());
    kinds.put("nats", template.nats());
    kinds.put("kafka", template.kafka());
    kinds.put("awsLambda", template.awsLambda());
    kinds.put("custom", template.custom());
    kinds.put("slack", template.slack());
    kinds.put("openWhisk", template.openWhisk() != null ? template.openWhisk()
        : template.openwhisk());
    kinds.put("azureEventHubs", template.azureEventHubs());
    kinds.put("azureServiceBus", template.azureServiceBus());
    kinds.put("pulsar", template.pulsar());
    kinds.put("email", template.email());
    return kinds.entrySet().stream().filter(entry -> entry.getValue() != null)
        .map(Map.Entry::getKey).findFirst().orElse("");
  }
}
