package dev.navis.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.model.Template;
import dev.navis.api.model.WorkflowSpec;
import java.util.Iterator;
import java.util.Map;

/** Small edits of spec records that have too many fields to copy by hand. */
final class SpecEdits {

  private SpecEdits() {}

  static WorkflowSpec withControl(WorkflowSpec spec, String shutdown, Boolean suspend) {
    ObjectNode tree = Codec.json().valueToTree(spec);
    put(tree, "shutdown", shutdown);
    if (suspend == null) {
      tree.remove("suspend");
    } else {
      tree.put("suspend", suspend);
    }
    return read(tree, WorkflowSpec.class);
  }

  private static void put(ObjectNode tree, String field, String value) {
    if (value == null) {
      tree.remove(field);
    } else {
      tree.put(field, value);
    }
  }

  /** {@code template} with every field it leaves unset taken from {@code defaults}. */
  static Template withDefaults(Template template, Template defaults) {
    if (defaults == null) {
      return template;
    }
    ObjectNode base = Codec.json().valueToTree(defaults);
    ObjectNode own = Codec.json().valueToTree(template);
    merge(base, own);
    return read(base, Template.class);
  }

  /** A workflow's spec laid over the spec of the WorkflowTemplate it references. */
  static WorkflowSpec overlay(WorkflowSpec base, WorkflowSpec own) {
    ObjectNode merged = Codec.json().valueToTree(base);
    ObjectNode top = Codec.json().valueToTree(own);
    top.remove("workflowTemplateRef");
    merge(merged, top);
    return read(merged, WorkflowSpec.class);
  }

  private static void merge(ObjectNode base, ObjectNode own) {
    Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> fields = own.fields();
    while (fields.hasNext()) {
      Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> field = fields.next();
      com.fasterxml.jackson.databind.JsonNode existing = base.get(field.getKey());
      if (existing instanceof ObjectNode baseObject
          && field.getValue() instanceof ObjectNode ownObject) {
        merge(baseObject, ownObject);
      } else {
        base.set(field.getKey(), field.getValue());
      }
    }
  }

  private static <T> T read(ObjectNode tree, Class<T> type) {
    try {
      return Codec.json().treeToValue(tree, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("edited " + type.getSimpleName() + " unreadable", e);
    }
  }

  /** {@code template} with the workflow-wide retry strategy it did not set itself. */
  static Template withRetryStrategy(Template template, dev.navis.api.model.RetryStrategy retry) {
    ObjectNode tree = Codec.json().valueToTree(template);
    tree.set("retryStrategy", Codec.json().valueToTree(retry));
    return read(tree, Template.class);
  }

  /** {@code template} declaring {@code inputs} with their resolved values. */
  static Template withInputs(Template template, dev.navis.api.model.Inputs inputs) {
    if (inputs == null) {
      return template;
    }
    ObjectNode tree = Codec.json().valueToTree(template);
    tree.set("inputs", Codec.json().valueToTree(inputs));
    return read(tree, Template.class);
  }

  /** The artifact under another name (a global output artifact is known by its globalName). */
  static dev.navis.api.model.Artifact renamed(dev.navis.api.model.Artifact artifact,
      String name) {
    ObjectNode tree = Codec.json().valueToTree(artifact);
    tree.put("name", name);
    return read(tree, dev.navis.api.model.Artifact.class);
  }

  /**
   * The template with {@code archiveLocation.archiveLogs} set as the workflow's
   * {@code archiveLogs} asks, unless the template says itself; either beats the repository's
   * default.
   */
  static Template withArchiveLogs(Template template, boolean archiveLogs) {
    ObjectNode tree = Codec.json().valueToTree(template);
    JsonNode location = tree.path("archiveLocation");
    if (location.has("archiveLogs")) {
      return template;
    }
    ObjectNode edited = location.isObject() ? (ObjectNode) location
        : Codec.json().createObjectNode();
    edited.put("archiveLogs", archiveLogs);
    tree.set("archiveLocation", edited);
    return read(tree, Template.class);
  }
}
