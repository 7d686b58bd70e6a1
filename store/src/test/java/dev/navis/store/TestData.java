package dev.navis.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Outputs;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Builders for workflows, statuses and nodes, made from JSON so they follow the model. */
final class TestData {

  private TestData() {}

  static StoredWorkflow workflow(String namespace, String name, Map<String, String> labels,
      Instant createdAt) {
    String yaml = """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata: {name: %s, namespace: %s}
        spec:
          entrypoint: main
          templates:
          - name: main
            container: {image: alpine, command: [echo, hello]}
        """.formatted(name, namespace);
    return stored(read(yaml), namespace, name, labels, createdAt);
  }

  static StoredWorkflow stored(Workflow workflow, String namespace, String name,
      Map<String, String> labels, Instant createdAt) {
    return new StoredWorkflow(UUID.randomUUID().toString(), namespace, name, "Pending", labels,
        createdAt, null, null, workflow);
  }

  static Workflow read(String yaml) {
    try {
      return Codec.yaml().readValue(yaml, Workflow.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static WorkflowStatus status(String phase, Instant startedAt, Instant finishedAt) {
    ObjectNode status = Codec.json().createObjectNode().put("phase", phase);
    status.put("startedAt", startedAt == null ? null : startedAt.toString());
    status.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
    status.put("message", phase + " at " + startedAt);
    return Codec.json().convertValue(status, WorkflowStatus.class);
  }

  static NodeStatus node(String id, String phase) {
    ObjectNode node = Codec.json().createObjectNode()
        .put("id", id)
        .put("name", "wf." + id)
        .put("displayName", id)
        .put("type", "Pod")
        .put("templateName", "main")
        .put("phase", phase);
    return Codec.json().convertValue(node, NodeStatus.class);
  }

  static Outputs outputs(String result) {
    return Codec.json().convertValue(
        Codec.json().createObjectNode().put("result", result).put("exitCode", "0"),
        Outputs.class);
  }

  /** An Argo example from the shared folder next to the checkout. */
  static Workflow argoExample(String file) throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path example = dir.resolve("shared/argo-examples/examples").resolve(file);
      if (Files.isRegularFile(example)) {
        return Codec.yaml().readValue(example.toFile(), Workflow.class);
      }
    }
    throw new IOException("no shared/argo-examples/examples/" + file + " above the checkout");
  }
}
