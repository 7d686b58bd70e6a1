package dev.navis.engine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go-style durations ({@code 1h30m}, {@code 10s}, {@code 500ms}) and bare seconds. */
final class Durations {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");

  private Durations() {}

  /** The duration, or null when {@code text} is not one (the caller reports it). */
  static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String trimmed = text.trim();
    if (trimmed.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(trimmed));
    }
    Matcher matcher = PART.matcher(trimmed);
    double nanos = 0;
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() != end) {
        return null;
      }
      nanos += Double.parseDouble(matcher.group(1)) * unitNanos(matcher.group(2));
      end = matcher.end();
    }
    return end == trimmed.length() && end > 0 ? Duration.ofNanos((long) nanos) : null;
  }

  private static double unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1;
      case "us", "µs" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      case "h" -> 3600e9;
      default -> 86400e9;
    };
  }
}
