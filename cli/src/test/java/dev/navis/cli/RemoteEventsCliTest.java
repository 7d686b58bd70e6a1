package dev.navis.cli;

import dev.navis.controller.NavisConfig;
import dev.navis.server.ServerRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Every case of {@link EventsCliTest} again, through a real server's API. */
class RemoteEventsCliTest extends EventsCliTest {

  private ServerRuntime server;

  @BeforeEach
  void startServer() {
    server = ServerRuntime.start(new NavisConfig(home, "h2:" + home.resolve("navis"),
        "default", 0, "server", null, NavisConfig.DEFAULT_MAX_REQUEST_BYTES, "memory"));
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Override
  String[] globalOptions() {
    return new String[] {"--server", "http://127.0.0.1:" + server.port()};
  }
}
