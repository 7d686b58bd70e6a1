package dev.navis.events.source;

import dev.navis.api.model.events.CalendarEventSource;
import dev.navis.api.model.events.EventSource;
import dev.navis.api.model.events.EventSourceFilter;
import dev.navis.api.model.events.EventSourceSpec;
import dev.navis.api.model.events.FileEventSource;
import dev.navis.api.model.events.KafkaEventSource;
import dev.navis.api.model.events.KafkaEventSource.SASLConfig;
import dev.navis.api.model.events.NatsEventSource;
import dev.navis.api.model.events.WebhookEventSource;
import dev.navis.engine.expr.ExpressionException;
import dev.navis.engine.expr.Expressions;
import dev.navis.events.KafkaConnection;
import dev.navis.events.KafkaConnection.InvalidSettingException;
import dev.navis.events.sensor.SensorCheck.Finding;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks an EventSource before it runs, naming each problem by its field path: webhook ports,
 * endpoints and methods, calendar schedules, intervals, zones and exclusion dates, watched
 * folders and name patterns, kafka brokers, partitions, groups and SASL mechanisms, broker
 * addresses and names ({@link BrokerSourceCheck}), filter
 * expressions. Types Navis does not run yet are warnings,
 * so they are stored but not silent.
 */
public final class EventSourceCheck {

  private static final Set<String> RUNNABLE = Set.of("webhook", "calendar", "file", "kafka",
      "nats", "amqp", "mqtt", "redis", "redisStream", "sns");
  private static final Set<String> NOT_SOURCES =
      Set.of("eventBusName", "template", "service", "replica", "replicas", "type");
  private static final Set<String> FILE_OPS =
      Set.of("CREATE", "WRITE", "REMOVE", "RENAME", "CHMOD");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private EventSourceCheck() {}

  /** Every finding, errors and warnings; none for a good event source. */
  public static List<Finding> check(EventSource source) {
    List<Finding> findings = new ArrayList<>();
    if (source.metadata() == null || source.metadata().name() == null
        || source.metadata().name().isBlank()) {
      findings.add(new Finding("metadata.name", "an event source needs a name", false));
    }
    if (source.spec() == null) {
      findings.add(new Finding("spec", "an event source needs a spec", false));
      return findings;
    }
    forEach(source.spec().webhook(), "webhook", findings, EventSourceCheck::checkWebhook);
    forEach(source.spec().calendar(), "calendar", findings, EventSourceCheck::checkCalendar);
    forEach(source.spec().file(), "file", findings, EventSourceCheck::checkFile);
    forEach(source.spec().kafka(), "kafka", findings, EventSourceCheck::checkKafka);
    forEach(source.spec().nats(), "nats", findings, EventSourceCheck::checkNats);
    forEach(source.spec().amqp(), "amqp", findings, BrokerSourceCheck::checkAmqp);
    forEach(source.spec().mqtt(), "mqtt", findings, BrokerSourceCheck::checkMqtt);
    forEach(source.spec().redis(), "redis", findings, BrokerSourceCheck::checkRedis);
    forEach(source.spec().redisStream(), "redisStream", findings,
        BrokerSourceCheck::checkRedisStream);
    forEach(source.spec().sns(), "sns", findings, BrokerSourceCheck::checkSns);
    warnUnrunnable(source.spec(), findings);
    return findings;
  }

  interface Checker<T> {
    void check(T config, String path, List<Finding> findings);
  }

  private static <T> void forEach(Map<String, T> events, String type, List<Finding> findings,
      Checker<T> checker) {
    if (events != null) {
      events.forEach((name, config) -> checker.check(config, "spec." + type + "." + name,
          findings));
    }
  }

  private static void checkWebhook(WebhookEventSource webhook, String path,
      List<Finding> findings) {
    if (webhook.port() == null || !webhook.port().matches("\\d{1,5}")
        || Integer.parseInt(webhook.port()) > 65535) {
      findings.add(new Finding(path + ".port", "expected a port number, found '"
          + webhook.port() + "'", false));
    }
    if (webhook.endpoint() == null || !webhook.endpoint().startsWith("/")) {
      findings.add(new Finding(path + ".endpoint", "expected a path starting with /, found '"
          + webhook.endpoint() + "'", false));
    }
    if (webhook.method() != null && !METHODS.contains(webhook.method().toUpperCase())) {
      findings.add(new Finding(path + ".method", "expected one of " + METHODS + ", found '"
          + webhook.method() + "'", false));
    }
    checkFilter(webhook.filter(), path, findings);
  }

  private static void checkCalendar(CalendarEventSource calendar, String path,
      List<Finding> findings) {
    try {
      CalendarEventSourceRunner.Ticks.of(calendar);
    } catch (IllegalArgumentException e) {
      findings.add(new Finding(path, e.getMessage(), false));
    }
    try {
      CalendarEventSourceRunner.Persistence.of(calendar.persistence());
    } catch (IllegalArgumentException e) {
      findings.add(new Finding(path + ".persistence.catchup.maxDuration",
          e.getMessage().substring(e.getMessage().indexOf(": ") + 2), false));
    }
    checkFilter(calendar.filter(), path, findings);
  }

