package dev.navis.api;

/**
 * Where the fields of one parsed document stand in its file. Paths name fields the way Argo's
 * messages do: {@code spec.templates[2].steps[0][1].template}; keys that are not plain words are
 * quoted, as in {@code metadata.labels["app.kubernetes.io/name"]}.
 */
public interface SourcePositions {

  /** A 1-based line and column; {@link #UNKNOWN} when nothing is known. */
  record Position(int line, int column) {}

  Position UNKNOWN = new Position(0, 0);

  /**
   * The position of the field at {@code path}, or of its nearest parent that has one, or
   * {@link #UNKNOWN}. Never null.
   */
  Position of(String path);

  /** Whether the exact path was seen while parsing. */
  boolean contains(String path);

  /** Positions for a resource that was not read from a file. */
  static SourcePositions none() {
    return new PositionMap();
  }

  /** The path of {@code key} under {@code parent}. */
  static String child(String parent, String key) {
    boolean plain = !key.isEmpty() && key.chars().allMatch(SourcePositions::plainKeyChar);
    String segment = plain ? key : "[\"" + key + "\"]";
    if (parent.isEmpty()) {
      return segment;
    }
    return plain ? parent + "." + segment : parent + segment;
  }

  /** The path of element {@code index} of the list at {@code parent}. */
  static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }

  private static boolean plainKeyChar(int c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-';
  }
}
