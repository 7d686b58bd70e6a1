package dev.navis.events.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.navis.api.Codec;
import dev.navis.api.model.events.Backoff;
import dev.navis.api.model.events.Trigger;
import dev.navis.api.model.events.TriggerTemplate;
import dev.navis.events.Event;
import dev.navis.events.sensor.GoDurations;
import dev.navis.events.sensor.TriggerParameters;
import dev.navis.events.sensor.TriggerParameters.ParameterException;
import dev.navis.events.trigger.TriggerOutcome;
import dev.navis.events.trigger.TriggerRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one trigger of a sensor: applies its parameters to the template, waits for its
 * {@code rateLimit}, tries {@code retryStrategy.steps} times (once by default) with the
 * strategy's backoff, and hands a trigger that still fails to its {@code dlqTrigger}.
 */
final class TriggerRunner {

  private static final Logger log = LoggerFactory.getLogger(TriggerRunner.class);

  private final String namespace;
  private final String sensor;
  private final TriggerActions actions;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();

  TriggerRunner(String namespace, String sensor, TriggerActions actions, Clock clock,
      Sleeper sleeper) {
    this.namespace = namespace;
    this.sensor = sensor;
    this.actions = actions;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** Runs {@code trigger} with its events; the dead-letter trigger, if used, is nested. */
  TriggerRun run(Trigger trigger, Map<String, Event> events, Event triggeringEvent)
      throws InterruptedException {
    String name = trigger.template() == null ? "" : trigger.template().name();
    limiterOf(name, trigger).acquire(clock, sleeper);

    int steps = steps(trigger.retryStrategy());
    TriggerOutcome outcome = null;
    int attempt = 0;
    while (attempt < steps) {
      if (attempt > 0) {
        sleeper.sleep(backoff(trigger.retryStrategy(), attempt));
      }
      attempt++;
      outcome = attempt(trigger, events, triggeringEvent);
      if (outcome.succeeded()) {
        break;
      }
      log.atWarn().addKeyValue("sensor", sensor).addKeyValue("trigger", name)
          .addKeyValue("attempt", attempt).addKeyValue("reason", outcome.detail())
          .log("trigger failed");
    }

    TriggerRun deadLetter = outcome.succeeded() || trigger.dlqTrigger() == null ? null
        : run(trigger.dlqTrigger(), events, triggeringEvent);
    List<String> ids = events.values().stream().map(Event::id).distinct().toList();
    return new TriggerRun(sensor, name, ids, attempt, outcome.succeeded(), outcome.detail(),
        deadLetter, clock.instant());
  }

  private TriggerOutcome attempt(Trigger trigger, Map<String, Event> events, Event triggering) {
    if (trigger.template() == null) {
      return TriggerOutcome.failed("the trigger has no template");
    }
    TriggerTemplate template;
    try {
      template = parameterized(trigger, events);
    } catch (ParameterException e) {
      return TriggerOutcome.failed("parameters: " + e.getMessage());
    }
    TriggerRequest request = new TriggerRequest(namespace, sensor, template, events, triggering,
        trigger.policy() == null ? null : trigger.policy().status());
    return actions.forTemplate(template).execute(request);
  }

  private static TriggerTemplate parameterized(Trigger trigger, Map<String, Event> events) {
    if (trigger.parameters() == null || trigger.parameters().isEmpty()) {
      return trigger.template();
    }
    JsonNode tree = Codec.json().valueToTree(trigger.template());
    JsonNode applied = TriggerParameters.apply(tree, trigger.parameters(), events);
    try {
      return Codec.json().treeToValue(applied, TriggerTemplate.class);
    } catch (JsonProcessingException e) {
      throw new ParameterException("the parameterized template does not read back: "
          + e.getOriginalMessage());
    }
  }

  static int steps(Backoff retry) {
    return retry == null || retry.steps() == null || retry.steps() < 1 ? 1 : retry.steps();
  }

  /** The wait before attempt {@code attempt + 1}: duration * factor^(attempt-1), jittered. */
  static Duration backoff(Backoff retry, int attempt) {
    Duration base = GoDurations.parse(retry.duration()).orElse(Duration.ofSeconds(1));
    double factor = number(retry.factor(), 1);
    double jitter = number(retry.jitter(), 0);
    double nanos = base.toNanos() * Math.pow(factor, attempt - 1);
    if (jitter > 0) {
      nanos += nanos * jitter * ThreadLocalRandom.current().nextDouble();
    }
    return Duration.ofNanos((long) nanos);
  }

  private static double number(JsonNode value, double fallback) {
    if (value == null || value.isNull()) {
      return fallback;
    }
    try {
      return value.isNumber() ? value.asDouble() : Double.parseDouble(value.asText());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private RateLimiter limiterOf(String name, Trigger trigger) {
    return limiters.computeIfAbsent(name, key -> RateLimiter.of(trigger.rateLimit()));
  }
}
