package dev.navis.events;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The NATS server tests talk to: the shared one at 127.0.0.1:4222, or a private one a test
 * starts and stops to see what happens when the server goes away.
 */
public final class NatsServers {

  public static final String SHARED = "nats://127.0.0.1:4222";

  private NatsServers() {}

  /** A name no other test run uses, valid as a stream, subject token or bucket. */
  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A connection to the shared server; fails saying how to start it when it is down. */
  public static Connection shared() {
    try {
      return Nats.connect(new Options.Builder().server(SHARED)
          .connectionTimeout(Duration.ofSeconds(2)).build());
    } catch (IOException e) {
      throw new IllegalStateException("no NATS server at " + SHARED + " (" + e.getMessage()
          + "); start it with bin/test, or: nats-server -a 127.0.0.1 -p 4222 -js -sd DIR", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Deletes a stream of the shared server, if it is there. */
  public static void deleteStream(String stream) {
    try (Connection connection = shared()) {
      connection.jetStreamManagement().deleteStream(stream);
    } catch (JetStreamApiException e) {
      // already gone
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A free port on the loopback interface, for a server that is not there (or will be). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A nats-server with JetStream of the test's own, on a free port, storing in a temp folder. */
  public static final class Private implements AutoCloseable {

    private final int port = freePort();
    private final Path store;
    private final List<String> extraArguments;
    private Process process;

    /** {@code extraArguments} go to nats-server as they are ({@code --auth TOKEN}...). */
    public Private(String... extraArguments) {
      this(true, extraArguments);
    }

    private Private(boolean started, String... extraArguments) {
      this.extraArguments = List.of(extraArguments);
      try {
        store = Files.createTempDirectory("navis-nats-");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      if (started) {
        start();
      }
    }

    /** A server whose port is chosen but which {@link #start} starts later. */
    public static Private notStartedYet(String... extraArguments) {
      return new Private(false, extraArguments);
    }

    public String url() {
      return "nats://127.0.0.1:" + port;
    }

    /** Starts (again) on the same port and store; returns once it accepts connections. */
    public void start() {
      try {
        List<String> command = new ArrayList<>(List.of("nats-server", "-a", "127.0.0.1", "-p",
            String.valueOf(port), "-js", "-sd", store.toString()));
        command.addAll(extraArguments);
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(store.resolve("server.log").toFile()).start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot start nats-server (apt-get install"
            + " nats-server): " + e.getMessage(), e);
      }
      awaitListening();
    }

    private void awaitListening() {
      Instant deadline = Instant.now().plusSeconds(10);
      while (Instant.now().isBefore(deadline)) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
          return;
        } catch (IOException e) {
          sleep();
        }
      }
      throw new IllegalStateException("nats-server did not listen on " + port + " within 10s");
    }

    private static void sleep() {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** Stops the server, as a crash or a network cut would look to its clients. */
    public void stop() {
      if (process == null) {
        return;
      }
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      stop();
      try (Stream<Path> files = Files.walk(store)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
