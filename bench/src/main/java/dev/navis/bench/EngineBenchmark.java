package dev.navis.bench;

import dev.navis.engine.testing.EngineHarness;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's own cost, without processes or a store: whole workflows run through the test
 * harness's fake executor, which ends each node as soon as it starts. Divide by the node count
 * for the cost per node; it should stay flat as the workflow grows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgs = {"-Xmx512m"})
public class EngineBenchmark {

  @Param({"1000", "10000"})
  int items;

  private String fanOut;
  private String dag;

  @Setup
  public void writeWorkflows() {
    fanOut = Workflows.fanOut(items, 50);
    dag = Workflows.layeredDag(100, items / 100);
  }

  /** withItems-style fan-out: {@code items} nodes, at most 50 at a time. */
  @Benchmark
  public String fanOutWithParallelism50() {
    return EngineHarness.of(fanOut).runToCompletion();
  }

  /** A DAG of width 100 and depth items/100, each task waiting for the one above it. */
  @Benchmark
  public String layeredDagOfWidth100() {
    return EngineHarness.of(dag).runToCompletion();
  }
}
