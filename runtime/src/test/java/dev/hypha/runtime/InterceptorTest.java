package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HyphaInterceptor}: the context taken on the thread that starts a run is stored with it and
 * handed to each attempt, on the thread that runs the attempt's method, with how the attempt ended.
 */
class InterceptorTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);
  private static final RetryPolicy TWO_ATTEMPTS =
      new RetryPolicy(2, Duration.ZERO, 1.0, Duration.ZERO, 0.0, List.of(), List.of());

  @TempDir Path dir;

  /** What the interceptor saw, and the context it gives each start: the caller's "tag". */
  static final class Recording implements HyphaInterceptor {
    static final ThreadLocal<String> TAG = new ThreadLocal<>();
    final List<String> starts = new CopyOnWriteArrayList<>();
    final List<AttemptInfo> attempts = new CopyOnWriteArrayList<>();
    final List<Thread> attemptThreads = new CopyOnWriteArrayList<>();
    final List<String> ends = new CopyOnWriteArrayList<>();

    @Override
    public Start starting(String flow) {
      String tag = TAG.get();
      return new Start() {
        @Override
        public Map<String, String> context() {
          return tag == null ? Map.of() : Map.of("tag", tag);
        }

        @Override
        public void ended(RunId run, Throwable error) {
          starts.add(flow + " " + run + " " + (error == null ? "ok" : error.getMessage()));
        }
      };
    }

    @Override
    public Attempt attempting(AttemptInfo attempt) {
      attempts.add(attempt);
      attemptThreads.add(Thread.currentThread());
      return error ->
          ends.add(
              attempt.task()
                  + "#"
                  + attempt.attempt()
                  + " "
                  + (error == null ? "ok" : error.getMessage()));
    }
  }

  /** "tagged": first, then second, which fails its first attempt, each recording its thread. */
  private static LambdaFlow tagged(List<Thread> methodThreads) {
    return LambdaFlow.builder("tagged")
        .input(INT)
        .result(INT)
        .task(
            "first",
            INT,
            args -> {
              methodThreads.add(Thread.currentThread());
              return args.<Integer>input();
            })
        .task(
            TaskDescriptor.builder("second", INT).dependsOn("first").retry(TWO_ATTEMPTS).build(),
            args -> {
              methodThreads.add(Thread.currentThread());
              if (args.context().attempt() == 1) {
                throw new IllegalStateException("not yet");
              }
              return args.<Integer>output(0) + 1;
            })
        .build();
  }

  @EngineKind.All
  void theCallersContextReachesEveryAttemptOnItsThread(EngineKind engine) throws Exception {
    Recording recording = new Recording();
    List<Thread> methodThreads = new CopyOnWriteArrayList<>();
    LambdaFlow flow = tagged(methodThreads);
    RunId id;
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).interceptor(recording).open()) {
      FlowBinding<Object, Object> tagged = hypha.bind(flow, flow);
      Recording.TAG.set("from-the-caller");
      Run<Object> run;
      try {
        run = tagged.start(1);
      } finally {
        Recording.TAG.remove();
      }
      id = run.id();
      assertThat(run.await(WAIT)).isEqualTo(2);
    }
    assertThat(recording.starts).containsExactly("tagged " + id + " ok");
    assertThat(recording.attempts)
        .extracting(attempt -> attempt.task() + "#" + attempt.attempt())
        .containsExactly("first#1", "second#1", "second#2");
    for (HyphaInterceptor.AttemptInfo attempt : recording.attempts) {
      assertThat(attempt.flow()).isEqualTo("tagged");
      assertThat(attempt.run()).isEqualTo(id);
      assertThat(attempt.worker()).isEqualTo("test-worker");
      assertThat(attempt.context()).isEqualTo(Map.of("tag", "from-the-caller"));
    }
    assertThat(recording.ends).containsExactly("first#1 ok", "second#1 not yet", "second#2 ok");
    // Called on the thread that then ran the method, attempt by attempt.
    assertThat(recording.attemptThreads).isEqualTo(methodThreads);
  }

  @EngineKind.All
  void aContextLargerThanAllowedFailsTheStartAndStartsNothing(EngineKind engine) {
    HyphaInterceptor large =
        new HyphaInterceptor() {
          @Override
          public Start starting(String flow) {
            return new Start() {
              @Override
              public Map<String, String> context() {
                return Map.of("big", "x".repeat(5000));
              }

              @Override
              public void ended(RunId run, Throwable error) {}
            };
          }
        };
    LambdaFlow flow = tagged(new ArrayList<>());
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).interceptor(large).open()) {
      FlowBinding<Object, Object> tagged = hypha.bind(flow, flow);
      assertThatThrownBy(() -> tagged.start(1))
          .isInstanceOf(HyphaException.class)
          .hasMessageContaining("a context of 5003 characters")
          .hasMessageEndingWith("store a few short strings, such as a trace context");
      assertThat(hypha.history().count(RunQuery.builder().build())).isZero();
    }
  }

  @EngineKind.All
  void anInterceptorThatThrowsFailsTheAttempt(EngineKind engine) throws Exception {
    HyphaInterceptor broken =
        new HyphaInterceptor() {
          @Override
          public Attempt attempting(AttemptInfo attempt) {
            throw new IllegalArgumentException("interceptor broken");
          }
        };
    List<Thread> methodThreads = new CopyOnWriteArrayList<>();
    LambdaFlow flow = tagged(methodThreads);
    try (Hypha hypha = engine.builder(dir.resolve("h.db")).interceptor(broken).open()) {
      Run<Object> run = hypha.bind(flow, flow).start(1);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining("interceptor broken");
    }
    assertThat(methodThreads).isEmpty();
  }

  @EngineKind.Embedded
  void theContextIsStoredOnlyWhenAnInterceptorGivesOne(EngineKind engine) throws Exception {
    Path file = dir.resolve("h.db");
    LambdaFlow flow = tagged(new ArrayList<>());
    try (Hypha plain = engine.open(file)) {
      plain.bind(flow, flow).start(1).await(WAIT);
    }
    try (Hypha intercepted = engine.builder(file).interceptor(new Recording()).open()) {
      Recording.TAG.set("stored");
      try {
        intercepted.bind(flow, flow).start(2).await(WAIT);
      } finally {
        Recording.TAG.remove();
      }
    }
    List<String> stored = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT caller_context FROM runs ORDER BY run_seq")) {
      while (rows.next()) {
        stored.add(rows.getString(1));
      }
    }
    assertThat(stored).containsExactly(null, "{\"tag\":\"stored\"}");
  }

  @Test
  void withoutAContextAnAttemptGetsAnEmptyOne() throws Exception {
    Recording recording = new Recording();
    LambdaFlow flow = tagged(new ArrayList<>());
    try (Hypha hypha =
        EngineKind.PARALLEL.builder(dir.resolve("h.db")).interceptor(recording).open()) {
      hypha.bind(flow, flow).start(1).await(WAIT);
    }
    assertThat(recording.attempts).hasSize(3);
    assertThat(recording.attempts)
        .extracting(HyphaInterceptor.AttemptInfo::context)
        .containsOnly(Map.of());
  }
}
