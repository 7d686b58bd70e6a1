package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.engine.testing.EngineHarness;
import dev.navis.engine.testing.FakeExecutor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Workflow among Argo's examples, including those a host cannot run, goes through the
 * engine without an internal error: what it cannot do ends as a node message, never a bug.
 */
class AllExamplesRobustnessTest {

  static Stream<Path> workflows() throws IOException {
    Path examples = ConformanceExamplesTest.examplesFolder();
    try (Stream<Path> files = Files.walk(examples)) {
      return files.filter(file -> file.toString().endsWith(".yaml"))
          .filter(AllExamplesRobustnessTest::isSingleWorkflow)
          .sorted()
          .toList()
          .stream();
    }
  }

  private static boolean isSingleWorkflow(Path file) {
    try {
      String text = Files.readString(file);
      return text.contains("\nkind: Workflow\n") && !text.contains("\n---");
    } catch (IOException e) {
      return false;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("workflows")
  void runsWithoutAnInternalError(Path file) {
    EngineHarness harness = EngineHarness.of(file).maxSteps(2_000).executor(
        new FakeExecutor().when(launch -> true, ConformanceExamplesTest::guess));

    harness.runToCompletion();

    String message = harness.status() == null ? null : harness.status().message();
    assertThat(String.valueOf(message)).doesNotStartWith("internal error");
  }
}
