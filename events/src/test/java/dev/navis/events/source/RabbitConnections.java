package dev.navis.events.source;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Drops a client's connection from the RabbitMQ side, as a broker restart would. */
final class RabbitConnections {

  private RabbitConnections() {}

  /** Closes the broker's connection whose client-given name is {@code name}. */
  static void close(String name) throws IOException, InterruptedException {
    String listing = run("rabbitmqctl", "list_connections", "-q", "pid", "client_properties");
    String pid = listing.lines().filter(line -> line.contains("\"" + name + "\"")
        || line.contains("<<\"" + name + "\">>")).map(line -> line.split("\t")[0]).findFirst()
        .orElse(null);
    if (pid == null) {
      fail("no RabbitMQ connection named " + name + " in:\n" + listing);
    }
    run("rabbitmqctl", "close_connection", pid, "navis test drops the connection");
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      fail(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }
}
