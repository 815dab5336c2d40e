package dev.hypha.opentelemetry;

import dev.hypha.runtime.SubFlow;
import dev.hypha.runtime.spi.HandlerDescriptor;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Tracer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

/** The flows of the tracing tests, the same in the test JVM and in a worker JVM. */
final class TracedFlows {
  static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  /** The attribute of the span a task's method makes itself: the attempt it was made in. */
  static final AttributeKey<Long> INSIDE_ATTEMPT = AttributeKey.longKey("test.attempt");

  private TracedFlows() {}

  /**
   * "orders": reserve returns the input, the number of attempts of charge that fail; charge (3
   * attempts at most) makes a span "charge inside" of its own, then fails while its attempt is not
   * above that number, else returns {@code 10 * failures + attempt}. With {@code compensate},
   * reserve is compensated when a run fails (the embedded engines only).
   */
  static LambdaFlow orders(Tracer tracer, boolean compensate) {
    RetryPolicy threeAttempts =
        new RetryPolicy(3, Duration.ZERO, 1.0, Duration.ZERO, 0.0, List.of(), List.of());
    LambdaFlow.Builder flow =
        LambdaFlow.builder("orders")
            .input(INT)
            .result(INT)
            .task(TaskDescriptor.builder("reserve", INT).build(), args -> args.<Integer>input())
            .task(
                TaskDescriptor.builder("charge", INT)
                    .dependsOn("reserve")
                    .retry(threeAttempts)
                    .build(),
                args -> {
                  int failures = args.<Integer>output(0);
                  int attempt = args.context().attempt();
                  tracer
                      .spanBuilder("charge inside")
                      .setAttribute(INSIDE_ATTEMPT, (long) attempt)
                      .startSpan()
                      .end();
                  if (attempt <= failures) {
                    throw new IllegalStateException("card declined on attempt " + attempt);
                  }
                  return 10 * failures + attempt;
                });
    if (compensate) {
      flow.handler(
          HandlerDescriptor.compensation("reserve", "release", RetryPolicy.NONE), args -> null);
    }
    return flow.build();
  }

  /**
   * "checkout": load returns the input, bill starts a "billing" run with it as its child (billing's
   * one task, charge, returns "invoice for " and the input), send returns "sent " and the invoice.
   */
  static LambdaFlow checkout(LambdaFlow billing) {
    TypeRef<String> string = TypeRef.of(String.class);
    return LambdaFlow.builder("checkout")
        .input(INT)
        .result(string)
        .task("load", INT, args -> args.<Integer>input())
        .task(
            TaskDescriptor.builder("bill", string).dependsOn("load").subFlow().build(),
            args -> SubFlow.of(billing, (Object) args.<Integer>output(0)))
        .task("send", string, args -> "sent " + args.<String>output(1), "bill")
        .build();
  }

  /**
   * "pages": split returns 0 to n - 1 for the input n, page runs once per element (an instance of a
   * fan-out) returning "p" and the element, and the run's result is the list of pages.
   */
  static LambdaFlow pages() {
    TypeRef<List<String>> strings = new TypeRef<>() {};
    return LambdaFlow.builder("pages")
        .input(INT)
        .result(strings)
        .task(
            TaskDescriptor.builder("split", new TypeRef<List<Integer>>() {}).build(),
            args -> IntStream.range(0, args.<Integer>input()).boxed().toList())
        .task(
            TaskDescriptor.builder("page", strings)
                .dependsOn("split")
                .forEach("split", INT, TypeRef.of(String.class), 0)
                .build(),
            args -> "p" + args.<Integer>element())
        .build();
  }

  /** "billing", the child flow of {@link #checkout}. */
  static LambdaFlow billing() {
    return LambdaFlow.builder("billing")
        .input(INT)
        .result(TypeRef.of(String.class))
        .task("charge", TypeRef.of(String.class), args -> "invoice for " + args.<Integer>input())
        .build();
  }

  /**
   * "slow": one task, "wait", that counts {@code began} down and, with {@code block}, sleeps for a
   * minute (until a close interrupts it); else returns the input plus one.
   */
  static LambdaFlow slow(CountDownLatch began, boolean block) {
    return LambdaFlow.builder("slow")
        .input(INT)
        .result(INT)
        .task(
            "wait",
            INT,
            args -> {
              began.countDown();
              if (block) {
                Thread.sleep(60_000);
              }
              return args.<Integer>input() + 1;
            })
        .build();
  }
}
