package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Idempotent starts with a key, and what a caller's mistake in a start or a setting throws. */
class StartOptionsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  static LambdaFlow keyed(AtomicInteger executions, CountDownLatch release) {
    return LambdaFlow.builder("keyed")
        .input(INT)
        .task(
            "work",
            INT,
            args -> {
              executions.incrementAndGet();
              release.await();
              return args.<Integer>input() * 10;
            })
        .build();
  }

  /**
   * A second start with a key already used returns the first run and starts nothing: while the
   * first run is going, after it ended, and after reopening the file.
   */
  @EngineKind.All
  void aStartWithAKeyAlreadyUsedReturnsThatRunAndStartsNothing(EngineKind engine) throws Exception {
    Path file = dir.resolve("h.db");
    AtomicInteger executions = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    LambdaFlow flow = keyed(executions, release);
    RunId id;
    try (Hypha hypha = engine.open(file)) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      Run<Object> first = binding.start(4, "order-42");
      id = first.id();
      Run<Object> whileRunning = binding.start(5, "order-42");
      assertThat(whileRunning.id()).isEqualTo(id);
      release.countDown();
      assertThat(first.await()).isEqualTo(40);
      assertThat(whileRunning.await(WAIT)).isEqualTo(40);
      Run<Object> afterEnd = binding.start(6, "order-42");
      assertThat(afterEnd.id()).isEqualTo(id);
      assertThat(afterEnd.await(WAIT)).isEqualTo(40);
      assertThat(executions).hasValue(1);

      Run<Object> otherKey = binding.start(5, "order-43");
      assertThat(otherKey.id()).isNotEqualTo(id);
      assertThat(otherKey.await(WAIT)).isEqualTo(50);
      assertThat(executions).hasValue(2);
    } finally {
      release.countDown();
    }
    try (Hypha hypha = engine.open(file)) {
      Run<Object> again = hypha.bind(flow, flow).start(7, "order-42");
      assertThat(again.id()).isEqualTo(id);
      assertThat(again.await(WAIT)).isEqualTo(40);
      assertThat(hypha.history().find(RunQuery.builder().build()).items()).hasSize(2);
      assertThat(executions).hasValue(2);
      assertThat(hypha.history().byKey("keyed", "order-42").map(RunSummary::id)).contains(id);
      assertThat(hypha.history().byKey("keyed", "order-44")).isEmpty();
      assertThat(hypha.history().byKey("other-flow", "order-42")).isEmpty();
      RunSummary summary = hypha.history().summary(id).orElseThrow();
      assertThat(summary.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(summary.flow()).isEqualTo("keyed");
      assertThat(hypha.history().summary(RunId.generate(System.currentTimeMillis()))).isEmpty();
    }
  }

  /** Two callers racing with one key through startAsync get the same run; one run starts. */
  @EngineKind.All
  void twoAsyncStartsWithTheSameKeyAtOnceStartOneRun(EngineKind engine) throws Exception {
    int rounds = 20;
    AtomicInteger executions = new AtomicInteger();
    LambdaFlow flow = keyed(executions, new CountDownLatch(0));
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      for (int round = 0; round < rounds; round++) {
        String key = "order-" + round;
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Run<Object>>> starts = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int caller = 0; caller < 2; caller++) {
          CompletableFuture<Run<Object>> start = new CompletableFuture<>();
          starts.add(start);
          int input = round;
          Thread thread =
              new Thread(
                  () -> {
                    try {
                      together.await();
                      binding
                          .startAsync(input, key)
                          .whenComplete(
                              (run, error) -> {
                                if (error != null) {
                                  start.completeExceptionally(error);
                                } else {
                                  start.complete(run);
                                }
                              });
                    } catch (Throwable e) {
                      start.completeExceptionally(e);
                    }
                  },
                  "starter-" + caller);
          callers.add(thread);
          thread.start();
        }
        Run<Object> one = starts.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Run<Object> other = starts.get(1).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(other.id()).as(key).isEqualTo(one.id());
        assertThat(one.await(WAIT)).isEqualTo(round * 10);
        assertThat(other.await(WAIT)).isEqualTo(round * 10);
        for (Thread caller : callers) {
          caller.join(WAIT.toMillis());
        }
      }
      assertThat(hypha.history().find(RunQuery.builder().build()).items()).hasSize(rounds);
      assertThat(executions).hasValue(rounds);
    }
  }

  /**
   * Defect: JSON that does not fit the flow's input escaped as Jackson's exception. Now it is an
   * InvalidInputException that names the flow, and nothing starts.
   */
  @EngineKind.All
  void badJsonForAFlowStartedByNameIsInvalidInputNamingTheFlow(EngineKind engine) {
    LambdaFlow flow =
        LambdaFlow.builder("by-name").input(INT).task("only", INT, args -> args.input()).build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      hypha.bind(flow, flow);
      assertThatThrownBy(() -> hypha.start("by-name", "{bad json"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("by-name")
          .satisfies(
              e -> {
                InvalidInputException invalid = (InvalidInputException) e;
                assertThat(invalid.flow()).isEqualTo("by-name");
                assertThat(invalid.expectedType()).contains("Integer");
              });
      assertThat(hypha.history().find(RunQuery.builder().build()).items()).isEmpty();
      assertThat(hypha.start("by-name", "5").await(WAIT)).isEqualTo(5);
    }
  }

  /** A blank key is the caller's mistake: InvalidInputException naming the flow, nothing starts. */
  @EngineKind.All
  void aBlankKeyIsInvalidInputNamingTheFlow(EngineKind engine) {
    LambdaFlow flow = keyed(new AtomicInteger(), new CountDownLatch(0));
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      assertThatThrownBy(() -> hypha.start("keyed", "1", " "))
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.flow()).isEqualTo("keyed"));
      assertThatThrownBy(() -> binding.start(1, " "))
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.flow()).isEqualTo("keyed"));
      assertThatThrownBy(() -> binding.startAsync(1, ""))
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.flow()).isEqualTo("keyed"));
      assertThat(hypha.history().find(RunQuery.builder().build()).items()).isEmpty();
    }
  }

  /** Defect: out-of-range settings threw IllegalArgumentException; now InvalidConfiguration. */
  @Test
  void outOfRangeSettingsAreInvalidConfiguration() {
    assertThatThrownBy(() -> Hypha.builder().parallel(0))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("parallel(threads)")
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> Hypha.builder().parallel(-3))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(() -> Hypha.builder().maxActiveRuns(0))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("maxActiveRuns")
        .hasMessageContaining("was 0");
  }
}
