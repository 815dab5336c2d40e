package dev.hypha.runtime.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect: a {@link Run} handle held its run's whole in-memory state (every output, the per-row
 * arrays) for as long as the caller kept the handle, so keeping handles of finished runs grew the
 * heap. Now a handle keeps only how the run ended, and the state is collectable once the run ends.
 */
class RunHandleRetentionTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TypeRef<String> STRING = TypeRef.of(String.class);

  @TempDir Path dir;

  @Test
  void aRunHandleDoesNotKeepTheEndedRunsStateInMemory() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    LambdaFlow flow =
        LambdaFlow.builder("retained")
            .task("big", STRING, args -> "x".repeat(100_000))
            .task(
                "held",
                STRING,
                args -> {
                  release.await();
                  return args.<String>output(0).substring(0, 3);
                },
                "big")
            .build();
    try (Hypha hypha = Hypha.builder().path(dir.resolve("h.db")).parallel(2).open()) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      WeakReference<ActiveRun> state = weakStateOf(engineOf(hypha), run.id());
      release.countDown();
      assertThat(run.await(WAIT)).isEqualTo("xxx");

      long deadline = System.nanoTime() + WAIT.toNanos();
      while (state.get() != null && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(10);
      }
      assertThat(state.get()).as("the ended run's ActiveRun is still reachable").isNull();
      // The handle stayed reachable all along, and still answers.
      assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(run.await(WAIT)).isEqualTo("xxx");
      Reference.reachabilityFence(run);
    } finally {
      release.countDown();
    }
  }

  /** A weak reference to the run's in-memory state, taken while it runs; no strong one is kept. */
  private static WeakReference<ActiveRun> weakStateOf(Engine engine, RunId id) {
    ActiveRun active = engine.active(id);
    assertThat(active).as("run %s is active in the engine", id).isNotNull();
    return new WeakReference<>(active);
  }

  private static Engine engineOf(Hypha hypha) throws ReflectiveOperationException {
    Field runtime = Hypha.class.getDeclaredField("runtime");
    runtime.setAccessible(true);
    return ((EmbeddedRuntime) runtime.get(hypha)).engine();
  }
}
