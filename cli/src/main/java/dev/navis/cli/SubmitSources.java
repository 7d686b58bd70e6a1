package dev.navis.cli;

import dev.navis.api.model.Workflow;
import dev.navis.controller.templates.SubmitFrom;
import dev.navis.store.ResourceNotFoundException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** What {@code submit --from KIND/NAME} submits: a workflow made from a stored resource. */
final class SubmitSources {

  private SubmitSources() {}

  /**
   * The workflow {@code --from} names, before the submitter's overrides are applied.
   *
   * @param files the files also given, which {@code --from} does not take
   */
  static List<Workflow> fromReference(String from, String namespace, List<Path> files) {
    if (!files.isEmpty()) {
      throw new UserException("give either files or --from " + from + ", not both");
    }
    try (Session session = new Session()) {
      return List.of(SubmitFrom.workflow(from, session.namespace(namespace),
          session.store().resources(), Instant.now()));
    } catch (IllegalArgumentException | ResourceNotFoundException e) {
      throw new UserException(e.getMessage());
    }
  }
}
