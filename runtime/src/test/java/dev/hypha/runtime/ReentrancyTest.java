package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Waits that Hypha imposes end when Hypha can no longer end them, and Hypha's own threads never
 * wait for room they would have to make themselves.
 */
class ReentrancyTest {
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;

  /**
   * A start waiting for a run permit is released by close() with its exception, not left hanging.
   */
  @Test
  void aStartWaitingForRoomEndsWhenTheHyphaCloses() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    LambdaFlow flow =
        LambdaFlow.builder("blocked")
            .task(
                "wait",
                INT,
                args -> {
                  never.await();
                  return 1;
                })
            .build();
    Hypha hypha =
        Hypha.builder()
            .path(dir.resolve("h.db"))
            .maxActiveRuns(1)
            .shutdownGrace(Duration.ofMillis(100))
            .open();
    try {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      binding.start(null);
      CompletableFuture<Run<Object>> waiting = new CompletableFuture<>();
      Thread starter =
          new Thread(
              () -> {
                try {
                  waiting.complete(binding.start(null));
                } catch (RuntimeException e) {
                  waiting.completeExceptionally(e);
                }
              },
              "starter");
      starter.start();
      Waits.until(
          () -> starter.getState() == Thread.State.TIMED_WAITING || waiting.isDone(),
          "the second start waits for a run permit");
      assertThat(waiting).isNotDone();
      hypha.close();
      assertThatThrownBy(() -> waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS))
          .hasCauseInstanceOf(HyphaException.class)
          .hasMessageContaining("closed");
    } finally {
      never.countDown();
      hypha.close();
    }
  }

  /**
   * A listener may start runs, and a task may start a sub-flow, even while every run permit is
   * taken: Hypha's own threads do not wait for room, since the room would have to come from them.
   */
  @Test
  void listenersAndTasksMayStartRunsWhenTheEngineIsFull() throws Exception {
    AtomicReference<FlowBinding<Object, Object>> child = new AtomicReference<>();
    CountDownLatch chained = new CountDownLatch(5);
    LambdaFlow leaf = LambdaFlow.builder("leaf").input(INT).task("x", INT, a -> a.input()).build();
    LambdaFlow parent =
        LambdaFlow.builder("parent")
            .input(INT)
            .task(
                "spawn",
                INT,
                args -> (Integer) child.get().start(args.<Integer>input()).await(WAIT) + 1)
            .build();
    HyphaListener chain =
        new HyphaListener() {
          @Override
          public void onRunEvent(RunEvent event) {
            if (event.flow().equals("leaf") && event.state() == RunState.SUCCEEDED) {
              if (chained.getCount() > 0) {
                chained.countDown();
                child.get().start(-1);
              }
            }
          }
        };
    try (Hypha hypha =
        Hypha.builder().path(dir.resolve("h.db")).maxActiveRuns(1).listener(chain).open()) {
      child.set(hypha.bind(leaf, leaf));
      FlowBinding<Object, Object> parents = hypha.bind(parent, parent);
      // The parent holds the only permit while its task starts and awaits a child run.
      assertThat(parents.start(41).await(WAIT)).isEqualTo(42);
      assertThat(chained.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }
  }
}
