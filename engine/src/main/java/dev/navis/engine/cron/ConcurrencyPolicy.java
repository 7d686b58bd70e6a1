package dev.navis.engine.cron;

import java.util.Optional;

/** Argo's {@code concurrencyPolicy}: what a new run does while earlier ones still run. */
public enum ConcurrencyPolicy {
  /** Start the new run alongside the running ones (the default). */
  ALLOW("Allow"),
  /** Skip the new run while one is running. */
  FORBID("Forbid"),
  /** Stop the running ones, then start the new run. */
  REPLACE("Replace");

  private final String spelling;

  ConcurrencyPolicy(String spelling) {
    this.spelling = spelling;
  }

  /** The policy spelled as in YAML; null or blank means {@link #ALLOW}; empty if unknown. */
  public static Optional<ConcurrencyPolicy> of(String spelling) {
    if (spelling == null || spelling.isBlank()) {
      return Optional.of(ALLOW);
    }
    for (ConcurrencyPolicy policy : values()) {
      if (policy.spelling.equals(spelling)) {
        return Optional.of(policy);
      }
    }
    return Optional.empty();
  }

  /** The YAML spelling. */
  public String spelling() {
    return spelling;
  }
}
