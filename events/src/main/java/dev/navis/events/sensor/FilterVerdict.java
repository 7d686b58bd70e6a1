package dev.navis.events.sensor;

/** Whether an event passed a dependency's filters; {@code reason} says why not. */
public record FilterVerdict(boolean passed, String reason) {

  static final FilterVerdict PASSED = new FilterVerdict(true, "");

  static FilterVerdict rejected(String reason) {
    return new FilterVerdict(false, reason);
  }
}
