package dev.navis.executor.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyTailTest {

  @Test
  void aShortBodyIsKeptWhole() throws Exception {
    assertThat(read("hello", 8)).isEqualTo("hello");
  }

  @Test
  void aLongBodyKeepsItsLastBytesInOrder() throws Exception {
    assertThat(read("0123456789abcdefghij", 8)).isEqualTo("cdefghij");
  }

  private static String read(String body, int limit) throws Exception {
    return BodyTail.read(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), limit);
  }
}
