package dev.navis.events.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.navis.api.Codec;
import dev.navis.api.model.events.NatsTrigger;
import dev.navis.events.Secrets;
import dev.navis.events.jetstream.NatsConnections;
import dev.navis.events.sensor.TriggerParameters;
import dev.navis.events.sensor.TriggerParameters.ParameterException;
import io.nats.client.Connection;
import io.nats.client.Options;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * The {@code nats} trigger: publishes the JSON object its {@code payload} parameters build on
 * {@code subject}, after its own {@code parameters} rewrote the trigger (its subject, say).
 * One connection per url and credentials, kept for the next firing; the trigger succeeds once
 * the server has the message (a flush answered), since NATS core gives no other receipt.
 */
public final class NatsTriggerAction implements TriggerAction {

  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

  private final Secrets secrets;
  // TODO: connections live as long as the process: TriggerAction has no close to end them.
  private final Map<String, Connection> connections = new ConcurrentHashMap<>();

  public NatsTriggerAction(Secrets secrets) {
    this.secrets = secrets;
  }

  @Override
  public TriggerOutcome execute(TriggerRequest request) {
    NatsTrigger nats;
    byte[] payload;
    Connection connection;
    try {
      nats = parameterized(request);
      if (nats.subject() == null || nats.subject().isBlank()) {
        return TriggerOutcome.failed("nats.subject: required");
      }
      if (nats.payload() == null) {
        return TriggerOutcome.failed("nats.payload: no payload parameters");
      }
      JsonNode body = TriggerParameters.apply(JsonNodeFactory.instance.objectNode(),
          nats.payload(), request.events());
      payload = Codec.toJson(body).getBytes(StandardCharsets.UTF_8);
      connection = connection(nats);
    } catch (ParameterException | IllegalArgumentException | IllegalStateException e) {
      return TriggerOutcome.failed("nats: " + e.getMessage());
    }
    return publish(connection, nats, payload);
  }

  /** The trigger with its own {@code parameters} applied. */
  private static NatsTrigger parameterized(TriggerRequest request) {
    NatsTrigger nats = Codec.json().convertValue(request.template().nats(), NatsTrigger.class);
    if (nats.parameters() == null || nats.parameters().isEmpty()) {
      return nats;
    }
    JsonNode applied = TriggerParameters.apply(Codec.json().valueToTree(nats),
        nats.parameters(), request.events());
    return Codec.json().convertValue(applied, NatsTrigger.class);
  }

  private Connection connection(NatsTrigger nats) {
    String key = nats.url() + "|" + nats.auth() + "|" + nats.tls();
    Connection existing = connections.get(key);
    if (existing != null && existing.getStatus() != Connection.Status.CLOSED) {
      return existing;
    }
    Options options = NatsConnections.clientOptions(nats.url(), nats.auth(), nats.tls(),
        secrets, "nats", "trigger").build();
    Connection connection = NatsConnections.connect(options, nats.url());
    Connection raced = connections.put(key, connection);
    if (raced != null && raced != existing) {
      close(raced);
    }
    return connection;
  }

  private static TriggerOutcome publish(Connection connection, NatsTrigger nats,
      byte[] payload) {
    String where = "nats " + nats.subject() + " at " + NatsConnections.redacted(nats.url());
    try {
      connection.publish(nats.subject(), payload);
      connection.flush(FLUSH_TIMEOUT);
      return TriggerOutcome.succeeded("published " + payload.length + " bytes on " + where);
    } catch (TimeoutException e) {
      return TriggerOutcome.failed(where + ": the server did not answer within "
          + FLUSH_TIMEOUT.toSeconds() + "s (connection "
          + connection.getStatus().name().toLowerCase() + ")");
    } catch (IllegalStateException | IllegalArgumentException e) {
      return TriggerOutcome.failed(where + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TriggerOutcome.failed(where + ": interrupted");
    }
  }

  private static void close(Connection connection) {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
