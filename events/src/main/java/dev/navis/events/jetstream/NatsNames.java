package dev.navis.events.jetstream;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Stream, consumer and key names JetStream accepts, made from resource names. */
final class NatsNames {

  private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9_-]+");

  private NatsNames() {}

  /** The bus name as a stream name, or an {@link IllegalArgumentException} saying why not. */
  static String stream(String bus) {
    if (!STREAM.matcher(bus).matches()) {
      throw new IllegalArgumentException("eventBusName '" + bus + "': a JetStream bus name"
          + " may hold only letters, digits, '-' and '_'");
    }
    return bus;
  }

  /**
   * {@code name} with every character but letters, digits and '-' written as {@code _XX} (its
   * UTF-8 bytes in hex), so that joined tokens stay apart and the result reads back.
   */
  static String token(String name) {
    StringBuilder token = new StringBuilder();
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-')) {
        token.append(c);
      } else {
        token.append('_').append(String.format("%02X", b & 0xff));
      }
    }
    return token.toString();
  }

  /** The name {@link #token} was made from. */
  static String untoken(String token) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '_' && i + 2 < token.length()) {
        bytes.write(Integer.parseInt(token.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
