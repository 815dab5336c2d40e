package dev.hypha.bench;

import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.Graphs;
import dev.hypha.runtime.testing.LambdaFlow;
import java.util.List;

/** The graphs of the workloads. Task bodies do almost nothing: the engine's cost is measured. */
final class BenchFlows {
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  private BenchFlows() {}

  /** W1: A -> (B, C) -> D. */
  static LambdaFlow diamond() {
    return Graphs.diamond("bench-diamond");
  }

  /**
   * W6: the W1 diamond with a one-hour {@code @Timeout} on every task and a one-hour deadline on
   * the flow, so every attempt and every run sets a timer that must leave when it ends.
   */
  static LambdaFlow timedDiamond() {
    java.time.Duration hour = java.time.Duration.ofHours(1);
    return LambdaFlow.builder("bench-timed-diamond")
        .input(INT)
        .result(INT)
        .deadline(hour)
        .task(
            dev.hypha.runtime.spi.TaskDescriptor.builder("a", INT).timeout(hour).build(),
            args -> args.<Integer>input() + 1)
        .task(
            dev.hypha.runtime.spi.TaskDescriptor.builder("b", INT)
                .dependsOn("a")
                .timeout(hour)
                .build(),
            args -> args.<Integer>output(0) + 1)
        .task(
            dev.hypha.runtime.spi.TaskDescriptor.builder("c", INT)
                .dependsOn("a")
                .timeout(hour)
                .build(),
            args -> args.<Integer>output(0) * 2)
        .task(
            dev.hypha.runtime.spi.TaskDescriptor.builder("d", INT)
                .dependsOn("b", "c")
                .timeout(hour)
                .build(),
            args -> args.<Integer>output(1) + args.<Integer>output(2))
        .build();
  }

  /** W2: root -> {@code width} parallel tasks -> join. */
  static LambdaFlow fanOut(int width) {
    LambdaFlow.Builder flow =
        LambdaFlow.builder("bench-fan-out").result(INT).task("root", INT, args -> 1);
    String[] middle = new String[width];
    for (int i = 0; i < width; i++) {
      int value = i;
      middle[i] = "t" + i;
      flow.task(middle[i], INT, args -> args.<Integer>output(0) + value, "root");
    }
    return flow.task("join", INT, args -> width, middle).build();
  }

  /**
   * W5: a list of {@code elements} numbers, one instance per element doubling it
   * ({@code @ForEach}), and a sum of the doubled list.
   */
  static LambdaFlow forEach(int elements) {
    TypeRef<Long> sum = TypeRef.of(Long.class);
    return LambdaFlow.builder("bench-for-each")
        .result(sum)
        .task(
            dev.hypha.runtime.spi.TaskDescriptor.builder("list", new TypeRef<List<Integer>>() {})
                .build(),
            args -> java.util.stream.IntStream.range(0, elements).boxed().toList())
        .task(
            dev.hypha.runtime.spi.TaskDescriptor.builder("double", new TypeRef<List<Integer>>() {})
                .dependsOn("list")
                .forEach("list", INT, INT, 0)
                .build(),
            args -> args.<Integer>element() * 2)
        .task(
            dev.hypha.runtime.spi.TaskDescriptor.builder("sum", sum).dependsOn("double").build(),
            args -> args.<List<Integer>>output(1).stream().mapToLong(Integer::longValue).sum())
        .build();
  }

  /** W3: a chain of {@code length} tasks, each adding one to the previous output. */
  static LambdaFlow chain(int length) {
    LambdaFlow.Builder flow =
        LambdaFlow.builder("bench-chain").result(INT).task("s0", INT, args -> 0);
    for (int i = 1; i < length; i++) {
      int previous = i - 1;
      flow.task("s" + i, INT, args -> args.<Integer>output(previous) + 1, "s" + previous);
    }
    return flow.build();
  }
}
