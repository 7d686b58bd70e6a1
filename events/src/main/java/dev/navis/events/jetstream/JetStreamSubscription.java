package dev.navis.events.jetstream;

import dev.navis.events.Event;
import dev.navis.events.EventBus.Delivery;
import dev.navis.events.EventBus.DeliveryHandler;
import dev.navis.events.EventBus.Subscription;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamStatusCheckedException;
import io.nats.client.Message;
import io.nats.client.StreamContext;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One sensor dependency reading through its durable pull consumer. Closing stops the pulls and
 * hands back at once what was delivered and not settled, as the in-memory bus does; the
 * consumer stays, so the next subscription resumes where this one acknowledged.
 */
final class JetStreamSubscription implements Subscription {

  /** How long one pull waits for an event; closing waits for the pull out at most this long. */
  private static final Duration PULL_WAIT = Duration.ofSeconds(1);

  /**
   * The most events taken in one pull when a backlog waits: one round trip to the server for
   * many events, instead of one each. It bounds the events a dependency holds in memory too.
   */
  private static final int BATCH = 64;

  private static final FetchConsumeOptions WAITING = FetchConsumeOptions.builder()
      .maxMessages(1).expiresIn(PULL_WAIT.toMillis()).build();
  private static final FetchConsumeOptions BACKLOG = FetchConsumeOptions.builder()
      .maxMessages(BATCH).noWait().build();

  private final JetStreamEventBus bus;
  private final String stream;
  private final String durable;
  private final String subject;
  private final Instant since;
  private final DeliveryHandler handler;
  private final Set<Message> unsettled = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean finished = new AtomicBoolean();
  private Thread puller;
  private volatile boolean closed;

  /** The consumer's place on the server, {@code <stream>/<durable>}. */
  String key() {
    return stream + "/" + durable;
  }

  JetStreamSubscription(JetStreamEventBus bus, String stream, String durable, String subject,
      Instant since, DeliveryHandler handler) {
    this.bus = bus;
    this.stream = stream;
    this.durable = durable;
    this.subject = subject;
    this.since = since;
    this.handler = handler;
  }

  void start() {
    try {
      StreamContext context = bus.connection().getStreamContext(stream);
      ConsumerContext durableConsumer = durableConsumer(context);
      puller = Thread.ofVirtual().name("jetstream-" + durable)
          .start(() -> pull(durableConsumer));
    } catch (IOException | JetStreamApiException e) {
      throw new IllegalStateException("cannot read " + subject + " through the JetStream"
          + " consumer " + durable + ": " + NatsConnections.reason(e), e);
    }
  }

  /** The durable consumer, made anew when missing or when the dependency names another event. */
  private ConsumerContext durableConsumer(StreamContext context)
      throws IOException, JetStreamApiException {
    ConsumerInfo existing = existing(context);
    if (existing != null && subject.equals(existing.getConsumerConfiguration()
        .getFilterSubject())) {
      return context.getConsumerContext(durable);
    }
    if (existing != null) {
      context.deleteConsumer(durable);
    }
    ConsumerConfiguration.Builder config = ConsumerConfiguration.builder()
        .durable(durable)
        .filterSubject(subject);
    if (since == null || existing != null) {
      config.deliverPolicy(DeliverPolicy.New);
    } else {
      config.deliverPolicy(DeliverPolicy.ByStartTime)
          .startTime(ZonedDateTime.ofInstant(since, ZoneOffset.UTC));
    }
    return context.createOrUpdateConsumer(config
        .ackPolicy(AckPolicy.Explicit)
        .ackWait(bus.config().ackWait())
        .build());
  }

