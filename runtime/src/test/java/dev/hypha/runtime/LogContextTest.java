package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.HandlerDescriptor;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

/**
 * {@link LogContext}: while a task's method runs, its thread's MDC names the run, flow, task and
 * attempt; afterwards the thread's MDC is as it was, so a pooled thread hands nothing on.
 */
class LogContextTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);
  private static final TypeRef<String> STRING = TypeRef.of(String.class);
  private static final RetryPolicy TWO_ATTEMPTS =
      new RetryPolicy(2, Duration.ZERO, 1.0, Duration.ZERO, 0.0, List.of(), List.of());

  @TempDir Path dir;

  /**
   * What the tasks saw: each call's MDC, in the order of the calls, and the threads they ran on.
   */
  static final class Seen {
    final List<Map<String, String>> mdcs = new CopyOnWriteArrayList<>();
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    void record() {
      Map<String, String> mdc = MDC.getCopyOfContextMap();
      mdcs.add(mdc == null ? Map.of() : Map.copyOf(mdc));
      threads.add(Thread.currentThread());
    }

    /** The MDC of each call of the row named {@code task}, in the order of the calls. */
    List<Map<String, String>> of(String task) {
      return mdcs.stream().filter(mdc -> task.equals(mdc.get(LogContext.TASK))).toList();
    }
  }

  private static Map<String, String> expected(RunId run, String flow, String task, int attempt) {
    return Map.of(
        LogContext.RUN,
        run.toString(),
        LogContext.FLOW,
        flow,
        LogContext.TASK,
        task,
        LogContext.ATTEMPT,
        Integer.toString(attempt));
  }

  /**
   * first -> second -> flaky (fails its first attempt) -> split -> page (one instance per element
   * of [0, 1]); second -> refine (a loop of three iterations). {@code first} puts an MDC entry of
   * its own and leaves it there.
   */
  static LambdaFlow logged(Seen seen) {
    return LambdaFlow.builder("logged")
        .task(
            "first",
            INT,
            args -> {
              seen.record();
              MDC.put("user.key", "set by first");
              return 1;
            })
        .task(
            "second",
            INT,
            args -> {
              seen.record();
              return 2;
            },
            "first")
        .task(
            TaskDescriptor.builder("flaky", INT).dependsOn("second").retry(TWO_ATTEMPTS).build(),
            args -> {
              seen.record();
              if (args.context().attempt() == 1) {
                throw new IllegalStateException("not yet");
              }
              return 3;
            })
        .task(
            TaskDescriptor.builder("split", new TypeRef<List<Integer>>() {})
                .dependsOn("flaky")
                .build(),
            args -> {
              seen.record();
              return IntStream.range(0, 2).boxed().toList();
            })
        .task(
            TaskDescriptor.builder("page", new TypeRef<List<String>>() {})
                .dependsOn("split")
                .forEach("split", INT, STRING, 0)
                .build(),
            args -> {
              seen.record();
              return "p" + args.<Integer>element();
            })
        .task(
            TaskDescriptor.builder("refine", INT)
                .dependsOn("second")
                .loop("second", INT, 5)
                .build(),
            args -> {
              seen.record();
              int state = args.<Integer>element();
              return state >= 4
                  ? Step.<Integer, Integer>done(state)
                  : Step.<Integer, Integer>again(state + 1);
            })
        .build();
  }

  /** One worker thread for every kind, so that each task runs where the one before it ran. */
  private static Hypha openOnOneThread(EngineKind engine, Path file) {
    Hypha.Builder builder = engine.builder(file);
    return (engine == EngineKind.SERIAL ? builder : builder.parallel(1)).open();
  }

  @EngineKind.All
  void aTaskSeesItsRunFlowTaskAndAttemptInTheMdc(EngineKind engine) {
    Seen seen = new Seen();
    LambdaFlow flow = logged(seen);
    try (Hypha hypha = openOnOneThread(engine, dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      run.await(WAIT);
      RunId id = run.id();
      RunDetail detail = run.detail();

      assertThat(seen.of("first")).containsExactly(expected(id, "logged", "first", 1));
      assertThat(seen.of("flaky"))
          .containsExactly(expected(id, "logged", "flaky", 1), expected(id, "logged", "flaky", 2));
      assertThat(detail.task("flaky").orElseThrow().attempt()).isEqualTo(2);
      // Fan-out instances and loop iterations by the names the history gives them.
      for (String row : List.of("page[0]", "page[1]", "refine[0]", "refine[1]", "refine[2]")) {
        assertThat(detail.task(row)).as(row).isPresent();
        assertThat(seen.of(row)).containsExactly(expected(id, "logged", row, 1));
      }
    }
  }

  @EngineKind.All
  void nothingOfATaskIsLeftOnItsThreadForTheNext(EngineKind engine) {
    Seen seen = new Seen();
    LambdaFlow flow = logged(seen);
    try (Hypha hypha = openOnOneThread(engine, dir.resolve("h.db"))) {
      FlowBinding<Object, Object> logged = hypha.bind(flow, flow);
      Run<Object> first = logged.start(null);
      first.await(WAIT);
      Run<Object> second = logged.start(null);
      second.await(WAIT);

      assertThat(seen.threads).as("the tasks' threads").hasSize(1);
      // 10 calls per run; each saw its own four keys and nothing else, although first put an
      // entry of its own on the same thread before them.
      assertThat(seen.mdcs).hasSize(20);
      assertThat(seen.mdcs)
          .allSatisfy(
              mdc -> {
                assertThat(mdc)
                    .containsOnlyKeys(
                        LogContext.RUN, LogContext.FLOW, LogContext.TASK, LogContext.ATTEMPT);
              });
      assertThat(seen.mdcs.subList(0, 10))
          .allSatisfy(mdc -> assertThat(mdc).containsEntry(LogContext.RUN, first.id().toString()));
      assertThat(seen.mdcs.subList(10, 20))
          .allSatisfy(mdc -> assertThat(mdc).containsEntry(LogContext.RUN, second.id().toString()));
    }
  }

  // Embedded only: fault handlers, compensations and callbacks.
  @EngineKind.Embedded
  void handlersRunWithTheNamesTheHistoryGivesThem(EngineKind engine) {
    Map<String, Map<String, String>> handlers = new ConcurrentHashMap<>();
    LambdaFlow flow =
        LambdaFlow.builder("handled")
            .task("reserve", INT, args -> 1)
            .task(
                "quote",
                INT,
                args -> {
                  throw new IllegalArgumentException("no quote");
                },
                "reserve")
            .task(
                "charge",
                INT,
                args -> {
                  throw new IllegalStateException("declined");
                },
                "quote")
            .handler(
                HandlerDescriptor.fault(
                    "quote", "fallback", List.of(IllegalArgumentException.class)),
                args -> {
                  handlers.put("fallback", MDC.getCopyOfContextMap());
                  return 0;
                })
            .handler(
                HandlerDescriptor.compensation("reserve", "release", RetryPolicy.NONE),
                args -> {
                  handlers.put("release", MDC.getCopyOfContextMap());
                  return null;
                })
            .handler(
                HandlerDescriptor.onFailure("alert"),
                args -> {
                  handlers.put("alert", MDC.getCopyOfContextMap());
                  return null;
                })
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      RunDetail detail = run.detail();
      assertThat(detail.task("quote").orElseThrow().state()).isEqualTo(TaskState.RECOVERED);
      assertThat(detail.task("compensate:reserve")).isPresent();
      assertThat(detail.task("on-failure:alert")).isPresent();

      // A fault handler runs inside the attempt of the task it handles.
      assertThat(handlers.get("fallback")).isEqualTo(expected(run.id(), "handled", "quote", 1));
      assertThat(handlers.get("release"))
          .isEqualTo(expected(run.id(), "handled", "compensate:reserve", 1));
      assertThat(handlers.get("alert"))
          .isEqualTo(expected(run.id(), "handled", "on-failure:alert", 1));
    }
  }
}
