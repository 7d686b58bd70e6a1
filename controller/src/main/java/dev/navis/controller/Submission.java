package dev.navis.controller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.ParsedResource;
import dev.navis.api.Codec;
import dev.navis.api.model.Arguments;
import dev.navis.api.model.ObjectMeta;
import dev.navis.api.model.Parameter;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowSpec;
import dev.navis.api.model.WorkflowStatus;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a submitter asks for on top of the workflow's YAML, as {@code argo submit} takes it:
 * parameter overrides, another entrypoint, a name, extra labels.
 *
 * @param parameters overrides of {@code spec.arguments.parameters}, by name, in order
 * @param entrypoint another entrypoint, or null
 * @param name an exact name, or null
 * @param generateName a name prefix, or null
 * @param labels labels added to the workflow's own
 */
public record Submission(
    Map<String, String> parameters,
    String entrypoint,
    String name,
    String generateName,
    Map<String, String> labels) {

  private static final String NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  public static Submission plain() {
    return new Submission(Map.of(), null, null, null, Map.of());
  }

  /**
   * The workflow as it is stored: named, given a uid, a namespace and a creation time, with the
   * overrides applied to its spec and phase Pending.
   */
  public Workflow prepare(Workflow workflow, String defaultNamespace, Instant now) {
    ObjectMeta meta = workflow.metadata() != null ? workflow.metadata() : ObjectMeta.named(null);
    String namespace = meta.namespace() != null ? meta.namespace() : defaultNamespace;
    String prefix = generateName != null ? generateName : meta.generateName();
    ObjectMeta stored = new ObjectMeta(resolveName(meta), prefix, namespace,
        UUID.randomUUID().toString(), mergedLabels(meta), meta.annotations(),
        now.truncatedTo(ChronoUnit.SECONDS), null, null, null, null, null);

    WorkflowStatus pending =
        new WorkflowStatus("Pending", null, null, null, null, null, null, null, null, null, null);
    WorkflowSpec spec = applyOverrides(workflow.spec());
    return new Workflow(Workflow.API_VERSION, Workflow.KIND, stored, spec, pending);
  }

  /**
   * The resource as it would be submitted: the overrides written into its own tree, so that
   * linting it judges the workflow that will run (an input given with {@code -p} is given).
   */
  public ParsedResource applyTo(ParsedResource resource) {
    if (!Workflow.KIND.equals(resource.kind()) || !(resource.tree() instanceof ObjectNode tree)
        || (parameters.isEmpty() && entrypoint == null && name == null
            && generateName == null)) {
      return resource;
    }
    ObjectNode copy = tree.deepCopy();
    if (name != null) {
      copy.withObjectProperty("metadata").put("name", name);
    }
    if (generateName != null) {
      copy.withObjectProperty("metadata").put("generateName", generateName);
    }
    ObjectNode spec = copy.withObjectProperty("spec");
    if (entrypoint != null) {
      spec.put("entrypoint", entrypoint);
    }
    ArrayNode declared = spec.withObjectProperty("arguments").withArrayProperty("parameters");
    parameters.forEach((name, value) -> override(declared, name, value));
    Workflow workflow;
    try {
      workflow = Codec.json().treeToValue(copy, Workflow.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      return resource; // the original's own problems will be reported by lint
    }
    return new ParsedResource(resource.file(), resource.document(), resource.apiVersion(),
        resource.kind(), copy, workflow, resource.positions());
  }

  private static void override(ArrayNode declared, String name, String value) {
    for (var parameter : declared) {
      if (parameter instanceof ObjectNode object && name.equals(object.path("name").asText())) {
        object.put("value", value);
        return;
      }
    }
    declared.addObject().put("name", name).put("value", value);
  }

  private String resolveName(ObjectMeta meta) {
    if (name != null) {
      return name;
    }
    String prefix = generateName != null ? generateName : meta.generateName();
    if (prefix == null) {
      return meta.name();
    }
    StringBuilder generated = new StringBuilder(prefix);
    for (int i = 0; i < 5; i++) {
      generated.append(NAME_CHARS.charAt(RANDOM.nextInt(NAME_CHARS.length())));
    }
    return generated.toString();
  }

  private Map<String, String> mergedLabels(ObjectMeta meta) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (meta.labels() != null) {
      merged.putAll(meta.labels());
    }
    merged.putAll(labels);
    return merged.isEmpty() ? null : merged;
  }

  private WorkflowSpec applyOverrides(WorkflowSpec spec) {
    if (spec == null || (parameters.isEmpty() && entrypoint == null)) {
      return spec;
    }
    Arguments arguments = spec.arguments() != null ? spec.arguments() : new Arguments(null, null);
    Arguments overridden = new Arguments(overrideParameters(arguments.parameters()),
        arguments.artifacts());
    ObjectNode tree = Codec.json().valueToTree(spec);
    tree.set("arguments", Codec.json().valueToTree(overridden));
    if (entrypoint != null) {
      tree.put("entrypoint", entrypoint);
    }
    return Codec.json().convertValue(tree, WorkflowSpec.class);
  }

  private List<Parameter> overrideParameters(List<Parameter> declared) {
    Map<String, String> remaining = new HashMap<>(parameters);
    List<Parameter> result = new ArrayList<>();
    if (declared != null) {
      for (Parameter parameter : declared) {
        String value = remaining.remove(parameter.name());
        result.add(value != null ? parameter.withValue(value) : parameter);
      }
    }
    parameters.forEach((key, value) -> {
      if (remaining.containsKey(key)) {
        result.add(Parameter.of(key, value));
      }
    });
    return result;
  }
}