  private ConsumerInfo existing(StreamContext context) throws IOException, JetStreamApiException {
    try {
      return context.getConsumerInfo(durable);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == 10014) { // consumer not found
        return null;
      }
      throw e;
    }
  }

  /**
   * Takes what is waiting, up to {@value #BATCH} events, without waiting; when nothing is,
   * waits for one event. Every pull ends before the next one starts, so when the subscription
   * closes no pull is left out at the server for an event handed back to land in.
   */
  private void pull(ConsumerContext durableConsumer) {
    while (!closed) {
      try {
        Taken taken = take(durableConsumer, BACKLOG);
        deliver(taken.messages().isEmpty() ? take(durableConsumer, WAITING) : taken);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        JetStreamEventBus.log().atDebug().addKeyValue("consumer", durable)
            .addKeyValue("reason", NatsConnections.reason(e)).log("pull failed; trying again");
        pause();
      }
    }
  }

  /** The events of one pull, and when it was asked for (before the server sent any). */
  private record Taken(List<Message> messages, long askedAt) {}

  /** Everything one pull brings, in the stream's order. */
  private Taken take(ConsumerContext durableConsumer, FetchConsumeOptions options)
      throws IOException, JetStreamApiException, InterruptedException {
    long askedAt = System.nanoTime();
    List<Message> messages = new ArrayList<>();
    FetchConsumer fetch = durableConsumer.fetch(options);
    try {
      for (Message message = fetch.nextMessage(); message != null;
          message = fetch.nextMessage()) {
        messages.add(message);
      }
    } catch (JetStreamStatusCheckedException e) {
      // The pull ended early: what it brought is in hand all the same.
      JetStreamEventBus.log().atDebug().addKeyValue("consumer", durable)
          .addKeyValue("reason", NatsConnections.reason(e)).log("pull ended early");
    }
    return new Taken(messages, askedAt);
  }

  /**
   * Hands the events over in order. While one is in a handler, the others wait in this
   * process with their ack wait running: whenever a third of it has passed, those not handed
   * over yet are marked in progress, so the server does not send them again behind a slow
   * handler. A handler still has a whole ack wait for its event, as when events came one at a
   * time.
   */
  private void deliver(Taken taken) {
    long third = bus.config().ackWait().toNanos() / 3;
    long marked = taken.askedAt();
    List<Message> messages = taken.messages();
    for (int i = 0; i < messages.size(); i++) {
      if (System.nanoTime() - marked > third && !closed) {
        messages.subList(i, messages.size()).forEach(Message::inProgress);
        marked = System.nanoTime();
      }
      deliver(messages.get(i));
    }
  }

  private static void pause() {
    try {
      Thread.sleep(PULL_WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void deliver(Message message) {
    if (closed) {
      message.nak();
      return;
    }
    Event event;
    try {
      event = CloudEventsJson.event(message.getData());
    } catch (IllegalArgumentException e) {
      JetStreamEventBus.log().atWarn().addKeyValue("consumer", durable)
          .addKeyValue("subject", message.getSubject()).addKeyValue("reason", e.getMessage())
          .log("dropping a message that is no event");
      message.term();
      return;
    }

    unsettled.add(message);
    JetStreamDelivery delivery = new JetStreamDelivery(event, message);
    try {
      handler.handle(delivery);
    } catch (RuntimeException e) {
      JetStreamEventBus.log().atError().addKeyValue("consumer", durable)
          .addKeyValue("event", event.id()).setCause(e)
          .log("an event handler failed; the event will be delivered again");
      delivery.nak();
    }
  }

  /** Stops pulling, without waiting for the pull out to end; {@link #close} does. */
  void stopPulling() {
    closed = true;
  }

  @Override
  public void close() {
    if (finished.getAndSet(true)) {
      return;
    }
    closed = true;
    awaitPuller();
    unsettled.forEach(Message::nak);
    unsettled.clear();
    bus.forget(this);
  }

  private void awaitPuller() {
    if (puller == null || puller == Thread.currentThread()) {
      return;
    }
    try {
      if (!puller.join(PULL_WAIT.multipliedBy(3))) {
        // TODO: a handler still busy after 3s keeps its event; it comes back after ackWait.
        puller.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** One delivery; settling it twice, or after the subscription closed, does nothing. */
  private final class JetStreamDelivery implements Delivery {

    private final Event event;
    private final Message message;

    JetStreamDelivery(Event event, Message message) {
      this.event = event;
      this.message = message;
    }

    @Override
    public Event event() {
      return event;
    }

    @Override
    public int attempt() {
      return (int) message.metaData().deliveredCount();
    }

    @Override
    public void ack() {
      if (unsettled.remove(message)) {
        message.ack();
      }
    }

    @Override
    public void nak() {
      if (unsettled.remove(message)) {
        message.nakWithDelay(bus.config().redeliveryDelay());
      }
    }
  }
}
