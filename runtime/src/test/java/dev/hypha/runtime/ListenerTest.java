package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

class ListenerTest {
  @TempDir Path dir;

  // Embedded only: a shared store refuses listeners.
  @EngineKind.Embedded
  void listenersHearEveryCommittedChangeInOrderAndOneThatThrowsBreaksNothing(EngineKind engine)
      throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    CountDownLatch ended = new CountDownLatch(1);
    HyphaListener throwing =
        new HyphaListener() {
          @Override
          public void onTaskEvent(TaskEvent event) {
            throw new IllegalStateException("listener bug");
          }
        };
    HyphaListener recording =
        new HyphaListener() {
          @Override
          public void onRunEvent(RunEvent event) {
            heard.add("run " + event.state());
            if (event.state().isFinal()) {
              ended.countDown();
            }
          }

          @Override
          public void onTaskEvent(TaskEvent event) {
            heard.add(event.task() + " " + event.state() + " #" + event.attempt());
          }
        };
    TypeRef<Integer> integer = TypeRef.of(Integer.class);
    LambdaFlow flow =
        LambdaFlow.builder("listened")
            .task("a", integer, args -> 1)
            .task(
                "b",
                integer,
                args -> {
                  throw new IllegalArgumentException("no");
                },
                "a")
            .task("c", integer, args -> 3, "b")
            .build();
    try (Hypha hypha =
        engine.builder(dir.resolve("h.db")).listener(throwing).listener(recording).open()) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThat(ended.await(20, TimeUnit.SECONDS)).isTrue();
      assertThat(run.state()).isEqualTo(RunState.FAILED);
    }
    assertThat(heard)
        .containsExactly(
            "run RUNNING",
            "a RUNNING #1",
            "a SUCCEEDED #1",
            "b RUNNING #1",
            "b FAILED #1",
            "c SKIPPED #0",
            "run FAILED");
  }
}
