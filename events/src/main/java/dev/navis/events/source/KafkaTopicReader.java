package dev.navis.events.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.KafkaEventSource;
import dev.navis.events.Event;
import dev.navis.events.EventBus;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one kafka event's topic on its own virtual thread and publishes each message, committing
 * a partition's offset only past the messages the bus has stored. A refusal of the bus rewinds
 * the partition to the refused message and waits (1 s, doubling up to 30 s) before reading on;
 * so does a broker that cannot be reached or refuses the reader.
 */
final class KafkaTopicReader {

  private static final Logger log = LoggerFactory.getLogger(KafkaTopicReader.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration LAST_BACKOFF = Duration.ofSeconds(30);

  private final EventSource source;
  private final String name;
  private final KafkaEventSource kafka;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final EventBus bus;
  private final Clock clock;
  private final int partition;
  private final long spacingNanos;
  private Duration backoff = FIRST_BACKOFF;
  private volatile boolean running = true;
  private Thread thread;

  KafkaTopicReader(EventSource source, String name, KafkaEventSource kafka,
      KafkaConsumer<byte[], byte[]> consumer, EventBus bus, Clock clock) {
    this.source = source;
    this.name = name;
    this.kafka = kafka;
    this.consumer = consumer;
    this.bus = bus;
    this.clock = clock;
    this.partition = KafkaEventSourceRunner.partitionOf("spec.kafka." + name, kafka);
    this.spacingNanos = kafka.limitEventsPerSecond() == null || kafka.limitEventsPerSecond() <= 0
        ? 0 : TimeUnit.SECONDS.toNanos(1) / kafka.limitEventsPerSecond();
  }

  void start() {
    thread = Thread.ofVirtual().name("kafka-" + source.metadata().name() + "-" + name)
        .start(this::run);
  }

  /** Stops reading; a poll or commit under way is woken up. */
  void stop() {
    running = false;
    consumer.wakeup();
    synchronized (this) {
      notifyAll();
    }
  }

  void awaitStopped() {
    try {
      if (thread != null && !thread.join(Duration.ofSeconds(10))) {
        log.atWarn().addKeyValue("eventSource", source.metadata().name())
            .addKeyValue("event", name).log("kafka reader did not stop within 10s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    boolean joined = false;
    try {
      while (running) {
        try {
          if (!joined) {
            join();
            joined = true;
          }
          ConsumerRecords<byte[], byte[]> messages = consumer.poll(POLL);
          for (TopicPartition partition : messages.partitions()) {
            deliver(partition, messages.records(partition));
          }
        } catch (WakeupException | InterruptException e) {
          throw e;
        } catch (KafkaException e) {
          // A refusal (a wrong password, a missing ACL) may be fixed while the source runs.
          logTrouble(e instanceof RetriableException ? "kafka is not reachable; trying again"
              : "kafka refused the reader; trying again", e);
          pause();
        }
      }
    } catch (WakeupException | InterruptException e) {
      // stop() woke the consumer up
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void logTrouble(String message, Exception e) {
    log.atError().addKeyValue("eventSource", source.metadata().name())
        .addKeyValue("event", name).addKeyValue("reason", e.toString()).log(message);
  }

  /** Assigns the one partition, or subscribes as a group member; pins where it starts. */
  private void join() throws InterruptedException {
    if (partition < 0) {
      consumer.subscribe(List.of(kafka.topic()), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          pinStart(partitions);
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
      });
      return;
    }
    TopicPartition assigned = new TopicPartition(kafka.topic(), partition);
    awaitPartition();
    consumer.assign(List.of(assigned));
    pinStart(List.of(assigned));
  }

  /** Waits until the topic has the configured partition, as Argo Events checks at start. */
  private void awaitPartition() throws InterruptedException {
    while (running) {
      List<PartitionInfo> partitions = consumer.partitionsFor(kafka.topic(),
          Duration.ofSeconds(10));
      if (partitions.stream().anyMatch(info -> info.partition() == partition)) {
        return;
      }
      log.atError().addKeyValue("eventSource", source.metadata().name())
          .addKeyValue("event", name).addKeyValue("topic", kafka.topic())
          .addKeyValue("partitions", partitions.size())
          .log("spec.kafka." + name + ".partition: the topic has no partition " + partition
              + "; trying again");
      pause();
    }
  }

  /** Commits the start position of partitions the group has no offset for yet. */
  private void pinStart(Collection<TopicPartition> partitions) {
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
    Map<TopicPartition, OffsetAndMetadata> starts = new HashMap<>();
    for (TopicPartition at : partitions) {
      if (committed.get(at) == null) {
        starts.put(at, new OffsetAndMetadata(consumer.position(at)));
      }
    }
    if (!starts.isEmpty()) {
      consumer.commitSync(starts);
    }
  }

  private void deliver(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> messages)
      throws InterruptedException {
    long next = -1;
    for (ConsumerRecord<byte[], byte[]> message : messages) {
      if (!running) {
        break;
      }
      if (!publish(message)) {
        consumer.seek(partition, message.offset());
        break;
      }
      next = message.offset() + 1;
      pace();
    }
    if (next >= 0) {
      consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
    }
    if (next < 0 || next <= messages.getLast().offset()) {
      if (running) {
        pause();
      }
    } else {
      backoff = FIRST_BACKOFF;
    }
  }

  /** True when the bus stored the message's event, or the event is not to be published. */
  private boolean publish(ConsumerRecord<byte[], byte[]> message) throws InterruptedException {
    Event event;
    try {
      event = KafkaEventSourceRunner.event(source, name, kafka, message, clock.instant());
    } catch (JsonProcessingException e) {
      logSkipped(message, "jsonBody is set but the body is not JSON: "
          + e.getOriginalMessage());
      return true;
    }
    String rejection = SourceFilter.rejection(kafka.filter(), event);
    if (rejection != null) {
      logSkipped(message, rejection);
      return true;
    }
    try {
      bus.publish(source.spec().eventBusName(), event)
          .get(PUBLISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      log.atWarn().addKeyValue("eventSource", source.metadata().name())
          .addKeyValue("event", name).addKeyValue("offset", message.offset())
          .addKeyValue("reason", String.valueOf(e.getCause() == null ? e : e.getCause()))
          .log("event bus refused a kafka message; it will be read again");
      return false;
    }
  }

  private void logSkipped(ConsumerRecord<byte[], byte[]> message, String reason) {
    log.atInfo().addKeyValue("eventSource", source.metadata().name())
        .addKeyValue("event", name).addKeyValue("partition", message.partition())
        .addKeyValue("offset", message.offset()).addKeyValue("reason", reason)
        .log("kafka message not published");
  }

  private void pace() throws InterruptedException {
    if (spacingNanos > 0) {
      TimeUnit.NANOSECONDS.sleep(spacingNanos);
    }
  }

  /** Waits out the backoff, or until stop(); the next pause waits twice as long. */
  private synchronized void pause() throws InterruptedException {
    long until = System.nanoTime() + backoff.toNanos();
    for (long left = backoff.toNanos(); running && left > 0; left = until - System.nanoTime()) {
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    backoff = backoff.multipliedBy(2).compareTo(LAST_BACKOFF) > 0 ? LAST_BACKOFF
        : backoff.multipliedBy(2);
  }
}
