package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attempt begins when the task's method is called, not when the task is claimed; an attempt cut
 * short by the end of its process stays in the history, marked INTERRUPTED.
 */
class AttemptHistoryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);
  private static final int LEAVES = 50;

  @TempDir Path dir;

  /**
   * Defect: an attempt cut short by the end of its process left no trace but a higher attempt
   * number. Now it is one of the task's failures, INTERRUPTED, with the worker that ran it and when
   * it started.
   */
  @EngineKind.All
  void aTaskCutShortByCloseIsAnInterruptedAttemptWithItsWorkerAndStart(EngineKind engine)
      throws Exception {
    Path file = dir.resolve("h.db");
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean blocking = new AtomicBoolean(true);
    LambdaFlow flow =
        LambdaFlow.builder("cut-short")
            .input(INT)
            .task("first", INT, args -> args.<Integer>input() + 1)
            .task(
                "slow",
                INT,
                args -> {
                  started.countDown();
                  if (blocking.get()) {
                    new CountDownLatch(1).await();
                  }
                  return args.<Integer>output(0) * 10;
                },
                "first")
            .build();
    Instant beforeStart = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Hypha first =
        engine.builder(file).workerId("first-worker").shutdownGrace(Duration.ofMillis(100)).open();
    RunId id;
    try {
      id = first.bind(flow, flow).start(1).id();
      assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } finally {
      first.close();
    }
    blocking.set(false);

    try (Hypha second = engine.builder(file).workerId("second-worker").open()) {
      Run<Object> run = second.bind(flow, flow).run(id);
      assertThat(run.await(WAIT)).isEqualTo(20);
      TaskRecord slow = run.detail().task("slow").orElseThrow();
      assertThat(slow.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(slow.attempt()).isEqualTo(2);
      assertThat(slow.worker()).contains("second-worker");
      assertThat(slow.error()).isEmpty();
      assertThat(slow.failures()).hasSize(1);
      AttemptRecord cut = slow.failures().get(0);
      assertThat(cut.attempt()).isEqualTo(1);
      assertThat(cut.outcome()).isEqualTo(AttemptRecord.Outcome.INTERRUPTED);
      assertThat(cut.interrupted()).isTrue();
      assertThat(cut.timedOut()).isFalse();
      assertThat(cut.worker()).contains("first-worker");
      assertThat(cut.startedAt()).isPresent();
      assertThat(cut.startedAt().get()).isAfterOrEqualTo(beforeStart);
      assertThat(cut.finishedAt()).isAfterOrEqualTo(cut.startedAt().get());
      assertThat(cut.error().type()).isEqualTo(AttemptRecord.INTERRUPTED_TYPE);
      TaskRecord firstTask = run.detail().task("first").orElseThrow();
      assertThat(firstTask.attempt()).isEqualTo(1);
      assertThat(firstTask.failures()).isEmpty();
    }
  }

  /**
   * Defect: a claim was recorded as the attempt, so tasks claimed but still queued for a thread
   * when the process stopped came back as attempt 2 (and spent a retry). With one worker thread, 49
   * of 50 ready tasks wait in its queue behind the one that blocks; after reopening, each of them
   * has attempt 1 and no failures.
   */
  @Test
  void tasksClaimedButNeverStartedBeforeACloseKeepAttemptOneAndNoFailures() throws Exception {
    Path file = dir.resolve("h.db");
    AtomicBoolean blocking = new AtomicBoolean(true);
    AtomicReference<String> blocker = new AtomicReference<>();
    CountDownLatch blocked = new CountDownLatch(1);
    ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow.Builder wide = LambdaFlow.builder("wide").task("root", INT, args -> 0);
    for (int i = 0; i < LEAVES; i++) {
      String name = "leaf" + i;
      int value = i;
      wide.task(
          name,
          INT,
          args -> {
            calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
            if (blocking.get() && blocker.compareAndSet(null, name)) {
              blocked.countDown();
              new CountDownLatch(1).await();
            }
            return value;
          },
          "root");
    }
    LambdaFlow flow = wide.build();
    Hypha first =
        Hypha.builder()
            .path(file)
            .parallel(1)
            .workerId("first-worker")
            .shutdownGrace(Duration.ofMillis(100))
            .open();
    RunId id;
    try {
      id = first.bind(flow, flow).start(null).id();
      assertThat(blocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } finally {
      first.close();
    }
    // One worker thread: only the blocker was ever called; the other 49 were claimed, not started.
    assertThat(calls.keySet()).containsExactly(blocker.get());
    blocking.set(false);

    try (Hypha second = Hypha.builder().path(file).parallel(1).open()) {
      // Before the flow is bound: a claim wrote nothing, so those 49 have no row or a READY one.
      RunDetail closed = second.history().detail(id).orElseThrow();
      List<TaskRecord> notStarted =
          closed.tasks().stream()
              .filter(task -> task.name().startsWith("leaf"))
              .filter(task -> !task.name().equals(blocker.get()))
              .toList();
      assertThat(notStarted)
          .allSatisfy(
              task -> {
                assertThat(task.attempt()).as(task.name()).isZero();
                assertThat(task.state()).as(task.name()).isNotEqualTo(TaskState.RUNNING);
              });
      assertThat(closed.task(blocker.get()).orElseThrow().state()).isEqualTo(TaskState.RUNNING);

      Run<Object> run = second.bind(flow, flow).run(id);
      run.await(WAIT);
      RunDetail detail = run.detail();
      for (int i = 0; i < LEAVES; i++) {
        String name = "leaf" + i;
        TaskRecord leaf = detail.task(name).orElseThrow();
        assertThat(leaf.state()).as(name).isEqualTo(TaskState.SUCCEEDED);
        if (name.equals(blocker.get())) {
          assertThat(leaf.attempt()).as(name).isEqualTo(2);
          assertThat(leaf.failures())
              .as(name)
              .extracting(AttemptRecord::outcome)
              .containsExactly(AttemptRecord.Outcome.INTERRUPTED);
        } else {
          assertThat(leaf.attempt()).as(name).isEqualTo(1);
          assertThat(leaf.failures()).as(name).isEmpty();
          assertThat(calls.get(name)).as(name).hasValue(1);
        }
      }
    }
  }
}
