package dev.navis.api;

import java.util.HashMap;
import java.util.Map;

/** Field path to position, filled while a document's tree is built. */
final class PositionMap implements SourcePositions {

  private final Map<String, Position> positions = new HashMap<>();

  void put(String path, int line, int column) {
    positions.putIfAbsent(path, new Position(line, column));
  }

  @Override
  public Position of(String path) {
    String current = path;
    while (true) {
      Position position = positions.get(current);
      if (position != null) {
        return position;
      }
      if (current.isEmpty()) {
        return UNKNOWN;
      }
      current = parentOf(current);
    }
  }

  @Override
  public boolean contains(String path) {
    return positions.containsKey(path);
  }

  /** Drops the last segment: {@code a.b[2]} gives {@code a.b}, {@code a["x"]} {@code a}. */
  static String parentOf(String path) {
    int end = path.length() - 1;
    if (path.charAt(end) == ']') {
      int open = path.endsWith("\"]") ? path.lastIndexOf("[\"") : path.lastIndexOf('[');
      return open < 0 ? "" : path.substring(0, open);
    }
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf(']');
    if (dot > bracket) {
      return path.substring(0, dot);
    }
    return bracket < 0 ? "" : path.substring(0, bracket + 1);
  }
}
