package dev.navis.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.model.NodeStatus;
import dev.navis.api.model.Workflow;
import dev.navis.api.model.WorkflowStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How workflows, their status and their nodes are laid out in rows and JSON columns. */
final class WorkflowRows {

  static final String COLUMNS = "w.uid, w.namespace, w.name, w.phase, w.created_at,"
      + " w.started_at, w.finished_at, w.workflow_json, w.status_json";

  private WorkflowRows() {}

  /** The workflow as submitted, without its status, which has a column of its own. */
  static String workflowJson(Workflow workflow) {
    ObjectNode tree = Codec.json().valueToTree(workflow);
    tree.remove("status");
    return tree.toString();
  }

  /** The workflow-level status without nodes, which are rows of their own; null for none. */
  static String statusJson(WorkflowStatus status) {
    if (status == null) {
      return null;
    }
    ObjectNode tree = Codec.json().valueToTree(status);
    tree.remove("nodes");
    return tree.toString();
  }

  static String nodeJson(NodeStatus node) {
    return Codec.toJson(node);
  }

  static NodeStatus node(String json) {
    return Codec.fromJson(json, NodeStatus.class);
  }

  /** The nodes a workflow was created with, if any. */
  static List<NodeStatus> initialNodes(Workflow workflow) {
    if (workflow == null || workflow.status() == null || workflow.status().nodes() == null) {
      return List.of();
    }
    return new ArrayList<>(workflow.status().nodes().values());
  }

  /** Reads the row at the cursor (selected with {@link #COLUMNS}) with the given labels. */
  static StoredWorkflow read(ResultSet rows, Map<String, String> labels) throws SQLException {
    Workflow workflow = Codec.fromJson(rows.getString("workflow_json"), Workflow.class);
    String status = rows.getString("status_json");
    if (status != null) {
      workflow = workflow.withStatus(Codec.fromJson(status, WorkflowStatus.class));
    }
    return new StoredWorkflow(
        rows.getString("uid"),
        rows.getString("namespace"),
        rows.getString("name"),
        rows.getString("phase"),
        labels,
        Jdbc.getInstant(rows, "created_at"),
        Jdbc.getInstant(rows, "started_at"),
        Jdbc.getInstant(rows, "finished_at"),
        workflow);
  }

  /**
   * Appends a query's conditions to a select from {@code workflows w}, and their parameters to
   * {@code parameters}. Label requirements become (not) exists subqueries on the label rows.
   */
  static void appendConditions(WorkflowQuery query, StringBuilder sql, List<Object> parameters) {
    sql.append(" where 1 = 1");
    if (query.namespace() != null) {
      sql.append(" and w.namespace = ?");
      parameters.add(query.namespace());
    }
    if (query.phases() != null && !query.phases().isEmpty()) {
      sql.append(" and w.phase in (").append(placeholders(query.phases().size())).append(')');
      parameters.addAll(query.phases());
    }
    for (LabelSelector.Requirement requirement :
        LabelSelector.parse(query.labelSelector()).requirements()) {
      appendRequirement(requirement, sql, parameters);
    }
  }

  private static void appendRequirement(
      LabelSelector.Requirement requirement, StringBuilder sql, List<Object> parameters) {
    boolean negated = switch (requirement.operator()) {
      case NOT_EQUALS, NOT_IN, NOT_EXISTS -> true;
      case EQUALS, IN, EXISTS -> false;
    };
    sql.append(negated ? " and not exists" : " and exists")
        .append(" (select 1 from workflow_labels l where l.uid = w.uid and l.label_key = ?");
    parameters.add(requirement.key());

    if (!requirement.values().isEmpty()) {
      sql.append(" and l.label_value in (")
          .append(placeholders(requirement.values().size()))
          .append(')');
      parameters.addAll(requirement.values());
    }
    sql.append(')');
  }

  static String placeholders(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }
}
