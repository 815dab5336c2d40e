package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.spi.Guard;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynamic fan-out: a task runs once per element of its dependency's list, each instance a row of
 * its own with its attempts; a dependent gets the instances' outputs in element order; a failing
 * instance fails the task once the others ended; the concurrency limit holds; a run stopped in the
 * middle goes on after a restart without running a finished instance again.
 */
class FanOutTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);
  private static final TypeRef<String> STRING = TypeRef.of(String.class);

  @TempDir Path dir;

  /** What the instances of one flow saw: calls per element, and the most running at once. */
  static final class Calls {
    final Map<Integer, AtomicInteger> perElement = new ConcurrentHashMap<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final AtomicInteger collected = new AtomicInteger();

    int of(int element) {
      AtomicInteger count = perElement.get(element);
      return count == null ? 0 : count.get();
    }
  }

  /**
   * split(n) -> [0..n-1] (null for n < 0); page: one instance per element, "p" + element, failing
   * for good at element {@code failing}, failing once at {@code flaky}, waiting on {@code hold}
   * from element {@code holdFrom}; collect joins the list.
   */
  static LambdaFlow pages(
      Calls calls, int concurrency, int failing, int flaky, CountDownLatch hold, int holdFrom) {
    return pages(LambdaFlow.builder("pages"), calls, concurrency, failing, flaky, hold, holdFrom);
  }

  static LambdaFlow pages(
      LambdaFlow.Builder flow,
      Calls calls,
      int concurrency,
      int failing,
      int flaky,
      CountDownLatch hold,
      int holdFrom) {
    return flow.input(INT)
        .task(
            TaskDescriptor.builder("split", new TypeRef<List<Integer>>() {}).build(),
            args -> {
              int n = args.<Integer>input();
              return n < 0 ? null : IntStream.range(0, n).boxed().toList();
            })
        .task(
            TaskDescriptor.builder("page", new TypeRef<List<String>>() {})
                .dependsOn("split")
                .forEach("split", INT, STRING, concurrency)
                .retry(
                    new RetryPolicy(
                        2,
                        Duration.ofMillis(1),
                        1.0,
                        Duration.ofMillis(1),
                        0.0,
                        List.of(),
                        List.of()))
                .build(),
            args -> {
              int element = args.<Integer>element();
              int attempt =
                  calls
                      .perElement
                      .computeIfAbsent(element, k -> new AtomicInteger())
                      .incrementAndGet();
              int now = calls.running.incrementAndGet();
              calls.mostAtOnce.accumulateAndGet(now, Math::max);
              try {
                if (element >= holdFrom) {
                  hold.await();
                }
                if (element == failing) {
                  throw new IllegalStateException("page " + element + " is unreadable");
                }
                if (element == flaky && attempt == 1) {
                  throw new IllegalStateException("page " + element + " blurred, once");
                }
                return "p" + element;
              } finally {
                calls.running.decrementAndGet();
              }
            })
        .task(
            TaskDescriptor.builder("collect", STRING).dependsOn("page").build(),
            args -> {
              calls.collected.incrementAndGet();
              List<String> pages = args.output(1);
              return pages.size() + ":" + String.join(",", pages);
            })
        .result(STRING)
        .build();
  }

  private static final CountDownLatch OPEN = new CountDownLatch(0);

  private static LambdaFlow pages(Calls calls, int concurrency) {
    return pages(calls, concurrency, -1, -1, OPEN, Integer.MAX_VALUE);
  }

  private static String expected(int n) {
    List<String> pages = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      pages.add("p" + i);
    }
    return n + ":" + String.join(",", pages);
  }

  @EngineKind.All
  void everyElementRunsOnceAndTheDependentGetsTheOutputsInElementOrder(EngineKind engine) {
    Calls calls = new Calls();
    LambdaFlow flow = pages(calls, 3);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(40);
      assertThat(run.await(WAIT)).isEqualTo(expected(40));
      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.SUCCEEDED);
      TaskRecord page = detail.task("page").orElseThrow();
      assertThat(page.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(page.outputJson().orElseThrow()).startsWith("[\"p0\",\"p1\",\"p2\",");
      for (int i = 0; i < 40; i++) {
        TaskRecord instance = detail.task("page[" + i + "]").orElseThrow();
        assertThat(instance.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(instance.outputJson()).hasValue("\"p" + i + "\"");
        assertThat(instance.attempt()).isEqualTo(1);
        assertThat(calls.of(i)).isEqualTo(1);
      }
      assertThat(detail.task("page[40]")).isEmpty();
      assertThat(calls.mostAtOnce.get()).isBetween(1, 3);
      assertThat(calls.collected.get()).isEqualTo(1);
    }
  }

  @EngineKind.All
  void anEmptyListSucceedsAtOnceWithAnEmptyList(EngineKind engine) {
    Calls calls = new Calls();
    LambdaFlow flow = pages(calls, 0);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(0);
      assertThat(run.await(WAIT)).isEqualTo("0:");
      TaskRecord page = run.detail().task("page").orElseThrow();
      assertThat(page.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(page.outputJson()).hasValue("[]");
      assertThat(calls.perElement).isEmpty();
    }
  }

  @EngineKind.All
  void aNullListFailsTheTaskThatFansOutNamingTheFix(EngineKind engine) {
    LambdaFlow flow = pages(new Calls(), 0);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(-1);
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      RunDetail detail = run.detail();
      TaskRecord page = detail.task("page").orElseThrow();
      assertThat(page.state()).isEqualTo(TaskState.FAILED);
      assertThat(page.error().orElseThrow().message())
          .contains("fans out over the output of split, which is null")
          .contains("return a list (an empty one for no elements) from split");
      assertThat(detail.task("collect").orElseThrow().state()).isEqualTo(TaskState.SKIPPED);
    }
  }

  @EngineKind.All
  void aFailingInstanceFailsTheTaskAfterTheOthersEndedAndARetriedOneSucceeds(EngineKind engine) {
    Calls calls = new Calls();
    LambdaFlow flow = pages(calls, 2, 3, 5, OPEN, Integer.MAX_VALUE);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(10);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining("page[3]");
      RunDetail detail = run.detail();
      assertThat(detail.state()).isEqualTo(RunState.FAILED);
      TaskRecord failed = detail.task("page[3]").orElseThrow();
      assertThat(failed.state()).isEqualTo(TaskState.FAILED);
      assertThat(failed.attempt()).isEqualTo(2);
      assertThat(failed.error().orElseThrow().message()).isEqualTo("page 3 is unreadable");
      TaskRecord flaky = detail.task("page[5]").orElseThrow();
      assertThat(flaky.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(flaky.attempt()).isEqualTo(2);
      assertThat(flaky.failures()).hasSize(1);
      for (int i = 0; i < 10; i++) {
        if (i != 3) {
          assertThat(detail.task("page[" + i + "]").orElseThrow().state())
              .isEqualTo(TaskState.SUCCEEDED);
        }
      }
      TaskRecord page = detail.task("page").orElseThrow();
      assertThat(page.state()).isEqualTo(TaskState.FAILED);
      assertThat(page.error().orElseThrow().message()).isEqualTo("page 3 is unreadable");
      assertThat(detail.summary().error().orElseThrow().task()).isEqualTo("page[3]");
      assertThat(detail.task("collect").orElseThrow().state()).isEqualTo(TaskState.SKIPPED);
      assertThat(calls.collected.get()).isZero();
    }
  }

  @EngineKind.All
  void cancellingARunStopsItsInstancesAndReleasesNoMore(EngineKind engine) throws Exception {
    Calls calls = new Calls();
    CountDownLatch never = new CountDownLatch(1);
    LambdaFlow flow = pages(calls, 2, -1, -1, never, 0);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(20);
      Waits.until(() -> calls.perElement.size() >= 1, "an instance to begin");
      assertThat(run.cancel()).isTrue();
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunCancelledException.class);
      RunDetail detail = run.detail();
      assertThat(detail.task("page").orElseThrow().state()).isEqualTo(TaskState.CANCELLED);
      assertThat(detail.task("page[0]").orElseThrow().state()).isEqualTo(TaskState.CANCELLED);
      // Not begun: an embedded engine leaves it no row; a shared store wrote it at the start.
      assertThat(detail.task("page[19]").map(TaskRecord::state))
          .isEqualTo(engine.shared() ? Optional.of(TaskState.CANCELLED) : Optional.empty());
      assertThat(calls.perElement.size()).isLessThanOrEqualTo(2);
    } finally {
      never.countDown();
    }
  }

  /**
   * Stopped with some instances done, two held and the rest not begun; after a restart the run
   * completes, the instances that had succeeded are not run again, and the held ones are.
   */
  @EngineKind.All
  void aRunStoppedHalfWayThroughAFanOutCompletesAfterARestart(EngineKind engine) throws Exception {
    Path file = dir.resolve("h.db");
    Calls calls = new Calls();
    CountDownLatch never = new CountDownLatch(1);
    RunId id;
    Hypha first = engine.builder(file).shutdownGrace(Duration.ofMillis(50)).open();
    try {
      LambdaFlow held = pages(calls, 2, -1, -1, never, 6);
      id = first.bind(held, held).start(15).id();
      Waits.until(() -> calls.perElement.containsKey(6), "element 6 to begin");
      Waits.until(
          () ->
              first
                      .history()
                      .detail(id)
                      .orElseThrow()
                      .task("page[5]")
                      .map(t -> t.state())
                      .orElse(TaskState.PENDING)
                  == TaskState.SUCCEEDED,
          "element 5 to be recorded");
    } finally {
      first.close();
    }
    try (Hypha second = engine.open(file)) {
      LambdaFlow flow = pages(calls, 2);
      Run<Object> run = second.bind(flow, flow).run(id);
      assertThat(run.await(WAIT)).isEqualTo(expected(15));
      RunDetail detail = run.detail();
      for (int i = 0; i < 15; i++) {
        assertThat(detail.task("page[" + i + "]").orElseThrow().state())
            .isEqualTo(TaskState.SUCCEEDED);
      }
    }
    for (int i = 0; i < 6; i++) {
      assertThat(calls.of(i)).as("element %d, done before the restart", i).isEqualTo(1);
    }
    assertThat(calls.of(6)).as("element 6, caught running: at-least-once").isEqualTo(2);
    assertThat(calls.of(14)).isEqualTo(1);
    assertThat(calls.collected.get()).isEqualTo(1);
  }

  sealed interface Lookup permits Dns, Geo {}

  record Dns(String host) implements Lookup {}

  record Geo(int ip) implements Lookup {}

  /** plan -> one dns instance per Dns element, one geo instance per Geo element -> report. */
  static LambdaFlow lookups(Map<String, AtomicInteger> calls) {
    TypeRef<Lookup> lookup = TypeRef.of(Lookup.class);
    return LambdaFlow.builder("lookups")
        .input(STRING)
        .task(
            TaskDescriptor.builder("plan", new TypeRef<List<Lookup>>() {}).build(),
            args -> List.of(new Dns("a"), new Geo(1), new Dns("b"), new Geo(2), new Dns("c")))
        .task(
            TaskDescriptor.builder("dns", new TypeRef<List<String>>() {})
                .dependsOn("plan")
                .forEach("plan", lookup, STRING, 0, Guard.instanceOf(Dns.class))
                .build(),
            args -> {
              calls.computeIfAbsent("dns", k -> new AtomicInteger()).incrementAndGet();
              return "ip of " + args.<Dns>element().host();
            })
        .task(
            TaskDescriptor.builder("geo", new TypeRef<List<String>>() {})
                .dependsOn("plan")
                .forEach("plan", lookup, STRING, 1, Guard.instanceOf(Geo.class))
                .build(),
            args -> {
              calls.computeIfAbsent("geo", k -> new AtomicInteger()).incrementAndGet();
              return "place of " + args.<Geo>element().ip();
            })
        .task(
            TaskDescriptor.builder("report", STRING).dependsOn("dns", "geo").build(),
            args -> args.<List<String>>output(1) + " " + args.<List<String>>output(2))
        .result(STRING)
        .build();
  }

  @EngineKind.All
  void aSealedElementTypeIsRoutedBySubtypeOneTaskPerKindInListOrder(EngineKind engine) {
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    LambdaFlow flow = lookups(calls);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start("example.org");
      assertThat(run.await(WAIT)).isEqualTo("[ip of a, ip of b, ip of c] [place of 1, place of 2]");
      RunDetail detail = run.detail();
      assertThat(detail.task("dns[2]").orElseThrow().outputJson()).hasValue("\"ip of c\"");
      assertThat(detail.task("dns[3]")).isEmpty();
      assertThat(detail.task("geo[1]").orElseThrow().outputJson()).hasValue("\"place of 2\"");
      assertThat(detail.task("geo[2]")).isEmpty();
      assertThat(calls.get("dns")).hasValue(3);
      assertThat(calls.get("geo")).hasValue(2);
    }
  }

  /** Elements are passed on exactly as their source returned them, digits and all. */
  @EngineKind.All
  void elementsKeepTheirExactJson(EngineKind engine) {
    TypeRef<java.math.BigDecimal> decimal = TypeRef.of(java.math.BigDecimal.class);
    LambdaFlow flow =
        LambdaFlow.builder("exact")
            .task(
                TaskDescriptor.builder("amounts", new TypeRef<List<java.math.BigDecimal>>() {})
                    .build(),
                args ->
                    List.of(
                        new java.math.BigDecimal("0.1000000000000000000000001"),
                        new java.math.BigDecimal("1.10"),
                        new java.math.BigDecimal("1e400")))
            .task(
                TaskDescriptor.builder("echo", new TypeRef<List<String>>() {})
                    .dependsOn("amounts")
                    .forEach("amounts", decimal, STRING, 0)
                    .build(),
                args -> args.<java.math.BigDecimal>element().toString() + " é")
            .result(new TypeRef<List<String>>() {})
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(null);
      assertThat(run.await(WAIT))
          .isEqualTo(List.of("0.1000000000000000000000001 é", "1.10 é", "1E+400 é"));
    }
  }

  /** The run's deadline stops the instances under way and releases no more. */
  @EngineKind.Embedded // run deadlines: embedded engines only
  void aDeadlineDuringAFanOutFailsItsInstancesAndTheTask(EngineKind engine) {
    Calls calls = new Calls();
    CountDownLatch never = new CountDownLatch(1);
    LambdaFlow flow =
        pages(
            LambdaFlow.builder("late-pages").deadline(Duration.ofMillis(500)),
            calls,
            2,
            -1,
            -1,
            never,
            0);
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      Run<Object> run = hypha.bind(flow, flow).start(10);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining(RunDeadlineExceededException.class.getName());
      RunDetail detail = run.detail();
      assertThat(detail.task("page").orElseThrow().state()).isEqualTo(TaskState.FAILED);
      assertThat(detail.task("page[0]").orElseThrow().state()).isEqualTo(TaskState.FAILED);
      assertThat(detail.task("page[2]")).isEmpty();
      assertThat(calls.perElement.size()).isLessThanOrEqualTo(2);
    } finally {
      never.countDown();
    }
  }

  /**
   * split -> a (each x 10) and b (each + 1, held at 3); d fans out over b's list; join takes a and
   * d. Stopped with a done, b half done and d not begun: after a restart a is not run again and
   * every block of rows lands where it should.
   */
  static LambdaFlow twoFanOuts(Map<String, AtomicInteger> calls, CountDownLatch hold) {
    TypeRef<List<Integer>> ints = new TypeRef<List<Integer>>() {};
    return LambdaFlow.builder("two-fan-outs")
        .task(
            TaskDescriptor.builder("split", ints).build(),
            args -> IntStream.range(0, 6).boxed().toList())
        .task(
            TaskDescriptor.builder("a", ints)
                .dependsOn("split")
                .forEach("split", INT, INT, 0)
                .build(),
            args -> {
              calls
                  .computeIfAbsent("a" + args.<Integer>element(), k -> new AtomicInteger())
                  .incrementAndGet();
              return args.<Integer>element() * 10;
            })
        .task(
            TaskDescriptor.builder("b", ints)
                .dependsOn("split", "a")
                .forEach("split", INT, INT, 2)
                .build(),
            args -> {
              int element = args.element();
              calls.computeIfAbsent("b" + element, k -> new AtomicInteger()).incrementAndGet();
              if (element == 3) {
                hold.await();
              }
              return element + 1;
            })
        .task(
            TaskDescriptor.builder("d", ints).dependsOn("b").forEach("b", INT, INT, 0).build(),
            args -> args.<Integer>element() * 100)
        .task(
            TaskDescriptor.builder("join", STRING).dependsOn("a", "d").build(),
            args -> args.<List<Integer>>output(1) + " " + args.<List<Integer>>output(3))
        .result(STRING)
        .build();
  }

  @EngineKind.All
  void aRestartWithOneFanOutEndedOneHalfDoneAndOneNotBegunFinishesThemAll(EngineKind engine)
      throws Exception {
    Path file = dir.resolve("h.db");
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    CountDownLatch never = new CountDownLatch(1);
    RunId id;
    Hypha first = engine.builder(file).shutdownGrace(Duration.ofMillis(50)).open();
    try {
      LambdaFlow held = twoFanOuts(calls, never);
      id = first.bind(held, held).start(null).id();
      Waits.until(() -> calls.containsKey("b3"), "b's instance 3 to begin");
      Waits.until(
          () ->
              first
                      .history()
                      .detail(id)
                      .orElseThrow()
                      .task("a")
                      .map(TaskRecord::state)
                      .orElse(TaskState.PENDING)
                  == TaskState.SUCCEEDED,
          "a to be recorded");
    } finally {
      first.close();
      never.countDown();
    }
    try (Hypha second = engine.open(file)) {
      LambdaFlow flow = twoFanOuts(calls, new CountDownLatch(0));
      Run<Object> run = second.bind(flow, flow).run(id);
      assertThat(run.await(WAIT))
          .isEqualTo("[0, 10, 20, 30, 40, 50] [100, 200, 300, 400, 500, 600]");
      RunDetail detail = run.detail();
      for (int i = 0; i < 6; i++) {
        assertThat(detail.task("d[" + i + "]").flatMap(TaskRecord::outputJson))
            .hasValue(String.valueOf((i + 1) * 100));
      }
    }
    for (int i = 0; i < 6; i++) {
      assertThat(calls.get("a" + i)).as("a%d ran before the restart", i).hasValue(1);
    }
    assertThat(calls.get("b3")).hasValue(2);
  }

  /**
   * split -> page (instance 1 fails for good) and, beside it, slow (held). Stopped with page FAILED
   * and slow running: after a restart the run fails with the instance's error, as it would have
   * without the restart. Not on the serial engine, whose one thread slow holds.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("concurrentKinds")
  void aRunRestartedAfterAFanOutFailedNamesTheFailedInstanceInItsError(EngineKind engine)
      throws Exception {
    Path file = dir.resolve("h.db");
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    CountDownLatch never = new CountDownLatch(1);
    RunId id;
    Hypha first = engine.builder(file).shutdownGrace(Duration.ofMillis(50)).open();
    try {
      LambdaFlow held = failingBesideSlow(calls, never);
      id = first.bind(held, held).start(null).id();
      Waits.until(() -> calls.containsKey("slow"), "slow to begin");
      Waits.until(
          () ->
              first
                      .history()
                      .detail(id)
                      .orElseThrow()
                      .task("page")
                      .map(TaskRecord::state)
                      .orElse(TaskState.PENDING)
                  == TaskState.FAILED,
          "page to be recorded FAILED");
    } finally {
      first.close();
      never.countDown();
    }
    try (Hypha second = engine.open(file)) {
      LambdaFlow flow = failingBesideSlow(calls, new CountDownLatch(0));
      Run<Object> run = second.bind(flow, flow).run(id);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining("page[1]");
      TaskError error = run.detail().summary().error().orElseThrow();
      assertThat(error.task()).isEqualTo("page[1]");
      assertThat(error.message()).isEqualTo("page 1 is torn");
    }
  }

  static List<EngineKind> concurrentKinds() {
    return EngineKind.all().stream().filter(kind -> kind != EngineKind.SERIAL).toList();
  }

  private static LambdaFlow failingBesideSlow(
      Map<String, AtomicInteger> calls, CountDownLatch hold) {
    TypeRef<List<Integer>> ints = new TypeRef<List<Integer>>() {};
    return LambdaFlow.builder("failing-beside-slow")
        .task(TaskDescriptor.builder("split", ints).build(), args -> List.of(0, 1, 2))
        .task(
            TaskDescriptor.builder("page", ints)
                .dependsOn("split")
                .forEach("split", INT, INT, 0)
                .build(),
            args -> {
              int element = args.element();
              if (element == 1) {
                throw new IllegalStateException("page 1 is torn");
              }
              return element;
            })
        .task(
            TaskDescriptor.builder("slow", INT).build(),
            args -> {
              calls.computeIfAbsent("slow", k -> new AtomicInteger()).incrementAndGet();
              hold.await();
              return 1;
            })
        .build();
  }
}
