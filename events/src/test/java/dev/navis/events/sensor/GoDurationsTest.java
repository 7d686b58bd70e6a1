package dev.navis.events.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationsTest {

  @Test
  void readsGoDurationsAndKubernetesNanoseconds() {
    assertThat(GoDurations.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(GoDurations.parse("250ms")).contains(Duration.ofMillis(250));
    assertThat(GoDurations.parse("1.5s")).contains(Duration.ofMillis(1500));
    assertThat(GoDurations.parse(IntNode.valueOf(1_000_000))).contains(Duration.ofMillis(1));
    assertThat(GoDurations.parse(TextNode.valueOf("2000000000"))).contains(Duration.ofSeconds(2));
    assertThat(GoDurations.parse("10 s")).isEmpty();
    assertThat(GoDurations.parse("s10")).isEmpty();
  }
}
