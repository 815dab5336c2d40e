package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.validation.Messages;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class TaskErrorsTest {

  @Test
  void taskMethodMustBePublic() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.taskNotPublic("load()"))
        .inFile(source)
        .onLineContaining("String load()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void taskMethodMustNotBeStatic() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public static String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.taskStatic("load()"))
        .inFile(source)
        .onLineContaining("String load()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void taskMethodMustNotHaveTypeParameters() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public <T> List<T> load() { return List.of(); }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.taskGeneric("load()"))
        .inFile(source)
        .onLineContaining("List<T> load()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void declaredTaskNameMustBeValid() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task(name = \"1st step\") public String first() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.invalidTaskName("1st step"))
        .inFile(source)
        .onLineContaining("\"1st step\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void defaultTaskNameFromTheMethodMustBeValid() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String _load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.invalidDefaultTaskName("_load()", "_load"))
        .inFile(source)
        .onLineContaining("_load()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void queueMustNotBeBlank() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task(queue = \" \") public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.blankQueue("load"))
        .inFile(source)
        .onLineContaining("queue = \" \"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void rawOutputTypeIsAnError() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @SuppressWarnings(\"rawtypes\")",
            "  @Task public List load() { return List.of(); }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.rawType("the output of task \"load\"", "List"))
        .inFile(source)
        .onLineContaining("List load()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void rawInputTypeIsAnError() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @SuppressWarnings(\"rawtypes\")",
            "  @Task public String load(@Input Map<String, List> request) { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.rawType("@Input parameter \"request\" of task \"load\"", "List"))
        .inFile(source)
        .onLineContaining("List> request");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void outputTypeMustBeVisibleToTheGeneratedClass() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  private record Secret(String value) {}",
            "  @Task public List<Secret> load() { return List.of(); }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.typeNotAccessible(
                "the output of task \"load\"", "Orders.Secret", "package shop"))
        .inFile(source)
        .onLineContaining("List<Secret> load()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void protectedInputTypeInheritedFromAnotherPackageIsNotVisible() {
    JavaFileObject base =
        source("other.Base", "public class Base {", "  protected static class Request {}", "}");
    JavaFileObject flow =
        source(
            "shop.Orders",
            "@Flow public class Orders extends other.Base {",
            "  @Task public String load(@Input Request request) { return \"a\"; }",
            "}");

    Compilation compilation = compile(base, flow);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.typeNotAccessible(
                "@Input parameter \"request\" of task \"load\"", "Base.Request", "package shop"))
        .inFile(flow)
        .onLineContaining("Request request");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void packagePrivateTypesOfTheFlowPackageAreVisible() {
    JavaFileObject flow =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  record Order(String id) {}",
            "  @Task public Order load(@Input Order request) { return request; }",
            "}");

    assertThat(compile(flow)).succeededWithoutWarnings();
  }
}
