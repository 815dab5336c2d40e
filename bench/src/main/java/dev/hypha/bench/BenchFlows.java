package dev.hypha.bench;

import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.Graphs;
import dev.hypha.runtime.testing.LambdaFlow;

/** The graphs of the workloads. Task bodies do almost nothing: the engine's cost is measured. */
final class BenchFlows {
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  private BenchFlows() {}

  /** W1: A -> (B, C) -> D. */
  static LambdaFlow diamond() {
    return Graphs.diamond("bench-diamond");
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
