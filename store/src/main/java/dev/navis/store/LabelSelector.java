package dev.navis.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Kubernetes equality- and set-based label selector: requirements joined by commas, all of
 * which must hold. {@code a=b} and {@code a==b} (label a is b), {@code a!=b} (a is not b, or
 * absent), {@code a in (x,y)}, {@code a notin (x)} (not x, or absent), {@code a} (has a),
 * {@code !a} (has no a).
 */
public record LabelSelector(List<Requirement> requirements) {

  /** How a requirement compares a label with its values. */
  public enum Operator {
    EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, NOT_EXISTS
  }

  /** One comma-separated part of a selector. */
  public record Requirement(String key, Operator operator, List<String> values) {

    public boolean matches(Map<String, String> labels) {
      String value = labels.get(key);
      return switch (operator) {
        case EQUALS, IN -> value != null && values.contains(value);
        case NOT_EQUALS, NOT_IN -> value == null || !values.contains(value);
        case EXISTS -> value != null;
        case NOT_EXISTS -> value == null;
      };
    }
  }

  public LabelSelector {
    requirements = List.copyOf(requirements);
  }

  /**
   * Parses a selector; null or blank selects everything.
   *
   * @throws IllegalArgumentException naming the selector, the column and what was expected
   */
  public static LabelSelector parse(String selector) {
    if (selector == null || selector.isBlank()) {
      return new LabelSelector(List.of());
    }
    return new LabelSelector(new Parser(selector).requirements());
  }

  public boolean matches(Map<String, String> labels) {
    Map<String, String> present = labels == null ? Map.of() : labels;
    return requirements.stream().allMatch(requirement -> requirement.matches(present));
  }

  /** A recursive-descent reader of one selector text. */
  private static final class Parser {

    private static final String NAME = "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?";
    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final Pattern KEY_PREFIX =
        Pattern.compile(DNS_LABEL + "(\\." + DNS_LABEL + ")*");
    private static final Pattern NAME_PATTERN = Pattern.compile(NAME);

    private final String text;
    private int position;

    Parser(String text) {
      this.text = text;
    }

    List<Requirement> requirements() {
      List<Requirement> requirements = new ArrayList<>();
      do {
        requirements.add(requirement());
        skipSpaces();
      } while (accept(","));

      if (position < text.length()) {
        throw problem("expected \",\" or the end");
      }
      return requirements;
    }

    private Requirement requirement() {
      skipSpaces();
      if (accept("!")) {
        return new Requirement(key(), Operator.NOT_EXISTS, List.of());
      }
      String key = key();
      skipSpaces();

      if (position == text.length() || text.charAt(position) == ',') {
        return new Requirement(key, Operator.EXISTS, List.of());
      }
      if (accept("!=")) {
        return new Requirement(key, Operator.NOT_EQUALS, List.of(value()));
      }
      if (accept("==") || accept("=")) {
        return new Requirement(key, Operator.EQUALS, List.of(value()));
      }
      String word = word();
      return switch (word) {
        case "in" -> new Requirement(key, Operator.IN, valueSet());
        case "notin" -> new Requirement(key, Operator.NOT_IN, valueSet());
        default -> throw problem("expected =, ==, !=, in or notin after \"" + key + "\"");
      };
    }

    private String key() {
      skipSpaces();
      int start = position;
      String key = word();
      if (key.isEmpty()) {
        throw problem("expected a label key");
      }
      if (!isValidKey(key)) {
        position = start;
        throw problem("\"" + key + "\" is not a valid label key");
      }
      return key;
    }

    private String value() {
      skipSpaces();
      int start = position;
      String value = word();
      if (!value.isEmpty() && (value.length() > 63 || !NAME_PATTERN.matcher(value).matches())) {
        position = start;
        throw problem("\"" + value + "\" is not a valid label value");
      }
      return value;
    }

    private List<String> valueSet() {
      skipSpaces();
      if (!accept("(")) {
        throw problem("expected \"(\" to open the set of values");
      }
      List<String> values = new ArrayList<>();
      do {
        String value = value();
        if (value.isEmpty()) {
          throw problem("expected a value");
        }
        values.add(value);
        skipSpaces();
      } while (accept(","));

      if (!accept(")")) {
        throw problem("expected \",\" or \")\" in the set of values");
      }
      return values;
    }

    private static boolean isValidKey(String key) {
      int slash = key.indexOf('/');
      String name = slash < 0 ? key : key.substring(slash + 1);
      if (slash >= 0) {
        String prefix = key.substring(0, slash);
        if (prefix.length() > 253 || !KEY_PREFIX.matcher(prefix).matches()) {
          return false;
        }
      }
      return name.length() <= 63 && NAME_PATTERN.matcher(name).matches();
    }

    private String word() {
      int start = position;
      while (position < text.length() && isWordChar(text.charAt(position))) {
        position++;
      }
      return text.substring(start, position);
    }

    private static boolean isWordChar(char c) {
      return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/';
    }

    private boolean accept(String token) {
      if (text.startsWith(token, position)) {
        position += token.length();
        return true;
      }
      return false;
    }

    private void skipSpaces() {
      while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
        position++;
      }
    }

    private IllegalArgumentException problem(String expectation) {
      return new IllegalArgumentException("invalid label selector \"" + text + "\": "
          + expectation + " at column " + (position + 1));
    }
  }
}
