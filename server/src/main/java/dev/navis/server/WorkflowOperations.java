package dev.navis.server;

import dev.navis.api.model.ObjectMeta;
import dev.navis.api.model.Workflow;
import dev.navis.controller.ControlRequests;
import dev.navis.controller.Controller;
import dev.navis.controller.Submission;
import dev.navis.controller.Workflows;
import dev.navis.controller.templates.SubmitFrom;
import dev.navis.engine.Occurrence.SetNodes;
import dev.navis.engine.SuspendNodes;
import dev.navis.store.NameConflictException;
import dev.navis.store.ResourceNotFoundException;
import dev.navis.store.StoredWorkflow;
import dev.navis.store.WorkflowQuery;
import dev.navis.store.WorkflowStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What can be done to stored workflows, the same for the HTTP API and the CLI in-process: a
 * user's mistake (no such workflow, a finished one stopped) is an {@link ApiException} whose
 * message reads the same either way.
 */
public final class WorkflowOperations {

  public static final Set<String> FINISHED = Set.of("Succeeded", "Failed", "Error");
  public static final String RESUBMITTED_FROM =
      "workflows.argoproj.io/resubmitted-from-workflow";

  private final WorkflowStore store;
  private final Supplier<Controller> controller;
  private final Path runs;

  /**
   * @param controller the controller, asked for only by operations that change workflows, so
   *     that reading opens none
   * @param runs the folder of node folders, one per workflow uid
   */
  public WorkflowOperations(WorkflowStore store, Supplier<Controller> controller, Path runs) {
    this.store = store;
    this.controller = controller;
    this.runs = runs;
  }

  public Controller controller() {
    return controller.get();
  }

  public WorkflowStore store() {
    return store;
  }

  /** A workflow by name, or the newest for {@code @latest}, as {@code argo} allows. */
  public StoredWorkflow find(String namespace, String name) {
    if ("@latest".equals(name)) {
      List<StoredWorkflow> newest = list(new WorkflowQuery(namespace, Set.of(), null, 1));
      if (newest.isEmpty()) {
        throw ApiException.notFound("no workflows in namespace \"" + namespace + "\"");
      }
      return newest.getFirst();
    }
    return store.get(namespace, name).orElseThrow(() -> ApiException.notFound(
        "workflow \"" + name + "\" not found in namespace \"" + namespace + "\""));
  }

  /** The whole workflow with its nodes. */
  public Workflow full(StoredWorkflow stored) {
    return Workflows.assemble(stored, store.nodes(stored.uid()));
  }

  public List<StoredWorkflow> list(WorkflowQuery query) {
    try {
      return store.list(query);
    } catch (IllegalArgumentException badSelector) {
      throw ApiException.invalid(badSelector.getMessage());
    }
  }

  /** Stores a prepared workflow; 409 when its name is taken. */
  public StoredWorkflow accept(Workflow prepared) {
    try {
      return controller.get().accept(prepared);
    } catch (NameConflictException e) {
      throw ApiException.conflict("workflows.argoproj.io \"" + prepared.metadata().name()
          + "\" already exists in namespace \"" + prepared.metadata().namespace() + "\"");
    }
  }

  /**
   * The workflow {@code submit --from KIND/NAME} makes from a stored WorkflowTemplate,
   * ClusterWorkflowTemplate or CronWorkflow, before the submitter's options are applied.
   */
  public Workflow fromReference(String reference, String namespace) {
    try {
      return SubmitFrom.workflow(reference, namespace, store.resources(), Instant.now());
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(e.getMessage());
    } catch (ResourceNotFoundException e) {
      throw ApiException.notFound(e.getMessage());
    } catch (UnsupportedOperationException e) {
      throw ApiException.unimplemented(e.getMessage());
    }
  }

  /** Deletes a workflow, its nodes and its node folders; a running one is terminated. */
  public void delete(StoredWorkflow workflow) {
    if (!finished(workflow)) {
      // Whoever runs it stops its processes when it sees the request.
      store.request(workflow.uid(), "terminate", null, Instant.now());
    }
    store.delete(workflow.namespace(), workflow.name());
    deleteFolder(runs.resolve(workflow.uid()));
  }

  /** Asks for stop, terminate, suspend or resume; a finished workflow refuses. */
  public void request(StoredWorkflow workflow, String kind, String argument) {
    if (finished(workflow)) {
      throw ApiException.failedPrecondition("workflow " + workflow.name() + " has already "
          + workflow.phase().toLowerCase());
    }
    controller.get().request(workflow.uid(), kind, argument);
  }

  /** Argo's node set: refused at once unless a running suspend node can take it. */
  public void set(StoredWorkflow workflow, SetNodes set) {
    checkSet(workflow, set);
    controller.get().request(workflow.uid(), ControlRequests.SET,
        ControlRequests.argumentOf(set));
  }

  /** Why a node set cannot apply to this workflow now, as the API answers it. */
  public void checkSet(StoredWorkflow workflow, SetNodes set) {
    if (finished(workflow)) {
      throw ApiException.failedPrecondition("workflow " + workflow.name() + " has already "
          + workflow.phase().toLowerCase());
    }
    String problem = SuspendNodes.problem(store.nodes(workflow.uid()), set);
    if (problem != null) {
      throw ApiException.invalid(problem);
    }
  }

  /** Resets a failed workflow's failed nodes so that running it again continues there. */
  public void retry(StoredWorkflow stored, boolean restartSuccessful, String selector) {
    if (!finished(stored) || "Succeeded".equals(stored.phase()) && !restartSuccessful) {
      throw ApiException.failedPrecondition("workflow " + stored.name() + " is "
          + stored.phase() + ": only Failed or Error workflows can be retried");
    }
    try {
      controller.get().retry(stored.uid(), restartSuccessful, selector);
    } catch (IllegalStateException claimed) {
      throw ApiException.failedPrecondition(claimed.getMessage());
    }
  }

  /** Stores a new workflow with the original's spec and labels under a generated name. */
  public StoredWorkflow resubmit(StoredWorkflow original) {
    ObjectMeta meta = original.workflow().metadata();
    String prefix = meta.generateName() != null ? meta.generateName() : original.name() + "-";
    Map<String, String> labels = new LinkedHashMap<>();
    if (meta.labels() != null) {
      labels.putAll(meta.labels());
    }
    ObjectMeta fresh = new ObjectMeta(null, prefix, meta.namespace(), null, labels,
        meta.annotations(), null, null, null, null, null, null);
    Workflow copy = new Workflow(Workflow.API_VERSION, Workflow.KIND, fresh,
        original.workflow().spec(), null);
    Submission submission = new Submission(Map.of(), null, null, null,
        Map.of(RESUBMITTED_FROM, original.name()));
    return accept(submission.prepare(copy, original.namespace(), Instant.now()));
  }

  public static boolean finished(StoredWorkflow stored) {
    return FINISHED.contains(stored.phase());
  }

  private static void deleteFolder(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + folder, e);
    }
  }
}
