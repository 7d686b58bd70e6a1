package dev.navis.events;

import dev.navis.api.Resources;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads Argo Events' own examples from shared/argo-events-examples above the checkout. */
public final class ArgoEventsExamples {

  private ArgoEventsExamples() {}

  public static Path folder() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("argo-events-examples");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("Argo Events examples not found above "
        + Path.of("").toAbsolutePath());
  }

  /** The first resource of {@code file} (relative to the examples folder) as {@code type}. */
  public static <T> T read(String file, Class<T> type) {
    return Resources.read(folder().resolve(file)).resources().getFirst().as(type);
  }
}
