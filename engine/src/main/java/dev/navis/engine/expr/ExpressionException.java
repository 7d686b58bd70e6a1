package dev.navis.engine.expr;

/** An expression that cannot be parsed or evaluated; the message says which and why. */
public class ExpressionException extends RuntimeException {

  public ExpressionException(String message) {
    super(message);
  }

  public ExpressionException(String message, Throwable cause) {
    super(message, cause);
  }
}
