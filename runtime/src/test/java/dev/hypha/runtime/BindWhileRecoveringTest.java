package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect "register does I/O under a lock": binding a flow held the lock that guards the flows while
 * it read every in-flight run and waited for the engine to take them up, so {@code flows()}, {@code
 * detail()} and other flows' binds waited for the whole recovery. Here the recovery cannot finish
 * (another connection holds the store's write lock, so the engine cannot commit), and the other
 * calls must still answer.
 */
class BindWhileRecoveringTest {
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  @Test
  void historyAndOtherFlowsAnswerWhileABindRecoversItsRuns() throws Exception {
    Path file = dir.resolve("h.db");
    CountDownLatch never = new CountDownLatch(1);
    RunId stuck;
    try (Hypha first = Hypha.builder().path(file).shutdownGrace(Duration.ofMillis(50)).open()) {
      LambdaFlow blocking =
          LambdaFlow.builder("slow")
              .task(
                  "work",
                  INT,
                  args -> {
                    never.await();
                    return 1;
                  })
              .build();
      stuck = first.bind(blocking, blocking).start(null).id();
    } finally {
      never.countDown();
    }

    LambdaFlow quick = LambdaFlow.builder("slow").task("work", INT, args -> 2).build();
    LambdaFlow other = LambdaFlow.builder("other").task("only", INT, args -> 3).build();
    try (Hypha second = Hypha.builder().path(file).busyTimeout(Duration.ofSeconds(5)).open();
        Connection holder = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement lock = holder.createStatement()) {
      lock.execute("BEGIN IMMEDIATE");
      CompletableFuture<FlowBinding<Object, Object>> binding = new CompletableFuture<>();
      Thread binder =
          new Thread(
              () -> {
                try {
                  binding.complete(second.bind(quick, quick));
                } catch (RuntimeException e) {
                  binding.completeExceptionally(e);
                }
              },
              "binder");
      binder.start();
      // The bind is under way: its recovery waits (untimed) for a commit the held lock keeps back.
      Waits.until(
          () -> binder.getState() == Thread.State.WAITING || binding.isDone(),
          "the bind waits for the engine to take its runs up");
      assertThat(binding).isNotDone();

      CompletableFuture<Integer> flows = CompletableFuture.supplyAsync(() -> second.flows().size());
      CompletableFuture<RunState> detail =
          CompletableFuture.supplyAsync(() -> second.history().detail(stuck).orElseThrow().state());
      CompletableFuture<Boolean> otherBound =
          CompletableFuture.supplyAsync(() -> second.bind(other, other) != null);
      assertThat(flows.get(2, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
      assertThat(detail.get(2, TimeUnit.SECONDS)).isEqualTo(RunState.RUNNING);
      assertThat(otherBound.get(2, TimeUnit.SECONDS)).isTrue();
      assertThat(binding).isNotDone();

      lock.execute("COMMIT");
      assertThat(binding.get(20, TimeUnit.SECONDS).run(stuck).await(Duration.ofSeconds(20)))
          .isEqualTo(2);
    }
  }
}
