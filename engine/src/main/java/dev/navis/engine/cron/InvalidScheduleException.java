package dev.navis.engine.cron;

/**
 * A schedule or time zone that cannot be parsed. The message names the expression and the part
 * that is wrong, so the linter and the API can show it to the user as it is.
 */
public final class InvalidScheduleException extends IllegalArgumentException {

  private final String expression;

  InvalidScheduleException(String expression, String problem) {
    super("schedule '" + expression + "': " + problem);
    this.expression = expression;
  }

  /** The schedule as the user wrote it. */
  public String expression() {
    return expression;
  }
}
