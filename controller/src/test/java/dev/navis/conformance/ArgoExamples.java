package dev.navis.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Argo's own examples and what each should do on a host, from the corpus's
 * {@code EXPECTED.tsv}. The corpus sits beside the repository ({@code ../shared/argo-examples})
 * unless {@code NAVIS_ARGO_EXAMPLES} names it.
 */
final class ArgoExamples {

  /** One row of EXPECTED.tsv. */
  record Example(Path file, String name, String hostClass, String kinds, String noTestLabel,
      String expected) {

    boolean usesStoredTemplates() {
      try {
        return TEMPLATE_REF.matcher(Files.readString(file)).find();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The set Navis must pass: host-only Workflows Argo's own CI runs or expects to fail. */
    boolean required() {
      return "H".equals(hostClass) && "Workflow".equals(kinds)
          && (noTestLabel.isEmpty() || "expected-failure".equals(noTestLabel))
          && !usesStoredTemplates();
    }

    /** Examples only reported on: slow, environment-bound or flaky ones, and HA/HK classes. */
    boolean reported() {
      boolean hostOnlySkipped = "H".equals(hostClass) && !noTestLabel.isEmpty()
          && !"expected-failure".equals(noTestLabel);
      boolean moreThanHost = "HA".equals(hostClass) || "HK".equals(hostClass);
      return "Workflow".equals(kinds) && !usesStoredTemplates() && (hostOnlySkipped
          || moreThanHost) && ("Succeeded".equals(expected) || "Failed".equals(expected));
    }
  }

  private static final Pattern TEMPLATE_REF = Pattern.compile("templateRef|workflowTemplateRef");

  private ArgoExamples() {}

  static Path root() {
    String given = System.getenv("NAVIS_ARGO_EXAMPLES");
    if (given != null) {
      return Path.of(given);
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/argo-examples");
      if (Files.isDirectory(candidate) && !dir.equals(here)) {
        return candidate;
      }
      Path sibling = dir.resolveSibling("shared").resolve("argo-examples");
      if (Files.isDirectory(sibling)) {
        return sibling;
      }
    }
    throw new IllegalStateException("Argo's examples not found beside the repository "
        + "(../shared/argo-examples); set NAVIS_ARGO_EXAMPLES to their folder");
  }

  static List<Example> all() throws IOException {
    Path root = root();
    List<Example> examples = new ArrayList<>();
    List<String> lines = Files.readAllLines(root.resolve("EXPECTED.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\t", -1);
      examples.add(new Example(root.resolve("examples").resolve(cells[0]), cells[0], cells[1],
          cells[2], cells[3], cells[4]));
    }
    return examples;
  }
}
