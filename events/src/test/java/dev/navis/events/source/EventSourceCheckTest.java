package dev.navis.events.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.navis.api.ParsedResource;
import dev.navis.api.Resources;
import dev.navis.api.model.events.EventSource;
import dev.navis.events.ArgoEventsExamples;
import dev.navis.events.sensor.SensorCheck.Finding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventSourceCheckTest {

  @Test
  void argoEventsExampleSourcesHaveNoErrorsAndUnrunTypesAreWarned() throws Exception {
    List<String> errors = new ArrayList<>();
    List<String> warned = new ArrayList<>();
    try (Stream<Path> files = Files.list(ArgoEventsExamples.folder().resolve("event-sources"))) {
      for (Path file : files.toList()) {
        for (ParsedResource resource : Resources.read(file).resources()) {
          for (Finding finding : EventSourceCheck.check(resource.as(EventSource.class))) {
            (finding.warning() ? warned : errors).add(finding.path());
          }
        }
      }
    }

    assertThat(errors).isEmpty();
    assertThat(warned).contains("spec.github")
        .doesNotContain("spec.webhook", "spec.calendar", "spec.kafka", "spec.nats", "spec.amqp",
            "spec.mqtt", "spec.redis", "spec.redisStream", "spec.sns");
  }

  @Test
  void mistakesAreNamedByTheirFieldPath() {
    EventSource source = Resources.parse("s.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: s}
        spec:
          webhook:
            hook: {port: "99999", endpoint: hook, method: FETCH}
          calendar:
            tick: {schedule: "0 9 * * *", timezone: Mars/Olympus}
            tock: {interval: 10s, exclusionDates: [someday]}
        """).resources().getFirst().as(EventSource.class);

    assertThat(EventSourceCheck.check(source)).extracting(Finding::path).containsExactly(
        "spec.webhook.hook.port", "spec.webhook.hook.endpoint", "spec.webhook.hook.method",
        "spec.calendar.tick", "spec.calendar.tock");
  }

  @Test
  void kafkaMistakesAreNamedByTheirFieldPath() {
    EventSource source = Resources.parse("s.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: s}
        spec:
          kafka:
            orders:
              url: "broker"
              partition: "-1"
              consumerGroup: {groupName: g, rebalanceStrategy: fastest}
              sasl: {mechanism: GSSAPI}
              schemaRegistry: {url: "http://localhost:8081"}
        """).resources().getFirst().as(EventSource.class);

    assertThat(EventSourceCheck.check(source)).extracting(Finding::path, Finding::warning)
        .containsExactly(
            tuple("spec.kafka.orders.url", false),
            tuple("spec.kafka.orders.topic", false),
            tuple("spec.kafka.orders.partition", false),
            tuple(
                "spec.kafka.orders.consumerGroup.rebalanceStrategy", false),
            tuple("spec.kafka.orders.sasl.mechanism", false),
            tuple("spec.kafka.orders.schemaRegistry", true));
  }

  @Test
  void aNatsEventNeedsAUrlAndASubject() {
    EventSource source = Resources.parse("s.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: s}
        spec:
          nats:
            good: {url: "nats://127.0.0.1:4222", subject: orders}
            bare: {jsonBody: true, filter: {expression: "body.n >"}}
        """).resources().getFirst().as(EventSource.class);

    assertThat(EventSourceCheck.check(source)).extracting(Finding::path).containsExactly(
        "spec.nats.bare.url", "spec.nats.bare.subject", "spec.nats.bare.filter.expression");
  }

  @Test
  void brokerSourceMistakesAreNamedByTheirFieldPath() {
    EventSource source = Resources.parse("s.yaml", """
        apiVersion: argoproj.io/v1alpha1
        kind: EventSource
        metadata: {name: s}
        spec:
          amqp:
            a:
              url: http://rabbit:5672
              exchangeType: fanfare
              queueDeclare: {arguments: "[1, 2]"}
              auth: {username: {name: s, key: u}}
          mqtt:
            m: {url: "rabbit:1883", clientId: c}
          redis:
            r: {hostAddress: redis, db: -1, channels: []}
          redisStream:
            rs: {hostAddress: "redis:6379", maxMsgCountPerRead: -5,
                 filter: {expression: "values.x =="}}
          sns:
            n: {webhook: {port: "12000", endpoint: /}, endpoint: "::nonsense"}
        """).resources().getFirst().as(EventSource.class);

    assertThat(EventSourceCheck.check(source)).extracting(Finding::path).containsExactly(
        "spec.amqp.a.url", "spec.amqp.a.exchangeName", "spec.amqp.a.exchangeType",
        "spec.amqp.a.routingKey", "spec.amqp.a.queueDeclare.arguments",
        "spec.amqp.a.auth.password",
        "spec.mqtt.m.url", "spec.mqtt.m.topic",
        "spec.redis.r.hostAddress", "spec.redis.r.db", "spec.redis.r.channels",
        "spec.redisStream.rs.streams", "spec.redisStream.rs.maxMsgCountPerRead",
        "spec.redisStream.rs.filter.expression",
        "spec.sns.n.topicArn");
  }
}
