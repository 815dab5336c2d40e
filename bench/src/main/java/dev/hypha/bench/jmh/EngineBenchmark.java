package dev.hypha.bench.jmh;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.testing.Graphs;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole diamond runs through the engine, commits flushed to the OS only (the fsync is the disk's
 * cost, measured by the end-to-end workloads): the latency of one run alone, and the time per run
 * when 200 are started at once.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private Path dir;
  private Hypha hypha;
  private FlowBinding<Object, Object> diamond;

  @Setup
  public void open() throws Exception {
    dir = Files.createTempDirectory("hypha-jmh");
    hypha = Hypha.builder().path(dir.resolve("engine.db")).flushToDisk(false).open();
    LambdaFlow flow = Graphs.diamond("jmh-diamond");
    diamond = hypha.bind(flow, flow);
  }

  @TearDown
  public void close() throws Exception {
    hypha.close();
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  @Benchmark
  public Object oneRunAlone() {
    return diamond.start(1).await(WAIT);
  }

  @Benchmark
  @OperationsPerInvocation(200)
  public int manyRunsAtOnce() throws Exception {
    List<CompletableFuture<Run<Object>>> started = new ArrayList<>(200);
    for (int i = 0; i < 200; i++) {
      started.add(diamond.startAsync(i));
    }
    int sum = 0;
    for (CompletableFuture<Run<Object>> run : started) {
      sum += (Integer) run.get().await(WAIT);
    }
    return sum;
  }
}
