package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartAndCancelTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  /**
   * On the default, parallel embedded engine only: the serial one commits each task on its own, and
   * a shared store's startAsync writes each run before it returns, so starts made one after another
   * never share a transaction there.
   */
  @Test
  void runsStartedAsynchronouslyShareCommitsAndWhatIsChainedOnThemCanWaitForRuns()
      throws Exception {
    LambdaFlow flow =
        LambdaFlow.builder("twice")
            .input(INT)
            .result(INT)
            .task("twice", INT, args -> 2 * args.<Integer>input())
            .build();
    try (Hypha hypha = Hypha.open(dir.resolve("h.db"))) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      List<CompletableFuture<Object>> results = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        // Awaiting inside the callback must not hold the engine up.
        results.add(binding.startAsync(i).thenApply(run -> run.await(WAIT)));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get(20, TimeUnit.SECONDS)).isEqualTo(2 * i);
      }
      EngineMetrics metrics = hypha.metrics();
      assertThat(metrics.commits()).as("300 runs need far fewer than 600 commits").isLessThan(300);
      assertThat(metrics.executions()).isEqualTo(300);
    }
  }

  @EngineKind.All
  void aRunWhoseFlowThisEngineDoesNotExecuteIsCancelledInTheStore(EngineKind engine)
      throws Exception {
    Path file = dir.resolve("h.db");
    CountDownLatch started = new CountDownLatch(1);
    LambdaFlow slow =
        LambdaFlow.builder("parked")
            .task(
                "first",
                INT,
                args -> {
                  started.countDown();
                  Thread.sleep(30_000);
                  return 1;
                })
            .task("second", INT, args -> 2, "first")
            .build();
    RunId id;
    Hypha first = engine.builder(file).shutdownGrace(Duration.ofMillis(50)).open();
    id = first.bind(slow, slow).start(null).id();
    assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
    first.close();

    try (Hypha second = engine.open(file)) {
      // The flow is not bound here: nothing executes the run, yet it can be cancelled.
      assertThat(second.cancel(id)).isTrue();
      RunDetail detail = second.history().detail(id).orElseThrow();
      assertThat(detail.state()).isEqualTo(RunState.CANCELLED);
      assertThat(detail.task("first").get().state()).isEqualTo(TaskState.CANCELLED);
      assertThat(second.cancel(id)).as("an ended run").isFalse();
    }
    try (Hypha third = engine.open(file)) {
      // Binding the flow later finds nothing to resume; the never-started task reads CANCELLED.
      third.bind(slow, slow);
      RunDetail detail = third.history().detail(id).orElseThrow();
      assertThat(detail.state()).isEqualTo(RunState.CANCELLED);
      assertThat(detail.task("second").get().state()).isEqualTo(TaskState.CANCELLED);
    }
  }
}
