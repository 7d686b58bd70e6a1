package dev.navis.engine.expr;

/** A name that is not given, or a member read from nil: what {@code ??} falls back from. */
final class MissingValueException extends ExpressionException {

  MissingValueException(String message) {
    super(message);
  }
}
