package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.validation.Messages;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class FlowClassErrorsTest {
  private static final String TASK = "  @Task public String load() { return \"a\"; }";

  @Test
  void flowClassMustBePublic() {
    JavaFileObject source = source("shop.Orders", "@Flow class Orders {", TASK, "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.flowNotPublic("Orders"))
        .inFile(source)
        .onLineContaining("class Orders");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void classesEnclosingAFlowMustBePublic() {
    JavaFileObject source =
        source(
            "shop.Outer",
            "class Outer {",
            "  @Flow public static class Inner {",
            "  " + TASK,
            "  }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.flowEnclosingNotPublic("Outer.Inner", "Outer"))
        .inFile(source)
        .onLineContaining("class Inner");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void flowClassMustNotBeAnInnerClass() {
    JavaFileObject source =
        source(
            "shop.Outer",
            "public class Outer {",
            "  @Flow public class Inner {",
            "  " + TASK,
            "  }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.flowInnerClass("Outer.Inner"))
        .inFile(source)
        .onLineContaining("class Inner");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void flowClassMustNotBeGeneric() {
    JavaFileObject source = source("shop.Orders", "@Flow public class Orders<T> {", TASK, "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.flowGeneric("Orders"))
        .inFile(source)
        .onLineContaining("class Orders<T>");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void flowClassNeedsTasks() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.flowNoTasks("Orders"))
        .inFile(source)
        .onLineContaining("class Orders");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void flowMustBeAClass() {
    JavaFileObject source =
        source("shop.Orders", "@Flow", "public interface Orders {", "  @Task String load();", "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.flowNotClass("interface", "Orders"))
        .inFile(source)
        .onLineContaining("@Flow");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void declaredFlowNameMustBeKebabCase() {
    JavaFileObject source =
        source("shop.Orders", "@Flow(name = \"Order_Flow\") public class Orders {", TASK, "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.invalidFlowName("Order_Flow"))
        .inFile(source)
        .onLineContaining("\"Order_Flow\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void defaultFlowNameMustBeKebabCase() {
    JavaFileObject source = source("shop._Orders", "@Flow", "public class _Orders {", TASK, "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.invalidDefaultFlowName("_Orders", "-orders"))
        .inFile(source)
        .onLineContaining("@Flow");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void twoFlowsMustNotShareAName() {
    JavaFileObject first = source("shop.Orders", "@Flow public class Orders {", TASK, "}");
    JavaFileObject second =
        source("shop.Other", "@Flow(name = \"orders\") public class Other {", TASK, "}");

    Compilation compilation = compile(first, second);

    assertThat(compilation)
        .hadErrorContaining(Messages.duplicateFlowName("orders", "shop.Orders"))
        .inFile(second)
        .onLineContaining("\"orders\"");
    assertThat(compilation).hadErrorCount(1);
  }
}
