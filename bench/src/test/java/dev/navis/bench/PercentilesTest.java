package dev.navis.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  private final List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList();

  @Test
  void nearestRankOfOneToHundredIsTheRankItself() {
    assertThat(Percentiles.of(hundred, 50)).isEqualTo(50);
    assertThat(Percentiles.of(hundred, 99)).isEqualTo(99);
    assertThat(Percentiles.of(hundred, 100)).isEqualTo(100);
  }

  @Test
  void aSmallSampleRoundsTheRankUp() {
    List<Long> sample = List.of(40L, 10L, 30L, 20L);

    assertThat(Percentiles.of(sample, 50)).isEqualTo(20);
    assertThat(Percentiles.of(sample, 99)).isEqualTo(40);
    assertThat(Percentiles.of(sample, 1)).isEqualTo(10);
  }

  @Test
  void summaryNamesEveryFigure() {
    assertThat(Percentiles.summary(List.of(5L, 1L, 3L)))
        .isEqualTo("p50 3, p99 5, max 5, min 1 (n=3)");
    assertThat(Percentiles.summary(List.of())).isEqualTo("no samples");
  }
}
