package dev.navis.cli;

import dev.navis.api.model.Workflow;
import dev.navis.controller.Submission;
import dev.navis.engine.Occurrence.SetNodes;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

/**
 * What the verbs do with workflows, wherever they live: in this process on the store
 * ({@link LocalWorkflows}), or through a Navis server's API ({@link RemoteWorkflows}). Both
 * answer alike and fail alike: a user's mistake is a {@link UserException} with the same
 * message either way.
 */
interface WorkflowService extends AutoCloseable {

  /** The namespace a command means: the one given, else the configured default. */
  String namespace(String given);

  /** Stores a workflow prepared by {@link dev.navis.controller.Submission#prepare}. */
  Workflow submit(Workflow prepared);

  /**
   * Stores the workflow {@code submit --from KIND/NAME} makes from a stored WorkflowTemplate,
   * ClusterWorkflowTemplate or CronWorkflow, with the submitter's options applied.
   */
  Workflow submitFrom(String reference, String namespace, Submission submission);

  /** One workflow with its nodes, by name or {@code @latest}. */
  Workflow get(String namespace, String name);

  /**
   * Workflows newest first, without nodes.
   *
   * @param namespace null for all namespaces
   * @param phases empty for all
   * @param labelSelector null for all
   */
  List<Workflow> list(String namespace, Set<String> phases, String labelSelector);

  /** Deletes a workflow; a running one is terminated first. */
  void delete(Workflow workflow);

  /** Asks a running workflow to stop, terminate, suspend or resume. */
  void request(Workflow workflow, String kind, String argument);

  /** Argo's node set on running suspend nodes; refused unless one can take it. */
  void setNodes(Workflow workflow, SetNodes set);

  /** Resets a failed workflow's failed nodes; it runs again in the background or on await. */
  Workflow retry(Workflow workflow, boolean restartSuccessful, String nodeFieldSelector);

  /** Stores a copy of a workflow under a new name. */
  Workflow resubmit(Workflow original);

  /** Before {@link #await}: draw the node tree and print each node's log as it ends. */
  void follow(boolean watch, boolean log, PrintWriter out);

  /** Runs (or waits for) a stored workflow until it ends; the final workflow with its nodes. */
  Workflow await(Workflow workflow) throws InterruptedException;

  /**
   * Prints a workflow's pod logs, each line prefixed with its pod name unless {@code node}
   * picks one; with {@code follow}, until the workflow ends.
   */
  void printLogs(Workflow workflow, String node, String container, boolean follow,
      PrintWriter out) throws InterruptedException;

  /**
   * Makes sure someone runs what was stored without waiting (a server always does). The last
   * call of a command: the service may close its store for the one that runs it.
   */
  void runInBackground();

  @Override
  void close();
}
