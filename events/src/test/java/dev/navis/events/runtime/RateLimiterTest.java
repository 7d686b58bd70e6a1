package dev.navis.events.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.navis.api.model.events.Trigger.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

  @Test
  void spacesRunsEvenlyWithinTheUnit() throws Exception {
    Clock frozen = Clock.fixed(Instant.parse("2026-12-03T10:00:00Z"), ZoneOffset.UTC);
    List<Duration> waits = new ArrayList<>();
    RateLimiter limiter = RateLimiter.of(new RateLimit("Minute", 4));

    for (int i = 0; i < 3; i++) {
      limiter.acquire(frozen, waits::add);
    }

    assertThat(waits).containsExactly(Duration.ofSeconds(15), Duration.ofSeconds(30));
  }

  @Test
  void noLimitNeverWaits() throws Exception {
    List<Duration> waits = new ArrayList<>();
    RateLimiter.of(null).acquire(Clock.systemUTC(), waits::add);
    RateLimiter.of(new RateLimit("Second", 0)).acquire(Clock.systemUTC(), waits::add);

    assertThat(waits).isEmpty();
  }

  @Test
  void backoffGrowsByItsFactorAndStepsDefaultToOne() {
    var retry = new dev.navis.api.model.events.Backoff(
        com.fasterxml.jackson.databind.node.TextNode.valueOf("2s"), 4,
        com.fasterxml.jackson.databind.node.TextNode.valueOf("1.5"), null);

    assertThat(TriggerRunner.backoff(retry, 1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(TriggerRunner.backoff(retry, 3)).isEqualTo(Duration.ofMillis(4500));
    assertThat(TriggerRunner.steps(retry)).isEqualTo(4);
    assertThat(TriggerRunner.steps(null)).isEqualTo(1);
  }
}
