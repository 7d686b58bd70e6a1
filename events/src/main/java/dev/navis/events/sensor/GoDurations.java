package dev.navis.events.sensor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go durations ({@code 1h30m}, {@code 250ms}) and Kubernetes' "nanoseconds or duration". */
public final class GoDurations {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?)(ns|us|µs|ms|s|m|h)");
  private static final Map<String, Double> NANOS = Map.of("ns", 1d, "us", 1e3, "µs", 1e3,
      "ms", 1e6, "s", 1e9, "m", 60e9, "h", 3600e9);

  private GoDurations() {}

  /** Parses a Go duration; empty when it is not one. */
  public static Optional<Duration> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String rest = text.strip();
    if (rest.equals("0")) {
      return Optional.of(Duration.ZERO);
    }
    Matcher matcher = PART.matcher(rest);
    double nanos = 0;
    int at = 0;
    while (matcher.find() && matcher.start() == at) {
      nanos += Double.parseDouble(matcher.group(1)) * NANOS.get(matcher.group(2));
      at = matcher.end();
    }
    return at == rest.length() && at > 0 ? Optional.of(Duration.ofNanos((long) nanos))
        : Optional.empty();
  }

  /** A number of nanoseconds or a Go duration in text; empty when it is neither. */
  public static Optional<Duration> parse(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return Optional.empty();
    }
    if (value.isNumber()) {
      return Optional.of(Duration.ofNanos(value.asLong()));
    }
    String text = value.asText().strip();
    return text.chars().allMatch(Character::isDigit) && !text.isEmpty()
        ? Optional.of(Duration.ofNanos(Long.parseLong(text))) : parse(text);
  }
}
