package dev.navis.events.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class InProcessKafkaTest {

  @Test
  void startsProducesAndStops() {
    long started = System.nanoTime();
    try (InProcessKafka kafka = InProcessKafka.start()) {
      System.out.println("broker start ms " + (System.nanoTime() - started) / 1_000_000);
      String topic = kafka.newTopic("smoke", 1);
      kafka.produce(new ProducerRecord<>(topic, "k".getBytes(), "v".getBytes()));
      assertThat(kafka.endOffset(topic, 0)).isEqualTo(1);
    }
  }
}
