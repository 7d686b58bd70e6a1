package dev.navis.events.trigger;

/** How one run of a trigger went; {@code detail} names what was done, or why it failed. */
public record TriggerOutcome(boolean succeeded, String detail) {

  public static TriggerOutcome succeeded(String detail) {
    return new TriggerOutcome(true, detail);
  }

  public static TriggerOutcome failed(String detail) {
    return new TriggerOutcome(false, detail);
  }
}
