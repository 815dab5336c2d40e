package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A flow of 200 tasks; prints the processor's own time (not asserted: machines differ). */
class LargeFlowTest {
  private static final int TASKS = 200;

  @Test
  void flowOfTwoHundredTasksCompilesAndReportsTheProcessorTime() {
    DelegatingProcessor timed = new DelegatingProcessor(new HyphaProcessor());

    Compilation compilation =
        Compiler.javac()
            .withProcessors(timed)
            .compile(JavaFileObjects.forSourceLines("big.Big", bigFlow()));

    assertThat(compilation).succeeded();
    System.out.printf(
        "HyphaProcessor time for a flow of %d tasks: %.1f ms (init + %d rounds)%n",
        TASKS, timed.nanos() / 1e6, timed.rounds());
    CompiledClasses classes = new CompiledClasses(compilation);
    assertThat(classes.descriptor("big.BigFlow").tasks()).hasSize(TASKS);
    assertThat(classes.descriptor("big.BigFlow").sinks()).isNotEmpty();
  }

  /** Task i depends on up to three earlier tasks and takes the output of the nearest one. */
  private static List<String> bigFlow() {
    List<String> lines = new ArrayList<>();
    lines.add("package big;");
    lines.add("import dev.hypha.annotations.*;");
    lines.add("@Flow public class Big {");
    lines.add("  @Task public int t0(@Input int seed) { return seed; }");
    for (int i = 1; i < TASKS; i++) {
      List<String> dependencies = new ArrayList<>();
      for (int d : new int[] {i - 1, i / 2, i - 7}) {
        String name = "\"t" + d + "\"";
        if (d >= 0 && !dependencies.contains(name)) {
          dependencies.add(name);
        }
      }
      lines.add(
          "  @Task @DependsOn({%s}) public int t%d(@From(\"t%d\") int previous) { return previous + 1; }"
              .formatted(String.join(", ", dependencies), i, i - 1));
    }
    lines.add("}");
    return lines;
  }
}
