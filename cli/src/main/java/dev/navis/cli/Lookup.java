package dev.navis.cli;

import dev.navis.api.model.Workflow;
import dev.navis.controller.Workflows;
import dev.navis.store.StoredWorkflow;
import dev.navis.store.WorkflowQuery;
import java.util.List;
import java.util.Set;

/** Finds the workflow a command names, or says plainly that there is none. */
final class Lookup {

  static final Set<String> FINISHED = Set.of("Succeeded", "Failed", "Error");

  private Lookup() {}

  /** A workflow by name, or the newest for {@code @latest}, as {@code argo} allows. */
  static StoredWorkflow workflow(Session session, String namespace, String name) {
    String ns = session.namespace(namespace);
    if ("@latest".equals(name)) {
      List<StoredWorkflow> newest =
          session.store().list(new WorkflowQuery(ns, Set.of(), null, 1));
      if (newest.isEmpty()) {
        throw new UserException("no workflows in namespace \"" + ns + "\"");
      }
      return newest.getFirst();
    }
    return session.store().get(ns, name).orElseThrow(() ->
        new UserException("workflow \"" + name + "\" not found in namespace \"" + ns + "\""));
  }

  /** The whole workflow with its nodes. */
  static Workflow full(Session session, StoredWorkflow stored) {
    return Workflows.assemble(stored, session.store().nodes(stored.uid()));
  }

  static boolean finished(StoredWorkflow stored) {
    return FINISHED.contains(stored.phase());
  }
}
