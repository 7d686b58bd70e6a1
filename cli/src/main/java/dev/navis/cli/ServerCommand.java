package dev.navis.cli;

import dev.navis.controller.NavisConfig;
import dev.navis.server.ServerRuntime;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code navis server}: the controller and Argo Server's API, until SIGTERM or Ctrl-C. */
@Command(name = "server", description = "Run the controller and the Argo-compatible API.")
final class ServerCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--port", description = "Port to listen on (default: 2746, $NAVIS_PORT)")
  Integer port;

  @Option(names = "--address", paramLabel = "IP",
      description = "Interface to listen on (default: 127.0.0.1, $NAVIS_ADDRESS); 0.0.0.0 "
          + "serves other machines: use it with --auth-mode client")
  String address;

  @Option(names = "--store", description = "h2:PATH or postgresql://... (default: $NAVIS_STORE)")
  String store;

  @Option(names = "--auth-mode", description = "server (no auth) or client (bearer tokens)")
  String authMode;

  @Option(names = "--auth-tokens", paramLabel = "FILE",
      description = "YAML list of {token, namespaces} for --auth-mode client")
  Path authTokens;

  @Override
  public Integer call() throws InterruptedException {
    NavisConfig config = NavisConfig.fromEnvironment()
        .withServerFlags(port, store, authMode, authTokens).withAddress(address);
    ServerRuntime runtime;
    try {
      runtime = ServerRuntime.start(config);
    } catch (IllegalArgumentException badSetup) {
      throw new UserException("navis server: " + badSetup.getMessage());
    }
    spec.commandLine().getOut().println("navis server listening on port " + runtime.port()
        + " of " + config.address());
    warnIfOpenToOthers(config, runtime.port());
    spec.commandLine().getOut().flush();

    CountDownLatch stopped = new CountDownLatch(1);
    Thread shutdown = new Thread(() -> {
      runtime.close();
      stopped.countDown();
    }, "navis-server-shutdown");
    // SIGTERM and Ctrl-C run the hook: the API stops, claims are released for the next start.
    Runtime.getRuntime().addShutdownHook(shutdown);
    stopped.await();
    return 0;
  }

  /** No auth on an address other machines reach: allowed, as Argo's server mode is, but said. */
  private void warnIfOpenToOthers(NavisConfig config, int port) {
    boolean loopback;
    try {
      loopback = java.net.InetAddress.getByName(config.address()).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      loopback = false;
    }
    if (!loopback && "server".equals(config.authMode())) {
      spec.commandLine().getErr().println("navis server: warning: no auth (--auth-mode server) "
          + "on " + config.address() + ": whoever reaches port " + port + " can run commands "
          + "on this host; use --auth-mode client");
      spec.commandLine().getErr().flush();
    }
  }
}
