package dev.navis.cli;

import java.time.Duration;
import java.time.Instant;

/** Durations and ages the way {@code argo} prints them. */
final class Durations {

  private Durations() {}

  /** {@code 3s}, {@code 1m 2s}, {@code 2h 5m}. */
  static String shortForm(Instant from, Instant to) {
    if (from == null) {
      return "";
    }
    Duration duration = Duration.between(from, to != null ? to : Instant.now());
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + "m " + (seconds % 60) + "s";
    }
    return (seconds / 3600) + "h " + (seconds % 3600 / 60) + "m";
  }

  /** {@code 12 seconds}, {@code 3 minutes 4 seconds}, as in the header of {@code argo get}. */
  static String longForm(Instant from, Instant to) {
    if (from == null) {
      return "";
    }
    long seconds = Math.max(0, Duration.between(from, to != null ? to : Instant.now())
        .toSeconds());
    if (seconds < 60) {
      return plural(seconds, "second");
    }
    if (seconds < 3600) {
      return plural(seconds / 60, "minute") + " " + plural(seconds % 60, "second");
    }
    return plural(seconds / 3600, "hour") + " " + plural(seconds % 3600 / 60, "minute");
  }

  private static String plural(long count, String unit) {
    return count + " " + unit + (count == 1 ? "" : "s");
  }
}
