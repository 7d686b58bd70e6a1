package dev.navis.engine.lint;

import java.util.List;
import java.util.regex.Pattern;

/** Checks of single values: names, durations, enumerations. */
final class Values {

  /** Template, step and task names: Argo's workflow field name rule. */
  private static final Pattern FIELD_NAME = Pattern.compile("[a-zA-Z0-9][-a-zA-Z0-9]*");
  private static final int MAX_NAME_LENGTH = 128;

  /** Parameter and artifact names. */
  private static final Pattern PARAMETER_NAME = Pattern.compile("[-a-zA-Z0-9_]+");

  /** Go's time.ParseDuration syntax. */
  private static final Pattern GO_DURATION = Pattern.compile(
      "[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h))+|[-+]?0");

  private static final Pattern SECONDS = Pattern.compile("\\d+");

  private Values() {}

  /** Whether the value is filled in at run time, so only then can it be judged. */
  static boolean templated(String value) {
    return value != null && value.contains("{{");
  }

  /** Null when the name is valid, else why not. */
  static String invalidFieldName(String name) {
    if (name.length() > MAX_NAME_LENGTH) {
      return "expected at most " + MAX_NAME_LENGTH + " characters, found " + name.length();
    }
    if (!FIELD_NAME.matcher(name).matches()) {
      return "expected letters, digits and '-', starting with a letter or digit, found \""
          + name + "\"";
    }
    return null;
  }

  static boolean validParameterName(String name) {
    return PARAMETER_NAME.matcher(name).matches();
  }

  /** A Go duration ({@code 90s}, {@code 1h30m}). */
  static boolean goDuration(String value) {
    return GO_DURATION.matcher(value.strip()).matches();
  }

  /** A Go duration or a whole number of seconds, as suspend and backoff accept. */
  static boolean durationOrSeconds(String value) {
    return SECONDS.matcher(value.strip()).matches() || goDuration(value);
  }

  static String oneOf(List<String> allowed) {
    return "one of " + String.join(", ", allowed);
  }
}
