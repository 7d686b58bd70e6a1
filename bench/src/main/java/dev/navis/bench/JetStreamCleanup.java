package dev.navis.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;

/**
 * Removes what one benchmark run left on a NATS server: its bus's stream (the events and the
 * sensors' durable consumers), so later runs start from nothing and the server's disk does not
 * fill with benchmark events.
 *
 * <p>Usage: {@code JetStreamCleanup NATS_URL STREAM...}; a stream already gone is fine.
 */
public final class JetStreamCleanup {

  private static final int STREAM_NOT_FOUND = 10059;

  private JetStreamCleanup() {}

  public static void main(String[] args) throws Exception {
    try (Connection connection = Nats.connect(args[0])) {
      JetStreamManagement management = connection.jetStreamManagement();
      for (int i = 1; i < args.length; i++) {
        delete(management, args[i]);
      }
    }
  }

  private static void delete(JetStreamManagement management, String stream) throws Exception {
    try {
      management.deleteStream(stream);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
    }
  }
}
