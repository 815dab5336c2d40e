package dev.hypha.processor;

import static dev.hypha.processor.Flows.compileClean;
import static dev.hypha.processor.Flows.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskDescriptor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Order, names and hash of what the processor generates, seen through the descriptor. */
class GeneratedShapeTest {

  @Test
  void readyTasksAreOrderedBySourcePosition() {
    FlowDescriptor descriptor =
        descriptor(
            "shop.Ties",
            "@Flow public class Ties {",
            "  @Task public void c() {}",
            "  @Task @DependsOn(\"c\") public void a() {}",
            "  @Task public void b() {}",
            "}");

    assertThat(descriptor.tasks()).extracting(TaskDescriptor::name).containsExactly("c", "a", "b");
  }

  @Test
  void shapeHashIgnoresDeclarationOrderAndMethodNames() {
    FlowDescriptor original =
        descriptor(
            "shop.Hashed",
            "@Flow public class Hashed {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task @DependsOn(\"load\") public int count(String load) { return 1; }",
            "}");
    FlowDescriptor reordered =
        descriptor(
            "shop.Hashed",
            "@Flow public class Hashed {",
            "  @Task(name = \"count\") @DependsOn(\"load\") public int size(String x) { return 1; }",
            "  @Task(name = \"load\") public String read() { return \"a\"; }",
            "}");

    assertThat(reordered.shapeHash()).isEqualTo(original.shapeHash());
  }

  @Test
  void shapeHashChangesWithAnOutputTypeOrAQueue() {
    String hash =
        descriptor(
                "shop.Hashed",
                "@Flow public class Hashed {",
                "  @Task public List<String> load() { return List.of(); }",
                "}")
            .shapeHash();
    String otherType =
        descriptor(
                "shop.Hashed",
                "@Flow public class Hashed {",
                "  @Task public List<Integer> load() { return List.of(); }",
                "}")
            .shapeHash();
    String otherQueue =
        descriptor(
                "shop.Hashed",
                "@Flow public class Hashed {",
                "  @Task(queue = \"io\") public List<String> load() { return List.of(); }",
                "}")
            .shapeHash();

    assertThat(hash).isNotEqualTo(otherType).isNotEqualTo(otherQueue);
  }

  @Test
  void explicitFlowNameAndDefaultKebabName() {
    assertThat(
            descriptor(
                    "shop.HTTPServer",
                    "@Flow public class HTTPServer { @Task public void serve() {} }")
                .name())
        .isEqualTo("http-server");
    assertThat(
            descriptor(
                    "shop.Whatever",
                    "@Flow(name = \"nightly-report\") public class Whatever {",
                    "  @Task public void run() {}",
                    "}")
                .name())
        .isEqualTo("nightly-report");
  }

  private static FlowDescriptor descriptor(String name, String... lines) {
    JavaFileObject source = source(name, lines);
    return new CompiledClasses(compileClean(source)).descriptor(name + "Flow");
  }
}
