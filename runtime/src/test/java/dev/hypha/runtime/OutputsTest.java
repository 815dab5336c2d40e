package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

/** Recorded task outputs read back through a flow binding, as the generated {@code Outputs} do. */
class OutputsTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);

  @TempDir Path dir;

  @EngineKind.All
  void anyOutputOfAWideRunIsReadBack(EngineKind engine) {
    int width = 10_000;
    LambdaFlow.Builder builder = LambdaFlow.builder("wide").result(INT);
    String[] all = new String[width];
    for (int i = 0; i < width; i++) {
      int value = i;
      all[i] = "t" + i;
      builder.task(all[i], INT, args -> value * 2);
    }
    builder.task("count", INT, args -> width, all);
    LambdaFlow flow = builder.build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      FlowBinding<Object, Object> wide = hypha.bind(flow, flow);
      RunId id = wide.start(null).id();
      assertThat(wide.run(id).await(WAIT)).isEqualTo(width);
      assertThat(wide.<Integer>output(id, 0)).contains(0);
      assertThat(wide.<Integer>output(id, 4_711)).contains(9_422);
      assertThat(wide.<Integer>output(id, width - 1)).contains(2 * (width - 1));
      assertThat(wide.<Integer>output(id, width)).contains(width);
      assertThat(wide.history().result(id)).contains(width);
    }
  }

  @EngineKind.All
  void outputsOfARunOfAnotherFlowVersionAreFoundByName(EngineKind engine) {
    Path file = dir.resolve("h.db");
    LambdaFlow v1 =
        LambdaFlow.builder("versioned")
            .result(INT)
            .task("a", INT, args -> 1)
            .task("b", INT, args -> 2, "a")
            .build();
    RunId id;
    try (Hypha hypha = engine.open(file)) {
      FlowBinding<Object, Object> flow = hypha.bind(v1, v1);
      id = flow.start(null).id();
      flow.run(id).await(WAIT);
    }
    // Version 2 puts a new task first: "a" is at index 1 now, at 0 in the stored run.
    LambdaFlow v2 =
        LambdaFlow.builder("versioned")
            .result(INT)
            .task("z", INT, args -> 26)
            .task("a", INT, args -> 1)
            .task("b", INT, args -> 2, "a", "z")
            .build();
    try (Hypha hypha = engine.open(file)) {
      FlowBinding<Object, Object> flow = hypha.bind(v2, v2);
      assertThat(flow.<Integer>output(id, 1)).contains(1);
      assertThat(flow.<Integer>output(id, 2)).contains(2);
      assertThat(flow.<Integer>output(id, 0)).isEmpty();
    }
  }

  @EngineKind.All
  void aRunOfAnOlderVersionKeepsTheResultItRecordedWhileItsNewSinkHasNoOutput(EngineKind engine) {
    Path file = dir.resolve("h.db");
    LambdaFlow v1 =
        LambdaFlow.builder("versioned")
            .result(INT)
            .task("a", INT, args -> 1)
            .task("b", INT, args -> 2, "a")
            .build();
    RunId id;
    try (Hypha hypha = engine.open(file)) {
      FlowBinding<Object, Object> flow = hypha.bind(v1, v1);
      id = flow.start(null).id();
      flow.run(id).await(WAIT);
    }
    // Version 2 has a new sink, c, which the run of version 1 never had.
    LambdaFlow v2 =
        LambdaFlow.builder("versioned")
            .result(INT)
            .task("a", INT, args -> 1)
            .task("b", INT, args -> 2, "a")
            .task("c", INT, args -> 3, "b")
            .build();
    try (Hypha hypha = engine.open(file)) {
      FlowBinding<Object, Object> flow = hypha.bind(v2, v2);
      // The result is stored with the run when it ends: version 1's sink, b.
      assertThat(flow.history().result(id)).contains(2);
      assertThat(flow.run(id).resultNow()).contains(2);
      // Version 2's sink never ran in it: its output is absent, not an error.
      assertThat(flow.<Integer>output(id, 2)).isEmpty();
    }
  }
}
