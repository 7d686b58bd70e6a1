package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The sources of an EventSource: for each type, a map of event name to its configuration. The
 * types Navis runs are typed; the others are kept as they were written until they are run.
 * {@code template}, {@code service} and {@code replicas} are Kubernetes-only and ignored.
 */
public record EventSourceSpec(
    String eventBusName,
    JsonNode template,
    JsonNode service,
    Integer replica,
    Integer replicas,
    String type,
    Map<String, WebhookEventSource> webhook,
    Map<String, CalendarEventSource> calendar,
    Map<String, FileEventSource> file,
    Map<String, NatsEventSource> nats,
    Map<String, AmqpEventSource> amqp,
    Map<String, MqttEventSource> mqtt,
    Map<String, RedisEventSource> redis,
    Map<String, KafkaEventSource> kafka,
    Map<String, RedisStreamEventSource> redisStream,
    Map<String, SnsEventSource> sns,
    Map<String, JsonNode> sqs,
    Map<String, JsonNode> minio,
    Map<String, JsonNode> resource,
    Map<String, JsonNode> pubSub,
    Map<String, JsonNode> github,
    Map<String, JsonNode> gitlab,
    Map<String, JsonNode> hdfs,
    Map<String, JsonNode> slack,
    Map<String, JsonNode> storageGrid,
    Map<String, JsonNode> azureEventsHub,
    Map<String, JsonNode> azureServiceBus,
    Map<String, JsonNode> azureQueueStorage,
    Map<String, JsonNode> stripe,
    Map<String, JsonNode> emitter,
    Map<String, JsonNode> nsq,
    Map<String, JsonNode> pulsar,
    Map<String, JsonNode> generic,
    Map<String, JsonNode> bitbucket,
    Map<String, JsonNode> bitbucketserver,
    Map<String, JsonNode> sftp,
    Map<String, JsonNode> gerrit) {}
