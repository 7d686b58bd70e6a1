package dev.navis.engine.cron;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest(name = "{0} = {1} ns")
  @CsvSource(textBlock = """
      0,          0
      1h30m,      5400000000000
      90s,        90000000000
      1.5h,       5400000000000
      .5m,        30000000000
      1h0m0.5s,   3600500000000
      250ms,      250000000
      3us,        3000
      3\u00b5s,   3000
      7ns,        7
      -2m,        -120000000000
      +2m,        120000000000
      """)
  void parsesGoSyntax(String text, long nanos) {
    assertThat(GoDuration.parse(text)).contains(Duration.ofNanos(nanos));
  }

  @ParameterizedTest(name = "[{index}] ''{0}''")
  @ValueSource(strings = {"", "1", "h", "1d", "1 h", "1h 30m", "1h-30m", "one hour", "-", "1..5s"})
  void refusesEverythingElse(String text) {
    assertThat(GoDuration.parse(text)).isEmpty();
  }
}
