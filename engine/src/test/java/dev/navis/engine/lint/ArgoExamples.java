package dev.navis.engine.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds Argo's public examples: $NAVIS_ARGO_EXAMPLES, else shared/ above the checkout. */
final class ArgoExamples {

  private static final Path RELATIVE = Path.of("shared", "argo-examples", "examples");

  private ArgoExamples() {}

  static Path folder() {
    String configured = System.getenv("NAVIS_ARGO_EXAMPLES");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(RELATIVE))) {
        return dir.resolve(RELATIVE);
      }
    }
    throw new IllegalStateException("Argo examples not found above " + Path.of("")
        .toAbsolutePath() + "; set NAVIS_ARGO_EXAMPLES");
  }

  static List<Path> files() {
    try (Stream<Path> walk = Files.walk(folder())) {
      return walk.filter(Files::isRegularFile)
          .filter(file -> file.toString().matches(".*\\.(ya?ml|json)$"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
