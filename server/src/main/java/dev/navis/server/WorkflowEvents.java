package dev.navis.server;

import dev.navis.api.model.Workflow;
import dev.navis.controller.WorkflowWatcher;
import dev.navis.engine.Reconciliation;
import dev.navis.engine.WorkflowRun;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

/**
 * Hands every change of a workflow to the watch streams that want it: ADDED when the server
 * accepts one, MODIFIED after each reconcile of the server's controller, DELETED on delete.
 */
final class WorkflowEvents implements WorkflowWatcher {

  /** One change, with the workflow as it is after it. */
  record Event(String type, Workflow workflow) {}

  /** One open watch stream: the changes it wants, queued until it writes them. */
  static final class Subscription implements AutoCloseable {

    private final Predicate<Workflow> filter;
    private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>();
    private final Set<Subscription> owner;

    private Subscription(Predicate<Workflow> filter, Set<Subscription> owner) {
      this.filter = filter;
      this.owner = owner;
    }

    BlockingQueue<Event> queue() {
      return queue;
    }

    @Override
    public void close() {
      owner.remove(this);
    }
  }

  private final Set<Subscription> subscriptions = new CopyOnWriteArraySet<>();

  Subscription subscribe(Predicate<Workflow> filter) {
    Subscription subscription = new Subscription(filter, subscriptions);
    subscriptions.add(subscription);
    return subscription;
  }

  void publish(String type, Workflow workflow) {
    Event event = new Event(type, workflow);
    for (Subscription subscription : subscriptions) {
      if (subscription.filter.test(workflow)) {
        subscription.queue.add(event);
      }
    }
  }

  @Override
  public void reconciled(WorkflowRun run, Reconciliation reconciliation) {
    if (!subscriptions.isEmpty()) {
      publish("MODIFIED", run.toWorkflow());
    }
  }
}
