package dev.navis.executor.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads a response body, keeping only its last bytes, as a node's result keeps them. */
final class BodyTail {

  /** How much of a body becomes the result, as for a process's standard output. */
  static final int LIMIT = 256 * 1024;

  private BodyTail() {}

  /** The last {@code limit} bytes of {@code body} as UTF-8 text; reads it to its end. */
  static String read(InputStream body, int limit) throws IOException {
    byte[] ring = new byte[limit];
    long total = 0;
    byte[] chunk = new byte[8192];
    int read;
    while ((read = body.read(chunk)) >= 0) {
      for (int i = 0; i < read; i++) {
        ring[(int) ((total + i) % limit)] = chunk[i];
      }
      total += read;
    }

    if (total <= limit) {
      return new String(ring, 0, (int) total, StandardCharsets.UTF_8);
    }
    int start = (int) (total % limit);
    byte[] ordered = Arrays.copyOfRange(ring, start, limit + start);
    System.arraycopy(ring, 0, ordered, limit - start, start);
    return new String(ordered, StandardCharsets.UTF_8);
  }
}
