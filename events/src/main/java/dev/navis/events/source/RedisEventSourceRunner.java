package dev.navis.events.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.RedisEventSource;
import dev.navis.events.EventBus;
import dev.navis.events.Secrets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs the {@code redis} events of an EventSource: each subscribes to its {@code channels}
 * (SUBSCRIBE, so {@code pattern} is empty, as in Argo Events) and each message becomes an event
 * {@code {channel, pattern, body, metadata}}, the body JSON with {@code jsonBody}, else text.
 *
 * <p>Pub/sub has no acknowledgement, so a message the bus refuses is published again, waiting
 * longer each time, until the bus takes it (later messages wait in the server meanwhile). After
 * the server drops the connection the runner connects and subscribes again, waiting 1s doubling
 * (at most 30s) between attempts (so it does when the first connection fails, which is also
 * named in {@link #problems()}); what was published in between is not seen, as with any Redis
 * subscriber.
 */
public final class RedisEventSourceRunner implements EventSourceRunner {

  private static final Logger log = LoggerFactory.getLogger(RedisEventSourceRunner.class);

  private final BrokerEvents events;
  private final List<Subscriber> subscribers = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private volatile boolean closed;

  private RedisEventSourceRunner(BrokerEvents events) {
    this.events = events;
  }

  /**
   * Connects and subscribes each redis event of the source; one that cannot (a bad address, a
   * missing secret, an unreachable or refusing server) is named in {@link #problems()}.
   */
  public static RedisEventSourceRunner start(EventSource source, EventBus bus, Secrets secrets,
      Clock clock) {
    RedisEventSourceRunner runner =
        new RedisEventSourceRunner(new BrokerEvents("redis", source, bus, clock));
    Map<String, RedisEventSource> configured = source.spec().redis() == null ? Map.of()
        : source.spec().redis();
    configured.forEach((name, redis) -> runner.listen(name, redis, secrets));
    return runner;
  }

  @Override
  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  @Override
  public void close() {
    closed = true;
    subscribers.forEach(Subscriber::stop);
  }

  private void listen(String name, RedisEventSource redis, Secrets secrets) {
    String at = "spec.redis." + name;
    if (redis.channels() == null || redis.channels().isEmpty()) {
      problems.add(at + ".channels: at least one channel is required");
      return;
    }
    Optional<RedisConnections> connections = RedisConnections.of(at,
        events.sourceName() + ":" + name, redis.hostAddress(), redis.db(), redis.username(),
        redis.password(), 0, secrets, problems);
    if (connections.isEmpty()) {
      return;
    }
    Jedis first = null;
    try {
      first = connections.get().connect(redis.password() != null);
    } catch (IllegalStateException e) {
      problems.add(at + "." + e.getMessage() + BrokerEvents.RETRYING);
    }
    Jedis connected = first;
    Subscriber subscriber = new Subscriber(name, redis, connections.get());
    subscribers.add(subscriber);
    subscriber.thread = Thread.ofVirtual().name("redis-" + name)
        .start(() -> subscriber.run(connected));
  }

  /** One redis event's subscription, made again after each drop. */
  private final class Subscriber extends JedisPubSub {
    private final String name;
    private final RedisEventSource redis;
    private final RedisConnections connections;
    private volatile Jedis jedis;
    private volatile Thread thread;

    Subscriber(String name, RedisEventSource redis, RedisConnections connections) {
      this.name = name;
      this.redis = redis;
      this.connections = connections;
    }

    void run(Jedis connected) {
      jedis = connected != null ? connected : reconnect();
      while (!closed && jedis != null) {
        try {
          jedis.subscribe(this, redis.channels().toArray(String[]::new));
        } catch (JedisException e) {
          if (closed) {
            return;
          }
          log.atWarn().addKeyValue("eventSource", events.sourceName())
              .addKeyValue("event", name).addKeyValue("reason", RedisConnections.rootMessage(e))
              .log("redis subscription lost; reconnecting");
        } finally {
          RedisConnections.close(jedis);
        }
        jedis = reconnect();
      }
    }

    private Jedis reconnect() {
      return events.retry(name, "redis reconnect", null, () -> closed,
          () -> connections.connect(redis.password() != null));
    }

    @Override
    public void onSubscribe(String channel, int subscribedChannels) {
      log.atInfo().addKeyValue("eventSource", events.sourceName()).addKeyValue("event", name)
          .addKeyValue("channel", channel).log("redis subscribed");
    }

    @Override
    public void onMessage(String channel, String message) {
      ObjectNode data = BrokerEvents.object();
      data.put("channel", channel);
      data.put("pattern", "");
      try {
        data.set("body", BrokerEvents.textBody(message, redis.jsonBody()));
      } catch (IllegalArgumentException e) {
        log.atWarn().addKeyValue("eventSource", events.sourceName()).addKeyValue("event", name)
            .addKeyValue("reason", e.getMessage()).log("redis message dropped");
        return;
      }
      BrokerEvents.withMetadata(data, redis.metadata());
      events.publishUntilStored(name, redis.filter(), data, () -> !closed);
    }

    void stop() {
      try {
        if (isSubscribed()) {
          unsubscribe();
        }
      } catch (JedisException e) {
        log.atDebug().addKeyValue("reason", e.getMessage()).log("redis unsubscribe");
      }
      RedisConnections.disconnect(jedis);
      if (thread != null) {
        thread.interrupt();
      }
    }
  }
}
