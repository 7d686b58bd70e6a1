package dev.navis.api.model.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Events from an AMQP 0-9-1 (RabbitMQ) exchange, through a queue bound to it. */
public record AmqpEventSource(
    String url,
    SecretKeySelector urlSecret,
    String exchangeName,
    String exchangeType,
    String routingKey,
    Backoff connectionBackoff,
    Boolean jsonBody,
    JsonNode tls,
    Map<String, String> metadata,
    ExchangeDeclare exchangeDeclare,
    QueueDeclare queueDeclare,
    QueueBind queueBind,
    Consume consume,
    BasicAuth auth,
    EventSourceFilter filter) {

  /** How the exchange is declared; Argo's default is a durable exchange. */
  public record ExchangeDeclare(Boolean durable, Boolean autoDelete, Boolean internal,
      Boolean noWait) {}

  /**
   * How the queue is declared; Argo's default is a server-named exclusive queue.
   * {@code arguments} is a YAML table as text, e.g. {@code "x-queue-type: quorum"}.
   */
  public record QueueDeclare(String name, Boolean durable, Boolean autoDelete,
      Boolean exclusive, Boolean noWait, String arguments) {}

  /** How the queue is bound to the exchange. */
  public record QueueBind(Boolean noWait) {}

  /** How the queue is consumed. */
  public record Consume(String consumerTag, Boolean autoAck, Boolean exclusive,
      Boolean noLocal, Boolean noWait) {}
}
