package dev.navis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.controller.NavisConfig;
import dev.navis.server.ServerRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every case of {@link CliTest} again, each verb talking to a real server over HTTP. */
class RemoteCliTest extends CliTest {

  private ServerRuntime server;

  @BeforeEach
  void startServer() {
    // The CLI's own home and store, so that verbs that run here (template) share its state.
    NavisConfig config = new NavisConfig(home, "h2:" + home.resolve("navis"), "default", 0,
        "server", null, NavisConfig.DEFAULT_MAX_REQUEST_BYTES);
    server = ServerRuntime.start(config);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Override
  String[] globalOptions() {
    return new String[] {"--server", "http://127.0.0.1:" + server.port()};
  }

  @Test
  void stopAndResubmitGoThroughTheServer() {
    navis("submit", "src/test/resources/workflows/greet.yaml", "--wait", "-o", "name");
    String name = out.toString().trim();

    assertThat(navis("stop", name)).isEqualTo(1);
    assertThat(err.toString()).contains("workflow " + name + " has already succeeded");
    assertThat(navis("resubmit", name, "--wait", "-o", "name")).isZero();
    assertThat(out.toString().trim()).startsWith("greet-").isNotEqualTo(name);
    assertThat(navis("list", "-o", "name")).isZero();
    assertThat(out.toString().lines()).hasSize(2);
  }

  @Test
  void submitFromATemplateGoesThroughTheServer() {
    assertThat(navis("template", "create", "src/test/resources/templates/greeter.yaml"))
        .as(err::toString).isZero();

    int code = navis("submit", "--from", "workflowtemplate/greeter", "-p", "who=remote",
        "--wait", "-o", "json");

    assertThat(code).as(err::toString).isZero();
    assertThat(out.toString()).contains("\"result\" : \"hello remote\"");
    assertThat(navis("submit", "--from", "workflowtemplate/ghost")).isEqualTo(1);
    assertThat(err.toString()).contains("ghost");
  }

  @Test
  void serverRefusesASetupItCannotServe() {
    assertThat(navis("server", "--port", "0", "--auth-mode", "client")).isEqualTo(1);
    assertThat(err.toString()).contains("navis server: auth mode client needs a tokens file");

    assertThat(navis("server", "--port", "" + server.port())).isEqualTo(1);
    assertThat(err.toString()).contains("port " + server.port() + " is in use");
  }

  @Test
  void anUnreachableServerIsSaidPlainly() {
    int code = Main.run(new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(err = new java.io.StringWriter(), true),
        "--server", "http://127.0.0.1:1", "list");

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("cannot reach the Navis server at http://127.0.0.1:1");
  }
}
