package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.validation.Messages;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class DependencyErrorsTest {

  @Test
  void unknownDependencyIsUnderlinedInsideDependsOnAndSuggestsTheNearestName() {
    String line = "  @Task @DependsOn(\"lod\") public String charge() { return \"paid\"; }";
    JavaFileObject source =
        source(
            "shop.OrderFulfilment",
            "@Flow public class OrderFulfilment {",
            "  @Task public String load() { return \"order\"; }",
            line,
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:unknown-dependency] @DependsOn names \"lod\", which is not a task of flow"
            + " order-fulfilment; did you mean \"load\"?";
    Assertions.assertThat(expected)
        .isEqualTo(
            Messages.unknownDependency(
                "lod", "order-fulfilment", Optional.of("load"), List.of("load", "charge")));
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("\"lod\"");
    assertThat(compilation).hadErrorCount(1);
    // The annotation value itself is marked, not the method or the whole annotation.
    Assertions.assertThat(compilation.errors().get(0).getColumnNumber())
        .isEqualTo(line.indexOf("\"lod\"") + 1);
    Assertions.assertThat(Flows.generatedClasses(source)).isEmpty();
  }

  @Test
  void unknownDependencyWithoutACloseNameListsTheTasks() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"order\"; }",
            "  @Task @DependsOn(\"warehouse\") public String ship() { return \"shipped\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.unknownDependency(
                "warehouse", "orders", Optional.empty(), List.of("load", "ship")))
        .inFile(source)
        .onLineContaining("\"warehouse\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void duplicateTaskNameIsReportedOnTheSecondTask() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task(name = \"load\") public String first() { return \"a\"; }",
            "  @Task(name = \"load\") public String second() { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.duplicateTaskName("load", "orders", "first()"))
        .inFile(source)
        .onLineContaining("second()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void overloadedTaskMethodsHaveDuplicateDefaultNames() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task public String load(@Input int id) { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.duplicateTaskName("load", "orders", "load()"))
        .inFile(source)
        .onLineContaining("load(@Input int id)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void duplicateEntryInOneDependsOnIsUnderlined() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task @DependsOn({\"load\",",
            "      \"load\" /* again */}) public String ship() { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.duplicateDependency("ship", "load"))
        .inFile(source)
        .onLineContaining("again");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void cycleIsReportedOnceAsAPathFromItsFirstTask() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task @DependsOn(\"c\") public String a() { return \"a\"; }",
            "  @Task @DependsOn(\"a\") public String b() { return \"b\"; }",
            "  @Task @DependsOn(\"b\") public String c() { return \"c\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.dependencyCycle(List.of("a", "c", "b", "a")))
        .inFile(source)
        .onLineContaining("String a()");
    assertThat(compilation).hadErrorContaining("a -> c -> b -> a");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void selfDependencyIsACycle() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task @DependsOn({\"load\", \"loop\"}) public String loop() { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.dependencyCycle(List.of("loop", "loop")))
        .inFile(source)
        .onLineContaining("String loop()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void eachSeparateCycleIsReportedAndTasksDownstreamOfACycleAreNot() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task @DependsOn(\"b\") public String a() { return \"a\"; }",
            "  @Task @DependsOn(\"a\") public String b() { return \"b\"; }",
            "  @Task @DependsOn(\"a\") public String after() { return \"after\"; }",
            "  @Task @DependsOn(\"d\") public String c() { return \"c\"; }",
            "  @Task @DependsOn(\"c\") public String d() { return \"d\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.dependencyCycle(List.of("a", "b", "a")))
        .inFile(source)
        .onLineContaining("String a()");
    assertThat(compilation)
        .hadErrorContaining(Messages.dependencyCycle(List.of("c", "d", "c")))
        .inFile(source)
        .onLineContaining("String c()");
    assertThat(compilation).hadErrorCount(2);
  }
}
