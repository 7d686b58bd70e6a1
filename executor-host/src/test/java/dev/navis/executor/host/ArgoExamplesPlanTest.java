package dev.navis.executor.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.Template;
import dev.navis.engine.spi.NodeLaunch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every container, script and containerSet member of Argo's host-only examples (class H in
 * the corpus's EXPECTED.tsv) finds a program to run on this host.
 */
class ArgoExamplesPlanTest {

  @TempDir
  Path runs;

  @Test
  void everyHostExampleFindsItsProgram() throws IOException {
    Path corpus = corpus();
    Path argosay = BundledTool.install(runs.resolveSibling("tools"), BundledTool.ARGOSAY);
    NodeFolder folder = new NodeFolder(runs, "u", "n");
    folder.create(List.of(ContainerSpec.MAIN));
    List<String> problems = new ArrayList<>();
    int planned = 0;

    for (String file : hostOnlyExamples(corpus)) {
      for (ContainerSpec spec : leafContainers(corpus.resolve("examples").resolve(file))) {
        ProcessPlan plan = ProcessPlan.of(spec, launch(), folder,
            ImageTable.defaults(), argosay, Sandbox.none());
        planned++;
        if (plan.error() != null) {
          problems.add(file + ": " + plan.error());
        }
      }
    }

    assertThat(planned).isGreaterThan(100);
    assertThat(problems).isEmpty();
  }

  private static List<String> hostOnlyExamples(Path corpus) throws IOException {
    List<String> files = new ArrayList<>();
    List<String> lines = Files.readAllLines(corpus.resolve("EXPECTED.tsv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split("\t", -1);
      if (cells.length > 1 && cells[1].equals("H")) {
        files.add(cells[0]);
      }
    }
    return files;
  }

  private static List<ContainerSpec> leafContainers(Path file) throws IOException {
    List<ContainerSpec> specs = new ArrayList<>();
    for (JsonNode document : Codec.yaml().readValues(Codec.yaml().createParser(file.toFile()),
        JsonNode.class).readAll()) {
      for (JsonNode node : document.path("spec").path("templates")) {
        Template template = Codec.yaml().treeToValue(node, Template.class);
        switch (template.type()) {
          case CONTAINER -> specs.add(ContainerSpec.ofMain(template.container()));
          case SCRIPT -> specs.add(ContainerSpec.of(template.script()));
          case CONTAINER_SET -> template.containerSet().containers()
              .forEach(container -> specs.add(ContainerSpec.ofSetMember(container, 0)));
          default -> { }
        }
      }
    }
    return specs;
  }

  private static NodeLaunch launch() {
    return new NodeLaunch("argo", "wf", "u", "n", "wf", "pod", null, Map.of());
  }

  // The corpus sits beside the checkout: ../shared/argo-examples seen from /work/<x>/.
  private static Path corpus() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/argo-examples");
      if (Files.isDirectory(candidate.resolve("examples"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("Argo's examples not found in ../shared/argo-examples");
  }
}
