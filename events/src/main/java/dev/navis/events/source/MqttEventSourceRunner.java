package dev.navis.events.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.MqttEventSource;
import dev.navis.events.EventBus;
import dev.navis.events.Secrets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code mqtt} events of an EventSource: each connects as {@code clientId} and
 * subscribes to {@code topic} at QoS 1, and each message becomes an event
 * {@code {topic, messageId, body, metadata}} (the body JSON with {@code jsonBody}, else base64
 * text as Argo Events marshals bytes).
 *
 * <p>A message is acknowledged (PUBACK) only once the bus stored its event. The broker does not
 * send an unacknowledged message again on a live connection, so a refused event is published
 * again, waiting longer each time, until the bus takes it; the session is kept
 * ({@code cleanSession=false}), so what was not acknowledged comes back after a reconnect.
 * After the broker drops the connection the client reconnects by itself and subscribes again;
 * when the first connection fails, that is named in {@link #problems()} and tried again.
 * Argo subscribes at QoS 0, so its {@code messageId} is always 0; here it is the packet id.
 */
public final class MqttEventSourceRunner implements EventSourceRunner {

  private static final int QOS = 1;
  private static final Logger log = LoggerFactory.getLogger(MqttEventSourceRunner.class);

  private final BrokerEvents events;
  private final List<MqttClient> clients = new ArrayList<>();
  private final List<Thread> retries = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private volatile boolean closed;

  private MqttEventSourceRunner(BrokerEvents events) {
    this.events = events;
  }

  /**
   * Connects and subscribes each mqtt event of the source; one that cannot (a bad URL, a
   * missing secret, an unreachable or refusing broker) is named in {@link #problems()}.
   */
  public static MqttEventSourceRunner start(EventSource source, EventBus bus, Secrets secrets,
      Clock clock) {
    MqttEventSourceRunner runner =
        new MqttEventSourceRunner(new BrokerEvents("mqtt", source, bus, clock));
    Map<String, MqttEventSource> configured = source.spec().mqtt() == null ? Map.of()
        : source.spec().mqtt();
    configured.forEach((name, mqtt) -> runner.listen(name, mqtt, secrets));
    return runner;
  }

  @Override
  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  @Override
  public void close() {
    closed = true;
    retries.forEach(Thread::interrupt);
    clients.forEach(MqttEventSourceRunner::closeQuietly);
  }

  private void listen(String name, MqttEventSource mqtt, Secrets secrets) {
    String at = "spec.mqtt." + name;
    int before = problems.size();
    if (mqtt.topic() == null || mqtt.topic().isBlank()) {
      problems.add(at + ".topic: required");
    }
    if (mqtt.clientId() == null || mqtt.clientId().isBlank()) {
      problems.add(at + ".clientId: required");
    }
    MqttConnectOptions options = options(at, mqtt, secrets);
    if (problems.size() > before) {
      return;
    }
    MqttClient client;
    try {
      client = new MqttClient(mqtt.url(), mqtt.clientId(), new MemoryPersistence());
    } catch (MqttException | IllegalArgumentException e) {
      problems.add(at + ".url: expected a tcp://, ssl://, ws:// or wss:// URL, found '"
          + mqtt.url() + "': " + e.getMessage());
      return;
    }
    client.setManualAcks(true);
    client.setCallback(new Subscriber(name, mqtt, client));
    clients.add(client);
    try {
      subscribe(name, mqtt, client, options);
    } catch (MqttException e) {
      problems.add(at + "." + field(client, e, mqtt) + ": " + describe(e, mqtt)
          + BrokerEvents.RETRYING);
      retries.add(Thread.ofVirtual().name("mqtt-connect-" + name)
          .start(() -> retry(name, mqtt, client, options)));
    }
  }

  private void subscribe(String name, MqttEventSource mqtt, MqttClient client,
      MqttConnectOptions options) throws MqttException {
    if (!client.isConnected()) {
      client.connect(options);
    }
    client.subscribe(mqtt.topic(), QOS);
    log.atInfo().addKeyValue("eventSource", events.sourceName()).addKeyValue("event", name)
        .addKeyValue("topic", mqtt.topic()).log("mqtt subscribed");
  }

  /** Paho reconnects by itself only after a first connection; until then, this does. */
  private void retry(String name, MqttEventSource mqtt, MqttClient client,
      MqttConnectOptions options) {
    events.retry(name, "mqtt connect", mqtt.connectionBackoff(), () -> closed, () -> {
      try {
        subscribe(name, mqtt, client, options);
        return Boolean.TRUE;
      } catch (MqttException e) {
        throw new IllegalStateException(describe(e, mqtt), e);
      }
    });
  }

  private MqttConnectOptions options(String at, MqttEventSource mqtt, Secrets secrets) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(false);
    options.setAutomaticReconnect(true);
    options.setMaxReconnectDelay((int) BrokerEvents.MAX_WAIT.toMillis());
    options.setConnectionTimeout(5);
    options.setKeepAliveInterval(30);
    if (mqtt.url() == null || mqtt.url().isBlank()) {
      problems.add(at + ".url: required");
    }
    if (mqtt.auth() != null) {
      BrokerEvents.secret(secrets, mqtt.auth().username(), at + ".auth.username", problems)
          .ifPresent(options::setUserName);
      BrokerEvents.secret(secrets, mqtt.auth().password(), at + ".auth.password", problems)
          .ifPresent(password -> options.setPassword(password.toCharArray()));
    }
    // TODO: tls (caCertSecret, clientCertSecret...) is not applied; ssl:// uses the JDK's
    // default trust store.
    return options;
  }

  private static String field(MqttClient client, MqttException e, MqttEventSource mqtt) {
    if (e instanceof MqttSecurityException) {
      return mqtt.auth() != null ? "auth" : "url";
    }
    return client.isConnected() ? "topic" : "url";
  }

  private static String describe(MqttException e, MqttEventSource mqtt) {
    String cause = e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")";
    return "cannot connect to " + mqtt.url() + " or subscribe to '" + mqtt.topic() + "': "
        + e.getMessage() + cause;
  }

  private static void closeQuietly(MqttClient client) {
    try {
      if (client.isConnected()) {
        client.disconnect(0);
      }
    } catch (MqttException e) {
      try {
        client.disconnectForcibly(0, 500);
      } catch (MqttException again) {
        log.atDebug().addKeyValue("reason", again.getMessage()).log("closing mqtt client");
      }
    }
    try {
      client.close(true);
    } catch (MqttException e) {
      log.atDebug().addKeyValue("reason", e.getMessage()).log("closing mqtt client");
    }
  }

  /** Receives one event's messages and subscribes again after each reconnect. */
  private final class Subscriber implements MqttCallbackExtended {
    private final String name;
    private final MqttEventSource mqtt;
    private final MqttClient client;

    Subscriber(String name, MqttEventSource mqtt, MqttClient client) {
      this.name = name;
      this.mqtt = mqtt;
      this.client = client;
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
      if (!reconnect || closed) {
        return;
      }
      // Paho's callbacks must not block on the client, so the subscription waits elsewhere.
      Thread.ofVirtual().name("mqtt-resubscribe-" + name).start(() -> {
        try {
          client.subscribe(mqtt.topic(), QOS);
          log.atInfo().addKeyValue("eventSource", events.sourceName())
              .addKeyValue("event", name).log("mqtt reconnected and subscribed again");
        } catch (MqttException e) {
          log.atWarn().addKeyValue("eventSource", events.sourceName())
              .addKeyValue("event", name).addKeyValue("reason", e.getMessage())
              .log("mqtt subscribing again failed");
        }
      });
    }

    @Override
    public void connectionLost(Throwable cause) {
      log.atWarn().addKeyValue("eventSource", events.sourceName()).addKeyValue("event", name)
          .addKeyValue("reason", String.valueOf(cause)).log("mqtt connection lost; reconnecting");
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws MqttException {
      ObjectNode data = BrokerEvents.object();
      data.put("topic", topic);
      data.put("messageId", message.getId());
      try {
        data.set("body", BrokerEvents.bytesBody(message.getPayload(), mqtt.jsonBody()));
      } catch (IllegalArgumentException e) {
        log.atWarn().addKeyValue("eventSource", events.sourceName()).addKeyValue("event", name)
            .addKeyValue("reason", e.getMessage()).log("mqtt message dropped");
        client.messageArrivedComplete(message.getId(), message.getQos());
        return;
      }
      BrokerEvents.withMetadata(data, mqtt.metadata());
      BrokerEvents.Outcome outcome = events.publishUntilStored(name, mqtt.filter(), data,
          () -> !closed);
      if (outcome != BrokerEvents.Outcome.FAILED) {
        client.messageArrivedComplete(message.getId(), message.getQos());
      }
    }

    @Override
    public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
      // This client publishes nothing.
    }
  }
}
