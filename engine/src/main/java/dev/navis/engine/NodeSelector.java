package dev.navis.engine;

/**
 * Argo's node field selectors ({@code displayName=approve,phase=Running}, {@code name!=x}):
 * comma-separated terms that must all hold. Null selects every node.
 */
final class NodeSelector {

  private NodeSelector() {}

  static boolean matches(String selector, Node node) {
    if (selector == null || selector.isBlank()) {
      return true;
    }
    for (String term : selector.split(",")) {
      if (!termHolds(term.trim(), node)) {
        return false;
      }
    }
    return true;
  }

  private static boolean termHolds(String term, Node node) {
    boolean negated = term.contains("!=");
    String[] parts = term.split(negated ? "!=" : "==?", 2);
    if (parts.length != 2) {
      return false;
    }
    String actual = field(parts[0].trim(), node);
    boolean equal = parts[1].trim().equals(actual);
    return negated != equal;
  }

  private static String field(String name, Node node) {
    return switch (name) {
      case "id" -> node.id;
      case "name" -> node.name;
      case "displayName" -> node.displayName;
      case "templateName" -> node.templateName;
      case "phase" -> node.phase;
      case "type" -> node.type;
      default -> null;
    };
  }
}
