package dev.navis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.model.Parameter;
import dev.navis.api.model.Template;
import dev.navis.engine.spi.NodeLaunch;
import dev.navis.engine.testing.EngineHarness;
import dev.navis.engine.testing.FakeExecutor;
import dev.navis.engine.testing.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs Argo's examples of the conformance set through the fake executor. Each node's outcome is
 * guessed from its command (an {@code exit N} fails, a {@code sleep} takes that long, an
 * {@code echo} prints its words), so each example must reach the phase it reaches on a host.
 */
class ConformanceExamplesTest {

  private static final Path EXAMPLES = examplesFolder();
  private static final Pattern EXIT = Pattern.compile("exit (\\d+)");
  private static final Pattern SLEEP = Pattern.compile("sleep (\\d+)([smhd]?)");
  private static final Pattern ECHO = Pattern.compile("^echo (?:-n )?\"?([^\";>|]*)\"?");

  /** Argo's examples, in {@code shared/} next to the checkout (or next to its worktree). */
  static Path examplesFolder() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path examples = dir.resolve("shared/argo-examples/examples");
      if (Files.isDirectory(examples)) {
        return examples;
      }
    }
    throw new IllegalStateException("shared/argo-examples not found above the checkout");
  }

  /**
   * The conformance set, from the corpus's EXPECTED.tsv: host-only Workflows that Argo's CI runs
   * (or expects to fail) and that use no stored templates, with a definite expected phase.
   */
  static Stream<Arguments> examples() throws IOException {
    List<Arguments> examples = new ArrayList<>();
    List<String> rows = Files.readAllLines(EXAMPLES.resolveSibling("EXPECTED.tsv"));
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split("\t", -1);
      boolean hostWorkflow = "H".equals(cells[1]) && "Workflow".equals(cells[2]);
      boolean runByArgo = cells[3].isEmpty() || "expected-failure".equals(cells[3]);
      boolean definite = "Succeeded".equals(cells[4]) || "Failed".equals(cells[4]);
      if (hostWorkflow && runByArgo && definite && !usesStoredTemplates(cells[0])) {
        examples.add(Arguments.of(cells[0], cells[4]));
      }
    }
    return examples.stream();
  }

  private static boolean usesStoredTemplates(String file) throws IOException {
    String text = Files.readString(EXAMPLES.resolve(file));
    return text.contains("templateRef") || text.contains("workflowTemplateRef");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("examples")
  void exampleReachesItsPhase(String file, String expected) {
    assertReaches(EngineHarness.of(EXAMPLES.resolve(file)), expected);
  }

  @ParameterizedTest(name = "restored each step: {0} -> {1}")
  @MethodSource("examples")
  void exampleReachesItsPhaseWhenRestoredEachStep(String file, String expected) {
    assertReaches(EngineHarness.of(EXAMPLES.resolve(file)).restoreEachStep(), expected);
  }

  private static void assertReaches(EngineHarness harness, String expected) {
    harness.executor(new FakeExecutor()
        .onTemplate("odd-or-even", ConformanceExamplesTest::oddOrEven)
        .when(launch -> true, ConformanceExamplesTest::guess));

    String phase = harness.runToCompletion();

    if ("random".equals(expected)) {
      assertThat(phase).isIn("Succeeded", "Failed");
    } else {
      assertThat(phase).as(describe(harness)).isEqualTo(expected);
    }
    assertThat(harness.storedNodes().values())
        .containsExactlyInAnyOrderElementsOf(
            harness.run().toWorkflow().status().nodes().values());
  }

  /** parameter-aggregation*.yaml print a JSON object for their input number. */
  static Outcome oddOrEven(NodeLaunch launch) {
    String number = launch.template().inputs().parameters().get(0).value();
    String evenness = Integer.parseInt(number) % 2 == 0 ? "even" : "odd";
    return Outcome.succeeded("{\"num\": " + number + ", \"evenness\": \"" + evenness + "\"}")
        .withParameters(Map.of("num", number, "evenness", evenness));
  }

  /** What a host would most likely make of the node's command. */
  static Outcome guess(NodeLaunch launch) {
    String text = commandText(launch.template());
    Outcome outcome = Outcome.succeeded(printed(text));
    Matcher exit = EXIT.matcher(text);
    if (exit.find() && !"0".equals(exit.group(1))) {
      outcome = new Outcome("Failed", Integer.parseInt(exit.group(1)), printed(text), Map.of(),
          "Error (exit code " + exit.group(1) + ")", Duration.ofSeconds(1));
    }
    Matcher sleep = SLEEP.matcher(text);
    if (sleep.find()) {
      outcome = outcome.after(sleepDuration(sleep));
    }
    return outcome.withParameters(outputParameters(launch.template(), text));
  }

  private static String commandText(Template template) {
    List<String> parts = new ArrayList<>();
    if (template.container() != null) {
      addAll(parts, template.container().command());
      addAll(parts, template.container().args());
    }
    if (template.script() != null) {
      parts.add(template.script().source());
    }
    if (template.containerSet() != null) {
      template.containerSet().containers().forEach(c -> {
        addAll(parts, c.command());
        addAll(parts, c.args());
      });
    }
    return String.join(" ", parts);
  }

  private static void addAll(List<String> parts, List<String> more) {
    if (more != null) {
      parts.addAll(more);
    }
  }

  private static String printed(String text) {
    if (text.contains("random")) {
      return text.contains("heads") ? "heads" : "3";
    }
    String trimmed = text.replaceFirst("^(sh -c |bash -c )", "").trim();
    Matcher echo = ECHO.matcher(trimmed);
    if (trimmed.startsWith("echo ") && echo.find()) {
      return echo.group(1).trim();
    }
    return "";
  }

  private static Duration sleepDuration(Matcher sleep) {
    long amount = Long.parseLong(sleep.group(1));
    return switch (sleep.group(2)) {
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> Duration.ofSeconds(amount);
    };
  }

  private static Map<String, String> outputParameters(Template template, String text) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (template.outputs() == null || template.outputs().parameters() == null) {
      return parameters;
    }
    for (Parameter parameter : template.outputs().parameters()) {
      if (parameter.valueFrom() == null || parameter.valueFrom().path() == null) {
        continue;
      }
      Matcher written = Pattern.compile("echo (?:-n )?\"?([^\">]*?)\"? > "
          + Pattern.quote(parameter.valueFrom().path())).matcher(text);
      if (written.find()) {
        parameters.put(parameter.name(), written.group(1).trim());
      } else if (parameter.valueFrom().defaultValue() == null) {
        parameters.put(parameter.name(), "value-of-" + parameter.name());
      }
    }
    return parameters;
  }

  /** The workflow's message and its unsuccessful nodes, for a failed assertion. */
  static String describe(EngineHarness harness) {
    StringBuilder text = new StringBuilder(String.valueOf(
        harness.status() == null ? null : harness.status().message()));
    harness.storedNodes().values().stream()
        .filter(node -> !"Succeeded".equals(node.phase()))
        .forEach(node -> text.append("\n  ").append(node.name()).append(' ')
            .append(node.phase()).append(": ").append(node.message()));
    return text.toString();
  }
}
