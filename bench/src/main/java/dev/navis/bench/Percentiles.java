package dev.navis.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a sample, as the benchmarks print them. */
final class Percentiles {

  private Percentiles() {}

  /** The p-th percentile (0 < p <= 100) by nearest rank; the sample must not be empty. */
  static long of(List<Long> sample, double p) {
    List<Long> sorted = new ArrayList<>(sample);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  static String summary(List<Long> sample) {
    if (sample.isEmpty()) {
      return "no samples";
    }
    return "p50 %d, p99 %d, max %d, min %d (n=%d)".formatted(of(sample, 50), of(sample, 99),
        of(sample, 100), Collections.min(sample), sample.size());
  }
}
