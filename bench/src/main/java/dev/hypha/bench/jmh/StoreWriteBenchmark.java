package dev.hypha.bench.jmh;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.store.SqliteStore;
import dev.hypha.runtime.internal.store.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One group commit of the engine's write path: {@code runs} diamond runs started, their four tasks
 * claimed and completed, the runs finished. Run with the commit flushed to the OS only, so this is
 * the engine's CPU cost per row, not the disk's fsync.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StoreWriteBenchmark {
  @Param({"1", "50"})
  public int runs;

  private Path dir;
  private SqliteStore store;
  private long seq;
  private final WriteBatch batch = new WriteBatch();

  @Setup
  public void open() throws Exception {
    dir = Files.createTempDirectory("hypha-jmh");
    store = SqliteStore.open(dir.resolve("store.db"), Duration.ofSeconds(5), false, 0);
  }

  @TearDown
  public void close() throws Exception {
    store.close();
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }

  /**
   * Every row a diamond run writes, in one transaction: 6 rows per run (a task's row is inserted
   * when its attempt has begun and ended, in one write).
   */
  @Benchmark
  public int commitDiamondRuns() {
    batch.clear();
    for (int i = 0; i < runs; i++) {
      long run = ++seq;
      batch.insertRun(
          RunId.generate(System.currentTimeMillis()), run, "diamond", "h", "1", null, 1, 4);
      for (int task = 0; task < 4; task++) {
        batch
            .insertTask(run, task, "t" + task, TaskKind.TASK, "default", TaskState.SUCCEEDED)
            .attempt(1)
            .readyAt(2)
            .startedAt(3)
            .worker("bench")
            .finishedAt(4)
            .output("42");
      }
      batch.finishRun(run, RunState.SUCCEEDED, "42", null, null, null, 5);
    }
    store.write(batch);
    return batch.size();
  }
}
