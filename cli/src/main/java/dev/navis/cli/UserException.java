package dev.navis.cli;

/** A failure caused by the user's input or request: shown as its message alone. */
final class UserException extends RuntimeException {

  private final int exitCode;

  UserException(String message) {
    this(message, 1);
  }

  UserException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
