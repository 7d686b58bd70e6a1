package dev.navis.engine;

/**
 * A mistake in the user's workflow found while running it; it ends a node or the workflow in
 * Error with this message, never reaches the caller.
 */
final class UserError extends Exception {

  UserError(String message) {
    super(message, null, false, false);
  }
}
