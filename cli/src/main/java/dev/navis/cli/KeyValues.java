package dev.navis.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code NAME=VALUE} arguments, as {@code -p} and {@code -l} take them. */
final class KeyValues {

  private KeyValues() {}

  static Map<String, String> parse(List<String> pairs, String flag) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : pairs) {
      int equals = pair.indexOf('=');
      if (equals <= 0) {
        throw new UserException(flag + " expects NAME=VALUE, got \"" + pair + "\"");
      }
      values.put(pair.substring(0, equals), pair.substring(equals + 1));
    }
    return values;
  }
}
