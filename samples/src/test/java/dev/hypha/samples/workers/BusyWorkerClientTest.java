package dev.hypha.samples.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.testing.SharedStores;
import dev.hypha.samples.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A client in this JVM starts 200 runs and reads the history all the while, as a worker JVM busy
 * with those runs writes to the same store. On SQLite, two processes writing one file: neither may
 * see the file as locked, and every run must succeed.
 */
class BusyWorkerClientTest {
  private static final int RUNS = 200;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  static List<String> kinds() {
    return SharedStores.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aClientStartsAndReadsWhileAWorkerIsBusy(String kind) throws Exception {
    String url = SharedStores.fresh(kind, dir);
    try (ChildJvm worker = WorkerProcess.start(url, "busy", Tally.QUEUE, 4, "tally");
        Hypha client = Hypha.connect(url)) {
      TallyFlow flow = TallyFlow.client(client);
      List<Run<Integer>> runs = new CopyOnWriteArrayList<>();
      Queue<Throwable> readFailures = new ConcurrentLinkedQueue<>();
      AtomicBoolean starting = new AtomicBoolean(true);
      AtomicInteger reads = new AtomicInteger();
      Thread reader =
          new Thread(
              () -> {
                // Reads until every run has been started and has ended.
                while (true) {
                  try {
                    client.history().find(RunQuery.builder().limit(50).build());
                    client.history().count(RunQuery.builder().state(RunState.SUCCEEDED).build());
                    if (!runs.isEmpty()) {
                      Run<Integer> run = runs.get(ThreadLocalRandom.current().nextInt(runs.size()));
                      RunDetail detail = client.history().detail(run.id()).orElseThrow();
                      assertThat(detail.tasks(TaskKind.TASK)).hasSize(2);
                      run.state();
                    }
                    reads.incrementAndGet();
                    if (!starting.get() && client.history().count(running()) == 0) {
                      return;
                    }
                  } catch (Throwable e) {
                    readFailures.add(e);
                    if (readFailures.size() > 20) {
                      return;
                    }
                  }
                }
              },
              "history-reader");
      reader.start();
      try {
        for (int i = 0; i < RUNS; i++) {
          runs.add(flow.start(i));
        }
      } finally {
        starting.set(false);
      }
      for (int i = 0; i < RUNS; i++) {
        assertThat(runs.get(i).await(WAIT)).as("run %s", runs.get(i).id()).isEqualTo((i + 1) * 2);
      }
      reader.join(WAIT.toMillis());
      assertThat(reader.isAlive()).as("the reader did not stop").isFalse();
      assertThat(readFailures).as("reads that failed (%d reads succeeded)", reads.get()).isEmpty();
      assertThat(reads.get()).as("reads done while the worker was busy").isPositive();
      assertThat(client.history().count(RunQuery.builder().state(RunState.SUCCEEDED).build()))
          .isEqualTo(RUNS);
      assertThat(worker.output())
          .doesNotContainIgnoringCase("database is locked")
          .doesNotContain("StoreLockedException")
          .doesNotContain("ERROR");
      assertThat(worker.isAlive()).isTrue();
    }
  }

  private static RunQuery running() {
    return RunQuery.builder().state(RunState.RUNNING).build();
  }
}
