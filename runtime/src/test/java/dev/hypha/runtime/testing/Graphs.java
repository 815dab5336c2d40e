package dev.hypha.runtime.testing;

import dev.hypha.runtime.spi.TypeRef;

/** Graphs that tests and benchmarks share. */
public final class Graphs {
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  private Graphs() {}

  /**
   * A diamond, input -> a -> (b, c) -> d: for input n, a = n + 1, b = a + 1, c = a * 2 and the
   * result d = b + c, so {@code (n + 2) + (n + 1) * 2}.
   */
  public static LambdaFlow diamond(String name) {
    return LambdaFlow.builder(name)
        .input(INT)
        .result(INT)
        .task("a", INT, args -> args.<Integer>input() + 1)
        .task("b", INT, args -> args.<Integer>output(0) + 1, "a")
        .task("c", INT, args -> args.<Integer>output(0) * 2, "a")
        .task("d", INT, args -> args.<Integer>output(1) + args.<Integer>output(2), "b", "c")
        .build();
  }

  /** What {@link #diamond} returns for {@code input}. */
  public static int diamondResult(int input) {
    return (input + 2) + (input + 1) * 2;
  }
}