  private static void checkFile(FileEventSource file, String path, List<Finding> findings) {
    if (file.watchPathConfig() == null || file.watchPathConfig().directory() == null) {
      findings.add(new Finding(path + ".watchPathConfig.directory", "required", false));
    } else if (file.watchPathConfig().pathRegexp() != null) {
      try {
        Pattern.compile(file.watchPathConfig().pathRegexp());
      } catch (PatternSyntaxException e) {
        findings.add(new Finding(path + ".watchPathConfig.pathRegexp", e.getDescription()
            + " in '" + e.getPattern() + "'", false));
      }
    }
    if (file.eventType() != null && !FILE_OPS.contains(file.eventType().toUpperCase())) {
      findings.add(new Finding(path + ".eventType", "expected one of " + FILE_OPS + ", found '"
          + file.eventType() + "'", false));
    }
    checkFilter(file.filter(), path, findings);
  }

  private static void checkKafka(KafkaEventSource kafka, String path, List<Finding> findings) {
    try {
      KafkaConnection.bootstrapServers(path, kafka.url());
    } catch (InvalidSettingException e) {
      findings.add(finding(e.getMessage(), false));
    }
    if (kafka.topic() == null || kafka.topic().isBlank()) {
      findings.add(new Finding(path + ".topic", "required", false));
    }
    try {
      KafkaEventSourceRunner.partitionOf(path, kafka);
    } catch (InvalidSettingException e) {
      findings.add(finding(e.getMessage(), false));
    }
    String strategy = kafka.consumerGroup() == null ? null
        : kafka.consumerGroup().rebalanceStrategy();
    if (strategy != null && !KafkaEventSourceRunner.ASSIGNORS.containsKey(
        strategy.strip().toLowerCase(Locale.ROOT))) {
      findings.add(new Finding(path + ".consumerGroup.rebalanceStrategy", "expected one of "
          + KafkaEventSourceRunner.ASSIGNORS.keySet().stream().sorted().toList() + ", found '"
          + strategy + "'", false));
    }
    checkSasl(kafka.sasl(), path + ".sasl", findings);
    warnIgnoredKafka(kafka, path, findings);
    checkFilter(kafka.filter(), path, findings);
  }

  static void checkSasl(SASLConfig sasl, String path, List<Finding> findings) {
    if (sasl != null && sasl.mechanism() != null && !KafkaConnection.saslMechanisms()
        .contains(sasl.mechanism().strip().toUpperCase(Locale.ROOT))) {
      findings.add(new Finding(path + ".mechanism", "expected one of "
          + KafkaConnection.saslMechanisms() + ", found '" + sasl.mechanism() + "'", false));
    }
  }

  private static void warnIgnoredKafka(KafkaEventSource kafka, String path,
      List<Finding> findings) {
    if (kafka.schemaRegistry() != null) {
      // TODO: Avro bodies need a schema registry client; none is served to this build.
      findings.add(new Finding(path + ".schemaRegistry", "not supported: bodies are read as"
          + " they are, without Avro decoding", true));
    }
    if (kafka.config() != null && !kafka.config().isBlank()) {
      findings.add(new Finding(path + ".config", "ignored: it holds settings of Argo Events'"
          + " Go client (sarama), which the Java client does not have", true));
    }
  }

  /** A finding from a message that starts with its field path. */
  private static Finding finding(String message, boolean warning) {
    int colon = message.indexOf(": ");
    return colon < 0 ? new Finding("", message, warning)
        : new Finding(message.substring(0, colon), message.substring(colon + 2), warning);
  }

  private static void checkNats(NatsEventSource nats, String path, List<Finding> findings) {
    if (nats.url() == null || nats.url().isBlank()) {
      findings.add(new Finding(path + ".url", "required", false));
    }
    if (nats.subject() == null || nats.subject().isBlank()) {
      findings.add(new Finding(path + ".subject", "required", false));
    }
    checkFilter(nats.filter(), path, findings);
  }

  static void checkFilter(EventSourceFilter filter, String path,
      List<Finding> findings) {
    if (filter == null || filter.expression() == null) {
      return;
    }
    try {
      Expressions.checkSyntax(filter.expression());
    } catch (ExpressionException e) {
      findings.add(new Finding(path + ".filter.expression", e.getMessage(), false));
    }
  }

  private static void warnUnrunnable(EventSourceSpec spec, List<Finding> findings) {
    for (RecordComponent component : EventSourceSpec.class.getRecordComponents()) {
      String type = component.getName();
      if (RUNNABLE.contains(type) || NOT_SOURCES.contains(type)) {
        continue;
      }
      try {
        Object events = component.getAccessor().invoke(spec);
        if (events instanceof Map<?, ?> map && !map.isEmpty()) {
          // TODO: the other sources (github, sqs...) need their services.
          findings.add(new Finding("spec." + type, "'" + type + "' event sources are not run"
              + " yet; the events are accepted and stored", true));
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("reading record component " + type, e);
      }
    }
  }
}
