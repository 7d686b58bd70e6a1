package dev.navis.events.source;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.RedisStreamEventSource;
import dev.navis.events.EventBus;
import dev.navis.events.Secrets;
import dev.navis.events.source.BrokerEvents.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Runs the {@code redisStream} events of an EventSource: each reads its {@code streams}
 * through the consumer group {@code consumerGroup} ({@code argo-events-cg} by default, created
 * at the end of each stream when missing) with XREADGROUP, and each entry becomes an event
 * {@code {stream, message_id, values, metadata}} (Argo Events' field names).
 *
 * <p>An entry is acknowledged (XACK) only once the bus stored its event. One the bus refused
 * stays pending; the runner then reads its own pending entries again (from id 0) before new
 * ones, as it also does after each (re)connect, so nothing is lost across restarts either. The
 * consumer is named {@code navis-<eventSource>-<event>} so a restarted process finds its own
 * pending entries. When the first connection or the group cannot be made it is named in
 * {@link #problems()} and tried again, 1s doubling to 30s, as after a drop. The event id is made
 * from the stream and entry id, so an entry read again after its acknowledgement was lost is
 * dropped by the bus as a duplicate.
 */
public final class RedisStreamEventSourceRunner implements EventSourceRunner {

  static final String DEFAULT_GROUP = "argo-events-cg";
  private static final int DEFAULT_COUNT = 10;
  private static final int BLOCK_MILLIS = 1_000;
  private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
  private static final StreamEntryID PENDING = new StreamEntryID(0, 0);
  private static final Logger log = LoggerFactory.getLogger(RedisStreamEventSourceRunner.class);

  private final BrokerEvents events;
  private final List<Reader> readers = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private volatile boolean closed;

  private RedisStreamEventSourceRunner(BrokerEvents events) {
    this.events = events;
  }

  /**
   * Connects each redisStream event of the source and makes sure its consumer group exists;
   * one that cannot (a bad address, a missing secret, an unreachable server, a key that is not
   * a stream) is named in {@link #problems()}.
   */
  public static RedisStreamEventSourceRunner start(EventSource source, EventBus bus,
      Secrets secrets, Clock clock) {
    RedisStreamEventSourceRunner runner =
        new RedisStreamEventSourceRunner(new BrokerEvents("redisStream", source, bus, clock));
    Map<String, RedisStreamEventSource> configured = source.spec().redisStream() == null
        ? Map.of() : source.spec().redisStream();
    configured.forEach((name, stream) -> runner.listen(name, stream, secrets));
    return runner;
  }

  @Override
  public List<String> problems() {
    return Collections.unmodifiableList(problems);
  }

  @Override
  public void close() {
    closed = true;
    readers.forEach(Reader::stop);
  }

  /** The consumer name a redisStream event reads as. */
  static String consumer(String eventSource, String event) {
    return "navis-" + eventSource + "-" + event;
  }

  private void listen(String name, RedisStreamEventSource stream, Secrets secrets) {
    String at = "spec.redisStream." + name;
    if (stream.streams() == null || stream.streams().isEmpty()) {
      problems.add(at + ".streams: at least one stream is required");
      return;
    }
    Optional<RedisConnections> connections = RedisConnections.of(at,
        events.sourceName() + ":" + name, stream.hostAddress(), stream.db(), stream.username(),
        stream.password(), BLOCK_MILLIS + 5_000, secrets, problems);
    if (connections.isEmpty()) {
      return;
    }
    Reader reader = new Reader(name, stream, connections.get());
    try {
      reader.jedis = reader.connect();
    } catch (IllegalStateException e) {
      problems.add(at + "." + e.getMessage() + BrokerEvents.RETRYING);
    }
    readers.add(reader);
    reader.thread = Thread.ofVirtual().name("redis-stream-" + name).start(reader::run);
  }

  /** One redisStream event's reads, connected again after each drop. */
  private final class Reader {
    private final String name;
    private final RedisStreamEventSource stream;
    private final RedisConnections connections;
    private final String group;
    private final String consumer;
    private volatile Jedis jedis;
    private volatile Thread thread;

    Reader(String name, RedisStreamEventSource stream, RedisConnections connections) {
      this.name = name;
      this.stream = stream;
      this.connections = connections;
      this.group = stream.consumerGroup() == null || stream.consumerGroup().isBlank()
          ? DEFAULT_GROUP : stream.consumerGroup();
      this.consumer = consumer(events.sourceName(), name);
    }

    /** A connection with the group on every stream; {@code field: reason} when not. */
    Jedis connect() {
      Jedis connected = connections.connect(stream.password() != null);
      for (String key : stream.streams()) {
        try {
          connected.xgroupCreate(key, group, StreamEntryID.XGROUP_LAST_ENTRY, true);
        } catch (JedisDataException e) {
          if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
            connected.close();
            throw new IllegalStateException("streams: cannot create consumer group " + group
                + " on '" + key + "': " + e.getMessage());
          }
        }
      }
      return connected;
    }

    void run() {
      if (jedis == null) {
        jedis = reconnect();
      }
      boolean pendingFirst = true;
      while (!closed && jedis != null) {
        try {
          pendingFirst = readOnce(pendingFirst);
        } catch (JedisException e) {
          if (closed) {
            return;
          }
          log.atWarn().addKeyValue("eventSource", events.sourceName())
              .addKeyValue("event", name).addKeyValue("reason", RedisConnections.rootMessage(e))
              .log("redis stream read failed; reconnecting");
          RedisConnections.close(jedis);
          jedis = reconnect();
          if (jedis == null) {
            return;
          }
          pendingFirst = true;
        }
      }
    }

    private Jedis reconnect() {
      return events.retry(name, "redis stream reconnect", null, () -> closed, this::connect);
    }

    /** Reads and publishes one batch; whether the next read is of pending entries again. */
    private boolean readOnce(boolean pending) {
      Map<String, StreamEntryID> from = new LinkedHashMap<>();
      stream.streams().forEach(key -> from.put(key,
          pending ? PENDING : StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
      XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(count());
      List<Map.Entry<String, List<StreamEntry>>> batch = jedis.xreadGroup(group, consumer,
          pending ? params : params.block(BLOCK_MILLIS), from);
      boolean any = false;
      for (Map.Entry<String, List<StreamEntry>> entries : batch == null
          ? List.<Map.Entry<String, List<StreamEntry>>>of() : batch) {
        any |= !entries.getValue().isEmpty();
        if (!deliver(entries.getKey(), entries.getValue())) {
          BrokerEvents.pause(RETRY_DELAY);
          return true;
        }
      }
      return pending && any;
    }

    /**
     * Publishes the entries of one stream in order and acknowledges those stored, in one XACK;
     * false when the bus refused one, which stays pending with those after it.
     */
    private boolean deliver(String key, List<StreamEntry> entries) {
      List<StreamEntryID> stored = new ArrayList<>();
      boolean all = true;
      for (StreamEntry entry : entries) {
        // An entry deleted while pending comes back without fields: nothing to publish.
        if (entry.getFields() != null && publish(key, entry) == Outcome.FAILED) {
          all = false;
          break;
        }
        stored.add(entry.getID());
      }
      if (!stored.isEmpty()) {
        jedis.xack(key, group, stored.toArray(StreamEntryID[]::new));
      }
      return all;
    }

    private Outcome publish(String key, StreamEntry entry) {
      ObjectNode data = BrokerEvents.object();
      data.put("stream", key);
      data.put("message_id", entry.getID().toString());
      data.set("values", Codec.json().valueToTree(entry.getFields()));
      BrokerEvents.withMetadata(data, stream.metadata());
      return events.publish(name, stream.filter(), data, key + "/" + entry.getID());
    }

    private int count() {
      return stream.maxMsgCountPerRead() == null || stream.maxMsgCountPerRead() < 1
          ? DEFAULT_COUNT : stream.maxMsgCountPerRead();
    }

    void stop() {
      if (thread != null) {
        thread.interrupt();
      }
      RedisConnections.disconnect(jedis);
    }
  }
}
