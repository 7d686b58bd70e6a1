package dev.navis.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.controller.NavisConfig;
import dev.navis.events.source.SlowBodyClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients keep their connection open between requests, as the JDK's and Go's do. An answer
 * that needs nothing of the body must still wait for it, or the server closes the connection
 * under the client's next request.
 */
class ConnectionReuseTest {

  @TempDir static Path home;
  static ServerRuntime runtime;

  @BeforeAll
  static void startServer() {
    runtime = ServerRuntime.start(new NavisConfig(home, "h2:" + home.resolve("navis"),
        "default", 0, "server", null, NavisConfig.DEFAULT_MAX_REQUEST_BYTES));
  }

  @AfterAll
  static void stopServer() {
    runtime.close();
  }

  @Test
  void answersThatIgnoreALateBodyKeepTheConnection() throws Exception {
    try (SlowBodyClient slow = new SlowBodyClient(runtime.port())) {
      for (int request = 0; request < 3; request++) {
        SlowBodyClient.Answer missing =
            slow.send("PUT", "/api/v1/cron-workflows/ops/ghost/suspend", "{}");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.keepsConnection()).as("request %d", request).isTrue();
      }
    }
  }

  @Test
  void aLateBodyIsStillReadByItsHandler() throws Exception {
    try (SlowBodyClient slow = new SlowBodyClient(runtime.port())) {
      SlowBodyClient.Answer lint = slow.send("POST", "/api/v1/workflow-templates/docs/lint",
          "{\"template\": {\"metadata\": {\"name\": \"t\"}, \"spec\": {\"entrypoint\": \"x\"}}}");

      assertThat(lint.status()).isEqualTo(400);
      assertThat(lint.body()).contains("spec.entrypoint");
      assertThat(lint.keepsConnection()).isTrue();
    }
  }
}
