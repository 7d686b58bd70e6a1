package dev.navis.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two JVMs on one H2 file: mixed mode lets both in, and a killed writer loses nothing. */
class TwoProcessTest {

  @TempDir
  Path folder;

  @Test
  void aSecondProcessSharesTheOpenDatabase() throws Exception {
    String url = "h2:" + folder;
    try (WorkflowStore store = Stores.open(url)) {
      store.create(TestData.workflow("argo", "from-parent", Map.of(), Instant.now()));
      assertThat(store.tryAcquireLock("mutex", 1, "parent")).isTrue();

      List<String> answers = runSecondProcess(url, "create-list-lock", 0);

      assertThat(answers).containsExactly("names=from-child,from-parent", "lock=false");
      assertThat(store.get("argo", "from-child")).isPresent();
    }
  }

  @Test
  void theSecondProcessCarriesOnWhenTheFirstExits() throws Exception {
    String url = "h2:" + folder;
    Process server = start(url, "serve-until-told");
    BufferedReader serverOutput = server.inputReader(StandardCharsets.UTF_8);
    assertThat(serverOutput.lines().filter(line -> line.equals("ready")).findFirst()).isPresent();

    try (WorkflowStore store = Stores.open(url)) {
      assertThat(store.get("argo", "from-server")).isPresent();
      server.outputWriter().write("stop\n");
      server.outputWriter().flush();
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();

      store.create(TestData.workflow("argo", "after-exit", Map.of(), Instant.now()));
      assertThat(store.list(WorkflowQuery.all())).extracting(StoredWorkflow::name)
          .containsExactlyInAnyOrder("from-server", "after-exit");
    }
  }

  @Test
  void whatAKilledProcessCommittedIsThere() throws Exception {
    String url = "h2:" + folder;

    List<String> answers = runSecondProcess(url, "create-then-die", 9);

    assertThat(answers).containsExactly("committed");
    try (WorkflowStore store = Stores.open(url)) {
      StoredWorkflow survivor = store.get("argo", "survivor").orElseThrow();
      assertThat(survivor.phase()).isEqualTo("Running");
      assertThat(store.nodes(survivor.uid())).extracting(node -> node.phase())
          .containsExactly("Running");
    }
  }

  private static List<String> runSecondProcess(String url, String command, int exitCode)
      throws IOException, InterruptedException {
    Process process = start(url, command);
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("second process ended").isTrue();
    assertThat(process.exitValue()).as("exit code; output: " + output).isEqualTo(exitCode);
    return output.lines().filter(line -> !line.isBlank() && !line.startsWith("SLF4J")).toList();
  }

  private static Process start(String url, String command) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        SecondProcess.class.getName(), url, command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }
}
