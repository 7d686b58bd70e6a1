package dev.navis.engine;

/** Argo's node and workflow phases. */
final class Phases {

  static final String PENDING = "Pending";
  static final String RUNNING = "Running";
  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";
  static final String ERROR = "Error";
  static final String SKIPPED = "Skipped";
  static final String OMITTED = "Omitted";

  private Phases() {}

  static boolean completed(String phase) {
    return SUCCEEDED.equals(phase) || FAILED.equals(phase) || ERROR.equals(phase)
        || SKIPPED.equals(phase) || OMITTED.equals(phase);
  }

  static boolean unsuccessful(String phase) {
    return FAILED.equals(phase) || ERROR.equals(phase);
  }
}
