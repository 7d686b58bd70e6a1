package dev.navis.cli;

import dev.navis.api.model.Workflow;
import dev.navis.controller.ControlRequests;
import dev.navis.controller.Controller;
import dev.navis.controller.Submission;
import dev.navis.engine.Occurrence.SetNodes;
import dev.navis.server.ApiException;
import dev.navis.server.WorkflowLogs;
import dev.navis.server.WorkflowOperations;
import dev.navis.store.StoredWorkflow;
import dev.navis.store.WorkflowQuery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** The verbs in this process: the store opened here, workflows run by this process. */
final class LocalWorkflows implements WorkflowService {

  private final Session session = new Session();
  private final WorkflowOperations operations;

  LocalWorkflows() {
    operations = new WorkflowOperations(session.store(), session::controller,
        session.config().runs());
  }

  @Override
  public String namespace(String given) {
    return session.namespace(given);
  }

  @Override
  public Workflow submit(Workflow prepared) {
    return answer(() -> operations.accept(prepared)).workflow();
  }

  @Override
  public Workflow submitFrom(String reference, String namespace, Submission submission) {
    String ns = namespace(namespace);
    Workflow made = answer(() -> operations.fromReference(reference, ns));
    return submit(submission.prepare(made, ns, Instant.now()));
  }

  @Override
  public Workflow get(String namespace, String name) {
    resumeOrphans();
    return answer(() -> operations.full(stored(namespace, name)));
  }

  /**
   * Workflows nobody runs (their background controller was killed, say) would otherwise wait
   * for the next submit; looking at them is reason enough to start one.
   */
  private void resumeOrphans() {
    if (Controller.orphansIn(session.store(), Clock.systemUTC())) {
      try {
        // Not waited for: this process holds the store, and the controller gets it on exit.
        BackgroundController.start(session.config());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the background controller", e);
      }
    }
  }

  private StoredWorkflow stored(String namespace, String name) {
    return answer(() -> operations.find(namespace(namespace), name));
  }

  private StoredWorkflow stored(Workflow workflow) {
    return stored(workflow.metadata().namespace(), workflow.metadata().name());
  }

  @Override
  public List<Workflow> list(String namespace, Set<String> phases, String labelSelector) {
    resumeOrphans();
    return answer(() -> operations.list(new WorkflowQuery(namespace, phases, labelSelector, 0)))
        .stream().map(StoredWorkflow::workflow).toList();
  }

  @Override
  public void delete(Workflow workflow) {
    answer(() -> {
      operations.delete(stored(workflow));
      return null;
    });
  }

  @Override
  public void request(Workflow workflow, String kind, String argument) {
    StoredWorkflow stored = stored(workflow);
    answer(() -> {
      // Recorded in the store for whichever process runs it, as no workflow runs here.
      operations.store().request(stored.uid(), kind, argument, Instant.now());
      return null;
    });
  }

  @Override
  public void setNodes(Workflow workflow, SetNodes set) {
    StoredWorkflow stored = stored(workflow);
    answer(() -> {
      operations.checkSet(stored, set);
      operations.store().request(stored.uid(), ControlRequests.SET,
          ControlRequests.argumentOf(set), Instant.now());
      return null;
    });
  }

  @Override
  public Workflow retry(Workflow workflow, boolean restartSuccessful, String selector) {
    StoredWorkflow stored = stored(workflow);
    answer(() -> {
      operations.retry(stored, restartSuccessful, selector);
      return null;
    });
    return get(stored.namespace(), stored.name());
  }

  @Override
  public Workflow resubmit(Workflow original) {
    return answer(() -> operations.resubmit(stored(original))).workflow();
  }

  @Override
  public void follow(boolean watch, boolean log, PrintWriter out) {
    Controller controller = session.controller();
    if (watch) {
      controller.addWatcher(new WatchPrinter(out));
    }
    if (log) {
      controller.addWatcher(new LogTailer(controller.executor(), out));
    }
  }

  @Override
  public Workflow await(Workflow workflow) throws InterruptedException {
    try {
      return session.controller().run(workflow.metadata().uid()).get();
    } catch (ExecutionException e) {
      throw new UserException("workflow " + workflow.metadata().name() + " could not run: "
          + e.getCause().getMessage());
    }
  }

  @Override
  public void printLogs(Workflow workflow, String node, String container, boolean follow,
      PrintWriter out) throws InterruptedException {
    StoredWorkflow stored = stored(workflow);
    WorkflowLogs logs = new WorkflowLogs(operations.store(), session.reader(), node, container);
    if (!logs.finds(stored)) {
      throw new UserException("node \"" + node + "\" not found in workflow " + stored.name());
    }
    try {
      logs.stream(stored, follow, line -> {
        out.println(node == null ? line.podName() + ": " + line.content() : line.content());
        out.flush();
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Closes this process's store first: the controller then opens the file itself, instead of
   * through this process's server and again once this process exits, a hand-over that held
   * the next command up for seconds.
   */
  @Override
  public void runInBackground() {
    session.close();
    try {
      BackgroundController.ensureRunning(session.config());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the background controller", e);
    }
  }

  /** Turns the operations' refusals into the CLI's one-line errors. */
  private static <T> T answer(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (ApiException refused) {
      throw new UserException(refused.getMessage());
    }
  }

  @Override
  public void close() {
    session.close();
  }
}
