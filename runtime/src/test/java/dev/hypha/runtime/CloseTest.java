package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;

/** {@link Hypha#close()} is ordered, bounded, idempotent and quiet. */
class CloseTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  /**
   * Defect: a second close stopped the engine again and logged its warnings again, and the engine
   * thread could outlive close. Now the engine thread has ended when close returns, and a second
   * close does nothing and says nothing.
   */
  // Embedded only: it watches the embedded engine's thread.
  @EngineKind.Embedded
  void aSecondCloseIsQuietAndNoEngineThreadOutlivesTheFirst(EngineKind engine) {
    LambdaFlow flow = StoreErrorsTest.oneTask();
    Set<Thread> before = Waits.threadsNamed("hypha-engine");
    Hypha hypha = engine.open(dir.resolve("h.db"));
    Thread engineThread = Waits.newEngineThread(before);
    FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
    assertThat(binding.start(null).await(WAIT)).isEqualTo(7);

    hypha.close();
    assertThat(engineThread.isAlive()).isFalse();
    assertThat(Waits.threadsNamed("hypha-engine")).doesNotContain(engineThread);

    String printed = capturingSystemErr(hypha::close);
    assertThat(printed).isEmpty();
    assertThatThrownBy(() -> binding.start(null))
        .isInstanceOf(HyphaException.class)
        .hasMessageContaining("closed");
  }

  /**
   * Defect: close waited without bound for a commit that another connection's write lock blocked.
   * Now it returns; the end of the attempt that could not be committed is lost as in a crash, and
   * the next open runs that task again.
   */
  // Embedded only: a SQLite write lock that stops the embedded engine (a shared worker retries
  // its turn instead, and PostgreSQL has no such lock).
  @EngineKind.Embedded
  void aCloseWhileAnotherConnectionHoldsTheWriteLockReturnsAndTheFileOpensAgain(EngineKind engine)
      throws Exception {
    Path file = dir.resolve("h.db");
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    LambdaFlow flow =
        LambdaFlow.builder("held")
            .task(
                "slow",
                INT,
                args -> {
                  started.countDown();
                  release.await();
                  return 5;
                })
            .build();
    Hypha hypha =
        engine
            .builder(file)
            .busyTimeout(Duration.ofMillis(200))
            .shutdownGrace(Duration.ofSeconds(2))
            .open();
    RunId id;
    try {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      id = run.id();
      assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      Waits.until(
          () -> run.detail().task("slow").orElseThrow().state() == TaskState.RUNNING,
          "the attempt's beginning is committed");
      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement statement = other.createStatement()) {
        statement.execute("BEGIN IMMEDIATE");
        Thread closer = new Thread(hypha::close, "closer");
        String printed =
            capturingSystemErr(
                () -> {
                  closer.start();
                  // The closer waits for running attempts (its only timed wait); then the attempt
                  // ends, and its end meets the lock: the engine stops.
                  Waits.until(
                      () -> closer.getState() == Thread.State.TIMED_WAITING || !closer.isAlive(),
                      "the closer waits for the running attempt");
                  release.countDown();
                  assertTimeoutPreemptively(HANG_GUARD, () -> closer.join());
                });
        statement.execute("ROLLBACK");
        assertThat(printed).contains("the engine stopped");
        // No attempt was running once the engine had stopped: close must not wait out its grace
        // for them, nor say they were.
        assertThat(printed).doesNotContain("tasks still running");
      }
    } finally {
      release.countDown();
      hypha.close();
    }
    try (Hypha again = engine.open(file)) {
      Run<Object> run = again.bind(flow, flow).run(id);
      assertThat(run.await(WAIT)).isEqualTo(5);
      TaskRecord slow = run.detail().task("slow").orElseThrow();
      assertThat(slow.attempt()).isEqualTo(2);
      assertThat(slow.failures())
          .extracting(AttemptRecord::outcome)
          .containsExactly(AttemptRecord.Outcome.INTERRUPTED);
    }
  }

  /** Runs {@code action} with System.err captured (logback-test.xml logs there); returns it. */
  static String capturingSystemErr(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
