package dev.navis.engine.cron;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} syntax: {@code 1h30m}, {@code 90s}, {@code 1.5h}, {@code 0}. */
final class GoDuration {

  private static final Pattern COMPONENT =
      Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)");

  private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
      "ns", 1L,
      "us", 1_000L,
      "\u00b5s", 1_000L,
      "\u03bcs", 1_000L,
      "ms", 1_000_000L,
      "s", 1_000_000_000L,
      "m", 60_000_000_000L,
      "h", 3_600_000_000_000L);

  private GoDuration() {}

  /** The duration, or empty when the text is not in Go's syntax. */
  static Optional<Duration> parse(String text) {
    if (text.equals("0") || text.equals("+0") || text.equals("-0")) {
      return Optional.of(Duration.ZERO);
    }
    boolean negative = text.startsWith("-");
    String body = negative || text.startsWith("+") ? text.substring(1) : text;
    if (body.isEmpty()) {
      return Optional.empty();
    }

    BigDecimal nanos = BigDecimal.ZERO;
    Matcher component = COMPONENT.matcher(body);
    int end = 0;
    while (component.find() && component.start() == end) {
      BigDecimal unit = BigDecimal.valueOf(NANOS_PER_UNIT.get(component.group(2)));
      nanos = nanos.add(new BigDecimal(component.group(1)).multiply(unit));
      end = component.end();
    }
    if (end != body.length()) {
      return Optional.empty();
    }

    Duration duration = Duration.ofNanos(nanos.longValue());
    return Optional.of(negative ? duration.negated() : duration);
  }
}
