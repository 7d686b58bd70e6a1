package dev.navis.engine.testing;

import java.time.Duration;
import java.util.Map;

/**
 * How the fake executor ends a node: its phase, exit code, standard output, output parameters
 * and message, after {@code runFor}.
 */
public record Outcome(String phase, Integer exitCode, String result,
    Map<String, String> parameters, String message, Duration runFor) {

  public static Outcome succeeded() {
    return new Outcome("Succeeded", 0, null, Map.of(), null, Duration.ofSeconds(1));
  }

  public static Outcome succeeded(String result) {
    return succeeded().withResult(result);
  }

  public static Outcome failed() {
    return new Outcome("Failed", 1, null, Map.of(), "Error (exit code 1)", Duration.ofSeconds(1));
  }

  public static Outcome errored(String message) {
    return new Outcome("Error", null, null, Map.of(), message, Duration.ofSeconds(1));
  }

  /** A node that never ends by itself (it ends when stopped). */
  public static Outcome hangs() {
    return new Outcome("Succeeded", 0, null, Map.of(), null, null);
  }

  public Outcome withResult(String newResult) {
    return new Outcome(phase, exitCode, newResult, parameters, message, runFor);
  }

  public Outcome withParameters(Map<String, String> newParameters) {
    return new Outcome(phase, exitCode, result, newParameters, message, runFor);
  }

  public Outcome withExitCode(int code) {
    return new Outcome(phase, code, result, parameters, message, runFor);
  }

  public Outcome after(Duration duration) {
    return new Outcome(phase, exitCode, result, parameters, message, duration);
  }
}
