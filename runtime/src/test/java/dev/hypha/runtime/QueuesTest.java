package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.SignalWait;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import dev.hypha.runtime.testing.MovableClock;
import dev.hypha.runtime.testing.SharedStores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QueuesTest {
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  static List<String> kinds() {
    return SharedStores.kinds();
  }

  /** Two roots on queue {@code billing}, one on {@code shipping}; nothing depends on them. */
  private static LambdaFlow roots(String name) {
    return LambdaFlow.builder(name)
        .input(INT)
        .result(INT)
        .task(TaskDescriptor.builder("a", INT).queue("billing").build(), args -> 1)
        .task(TaskDescriptor.builder("b", INT).queue("billing").build(), args -> 2)
        .task(TaskDescriptor.builder("c", INT).queue("shipping").build(), args -> 3)
        .build();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aSharedStoreCountsTheReadyTasksOfEachQueueThatNoWorkerHosts(String kind) {
    String url = SharedStores.fresh(kind, dir);
    MovableClock clock = new MovableClock();
    LambdaFlow flow = roots("queued");
    try (Hypha client = Hypha.builder().database(url).clock(clock).open()) {
      assertThat(client.queues()).isEmpty();
      // Micros in the store: compare at that precision.
      Instant before = clock.instant().truncatedTo(ChronoUnit.MICROS);
      client.client(flow).start(1);
      Instant after = clock.instant();
      client.client(flow).start(2);

      List<QueueStatus> queues = client.queues();
      assertThat(queues).extracting(QueueStatus::queue).containsExactly("billing", "shipping");
      assertThat(queues).extracting(QueueStatus::ready).containsExactly(4L, 2L);
      assertThat(queues.get(0).oldestReadyAt().orElseThrow()).isBetween(before, after);

      clock.advance(Duration.ofHours(1));
      assertThat(client.queues().get(0).oldestReadyAge(clock.instant()))
          .isGreaterThanOrEqualTo(Duration.ofHours(1));
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aQueueEmptiesOnceAWorkerHostingItTakesItsTasks(String kind) {
    String url = SharedStores.fresh(kind, dir);
    LambdaFlow flow = roots("drained");
    try (Hypha client = Hypha.connect(url)) {
      Run<Object> run = client.client(flow).start(1);
      try (Hypha worker =
          Hypha.builder()
              .database(url)
              .worker("billing")
              .parallel(2)
              .pollInterval(Duration.ofMillis(20))
              .open()) {
        worker.bind(flow, flow);
        Waits.until(
            () ->
                run.detail().task("b").orElseThrow().state() == TaskState.SUCCEEDED
                    && run.detail().task("a").orElseThrow().state() == TaskState.SUCCEEDED,
            "the billing tasks succeeded");
        assertThat(client.queues())
            .containsExactly(
                new QueueStatus("shipping", 1, run.detail().task("c").orElseThrow().readyAt()));
      }
    }
  }

  @Test
  void aTaskWaitingForItsDelayIsNotCountedUntilItIsDue() {
    LambdaFlow flow =
        LambdaFlow.builder("delayed")
            .input(INT)
            .result(INT)
            .task(
                TaskDescriptor.builder("later", INT).delay(Duration.ofHours(1)).build(), args -> 1)
            .build();
    try (Hypha hypha = Hypha.open(dir.resolve("delayed.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(1);
      Waits.until(
          () -> run.detail().task("later").orElseThrow().state() == TaskState.READY,
          "the delayed task is READY");
      assertThat(hypha.queues()).isEmpty();
    }
  }

  /** A task READY for a signal waits for a message, not for a worker: no queue's backlog. */
  @ParameterizedTest
  @MethodSource("kinds")
  void aTaskWaitingForASignalIsNotCounted(String kind) {
    String url = SharedStores.fresh(kind, dir);
    LambdaFlow flow =
        LambdaFlow.builder("signalled")
            .input(INT)
            .result(INT)
            .task(
                TaskDescriptor.builder("wait", INT).signal(SignalWait.of("go", INT)).build(),
                args -> args.<Integer>signal().orElseThrow())
            .build();
    try (Hypha worker =
        Hypha.builder()
            .database(url)
            .worker(TaskDescriptor.DEFAULT_QUEUE)
            .pollInterval(Duration.ofMillis(20))
            .open()) {
      Run<Object> run = worker.bind(flow, flow).start(1);
      Waits.until(
          () -> run.detail().task("wait").orElseThrow().state() == TaskState.READY,
          "the task waits for its signal");
      assertThat(worker.queues()).isEmpty();
    }
  }

  @Test
  void oldestReadyAgeIsZeroWithoutATaskAndNeverNegative() {
    Instant now = Instant.parse("2026-12-01T00:00:00Z");
    assertThat(new QueueStatus("q", 0, java.util.Optional.empty()).oldestReadyAge(now)).isZero();
    assertThat(
            new QueueStatus("q", 1, java.util.Optional.of(now.plusSeconds(1))).oldestReadyAge(now))
        .isZero();
    assertThat(
            new QueueStatus("q", 1, java.util.Optional.of(now.minusSeconds(5))).oldestReadyAge(now))
        .isEqualTo(Duration.ofSeconds(5));
  }
}
