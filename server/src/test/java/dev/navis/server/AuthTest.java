package dev.navis.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.navis.controller.NavisConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --auth-mode client}: who may do what, over real HTTP. */
class AuthTest {

  @TempDir static Path home;
  static ServerRuntime runtime;

  @BeforeAll
  static void startServer() throws IOException {
    Path tokens = home.resolve("tokens.yaml");
    Files.writeString(tokens, """
        - token: team-a-secret
          namespaces: [team-a]
        - token: admin-secret
          namespaces: ["*"]
        """);
    runtime = ServerRuntime.start(config("client", tokens));
  }

  private static NavisConfig config(String authMode, Path tokens) {
    return new NavisConfig(home, "h2:" + home.resolve("navis"), "default", 0, authMode,
        tokens, NavisConfig.DEFAULT_MAX_REQUEST_BYTES);
  }

  @AfterAll
  static void stopServer() {
    runtime.close();
  }

  private static ApiClient as(String token) {
    return new ApiClient(runtime.port(), token);
  }

  @Test
  void withoutAValidTokenTheApiAnswers401() {
    ApiClient.Answer missing = as(null).get("/api/v1/workflows/team-a");
    ApiClient.Answer wrong = as("guess").get("/api/v1/workflows/team-a");

    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.json().get("code").asInt()).isEqualTo(16);
    assertThat(wrong.status()).isEqualTo(401);
  }

  @Test
  void aTokenTouchesOnlyItsNamespaces() throws IOException {
    ApiClient teamA = as("team-a-secret");

    assertThat(teamA.get("/api/v1/workflows/team-a").status()).isEqualTo(200);
    assertThat(teamA.post("/api/v1/workflows/team-a",
        NavisServerTest.createBody(NavisServerTest.HELLO)).status()).isEqualTo(200);
    ApiClient.Answer other = teamA.post("/api/v1/workflows/team-b",
        NavisServerTest.createBody(NavisServerTest.HELLO));
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.json().get("code").asInt()).isEqualTo(7);
    assertThat(teamA.get("/api/v1/workflows/team-b/any").status()).isEqualTo(403);
    assertThat(teamA.get("/api/v1/workflow-events/team-b").status()).isEqualTo(403);
    assertThat(teamA.get("/api/v1/workflows/").status()).isEqualTo(403);
    assertThat(teamA.get("/api/v1/workflow-templates/team-a").status()).isEqualTo(200);
    assertThat(teamA.get("/api/v1/cron-workflows/team-b").status()).isEqualTo(403);
    assertThat(teamA.get("/api/v1/cluster-workflow-templates").status()).isEqualTo(403);
  }

  @Test
  void aStarTokenTouchesEverything() {
    ApiClient admin = as("admin-secret");

    assertThat(admin.get("/api/v1/workflows/team-b").status()).isEqualTo(200);
    assertThat(admin.get("/api/v1/workflows/").status()).isEqualTo(200);
  }

  @Test
  void versionInfoAndMetricsStayOpen() {
    ApiClient anyone = as(null);

    assertThat(anyone.get("/api/v1/version").status()).isEqualTo(200);
    assertThat(anyone.get("/api/v1/info").status()).isEqualTo(200);
    assertThat(anyone.get("/metrics").status()).isEqualTo(200);
    assertThat(anyone.get("/openapi.json").status()).isEqualTo(200);
  }

  @Test
  void aBadAuthSetupIsRefusedAtStart() {
    assertThatThrownBy(() -> ServerRuntime.start(config("client", null)))
        .hasMessageContaining("tokens file");
    assertThatThrownBy(() -> ServerRuntime.start(config("oauth", null)))
        .hasMessageContaining("unknown auth mode");
    NavisConfig samePort = config("server", null).withServerFlags(runtime.port(), null, null,
        null);
    assertThatThrownBy(() -> ServerRuntime.start(samePort))
        .hasMessageContaining("port " + runtime.port() + " is in use");
  }

  @Test
  void eventSourcesSensorsAndEventsNeedATokenForTheirNamespace() {
    assertThat(as(null).get("/api/v1/sensors/team-a").status()).isEqualTo(401);
    assertThat(as("team-a-secret").get("/api/v1/sensors/team-a").status()).isEqualTo(200);
    assertThat(as("team-a-secret").get("/api/v1/event-sources/team-b").status()).isEqualTo(403);
    assertThat(as("team-a-secret").post("/api/v1/event-sources/team-b", "{}").status())
        .isEqualTo(403);
    assertThat(as("team-a-secret").get("/api/v1/stream/sensors/team-b/logs").status())
        .isEqualTo(403);
    assertThat(as("team-a-secret").get("/api/v1/events/team-b/some-id").status())
        .isEqualTo(403);
  }
}
