package dev.navis.events;

import dev.navis.api.model.Workflow;
import dev.navis.events.trigger.WorkflowOperations;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what triggers ask of workflows; refuses the first {@code failures} submissions. */
public final class FakeWorkflowOperations implements WorkflowOperations {

  public final List<Workflow> submitted = new CopyOnWriteArrayList<>();
  public final List<String> actions = new CopyOnWriteArrayList<>();
  private final AtomicInteger failures;

  public FakeWorkflowOperations() {
    this(0);
  }

  public FakeWorkflowOperations(int failures) {
    this.failures = new AtomicInteger(failures);
  }

  @Override
  public String submit(Workflow workflow) {
    if (failures.getAndDecrement() > 0) {
      throw new WorkflowOperationException("the store is busy");
    }
    submitted.add(workflow);
    String name = workflow.metadata().name();
    return name != null ? name : workflow.metadata().generateName() + submitted.size();
  }

  @Override
  public String submitFrom(String kind, String namespace, String name,
      Map<String, String> labels) {
    actions.add("submit-from " + kind + "/" + name + " " + labels);
    return name + "-1";
  }

  @Override
  public void act(Operation operation, String namespace, String name) {
    actions.add(operation + " " + namespace + "/" + name);
  }
}
