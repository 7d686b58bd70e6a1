package dev.navis.api;

/**
 * One mistake found in a user's file: where it is and what is wrong. {@code field} is the path
 * of the field the message is about (empty when the problem concerns the whole file); the
 * message names it, so {@link #format()} reads on its own.
 */
public record Problem(String file, int line, int column, String field, String message) {

  /** {@code file:line:col: message}, or {@code file: message} when no position is known. */
  public String format() {
    if (line <= 0) {
      return file + ": " + message;
    }
    return file + ":" + line + ":" + column + ": " + message;
  }

  /** A problem at the position of {@code field}, with the message {@code field: text}. */
  public static Problem at(
      String file, SourcePositions positions, String field, String lookupPath, String text) {
    SourcePositions.Position position = positions.of(lookupPath);
    String message = field.isEmpty() ? text : field + ": " + text;
    return new Problem(file, position.line(), position.column(), field, message);
  }
}
