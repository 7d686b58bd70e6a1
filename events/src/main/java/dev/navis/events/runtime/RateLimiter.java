package dev.navis.events.runtime;

import dev.navis.api.model.events.Trigger.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Spaces a trigger's runs evenly: at most {@code requestsPerUnit} per Second/Minute/Hour. */
final class RateLimiter {

  private static final RateLimiter UNLIMITED = new RateLimiter(Duration.ZERO);

  private final Duration spacing;
  private Instant nextFree = Instant.MIN;

  private RateLimiter(Duration spacing) {
    this.spacing = spacing;
  }

  static RateLimiter of(RateLimit limit) {
    if (limit == null || limit.requestsPerUnit() == null || limit.requestsPerUnit() <= 0) {
      return UNLIMITED;
    }
    Duration unit = switch (limit.unit() == null ? "Second" : limit.unit()) {
      case "Minute" -> Duration.ofMinutes(1);
      case "Hour" -> Duration.ofHours(1);
      default -> Duration.ofSeconds(1);
    };
    return new RateLimiter(unit.dividedBy(limit.requestsPerUnit()));
  }

  void acquire(Clock clock, Sleeper sleeper) throws InterruptedException {
    if (spacing.isZero()) {
      return;
    }
    Duration wait;
    synchronized (this) {
      Instant now = clock.instant();
      Instant slot = nextFree.isAfter(now) ? nextFree : now;
      nextFree = slot.plus(spacing);
      wait = Duration.between(now, slot);
    }
    if (!wait.isZero() && !wait.isNegative()) {
      sleeper.sleep(wait);
    }
  }
}
