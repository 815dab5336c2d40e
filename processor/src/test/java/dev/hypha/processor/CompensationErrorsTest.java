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

class CompensationErrorsTest {

  @Test
  void unknownTaskIsMarkedOnTheNameAndSuggestsTheNearestOne() {
    String line = "  @Compensates(\"reserv\") public void release(String stock) {}";
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String reserve() { return \"a\"; }",
            line,
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:handler-unknown-task] @Compensates names \"reserv\", which is not a task of flow"
            + " orders; did you mean \"reserve\"?";
    Assertions.assertThat(
            Messages.handlerUnknownTask(
                "@Compensates", "reserv", "orders", Optional.of("reserve"), List.of("reserve")))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("\"reserv\"");
    assertThat(compilation).hadErrorCount(1);
    Assertions.assertThat(compilation.errors().get(0).getColumnNumber())
        .isEqualTo(line.indexOf("\"reserv\"") + 1);
  }

  @Test
  void compensatedTaskThatIsVoid() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public void audit() {}",
            "  @Compensates(\"audit\") public void unaudit() {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.compensatesVoidTask("audit"))
        .inFile(source)
        .onLineContaining("\"audit\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void secondCompensationOfATaskIsMarkedOnItsName() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String reserve() { return \"a\"; }",
            "  @Compensates(\"reserve\") public void release(String reserve) {}",
            "  @Compensates(\"reserve\") public void undo(String reserve) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.duplicateCompensation("reserve", "release()"))
        .inFile(source)
        .onLineContaining("undo(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void compensationWithoutAParameterForTheOutput() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  public record Stock(String sku) {}",
            "  @Task public Stock reserve() { return new Stock(\"a\"); }",
            "  @Compensates(\"reserve\")",
            "  public void release(TaskContext context) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.compensationWithoutOutput(
                "@Compensates method release()", "reserve", "Orders.Stock"))
        .inFile(source)
        .onLineContaining("release(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void parameterThatCannotTakeTheOutput() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public List<Integer> reserve() { return List.of(1); }",
            "  @Compensates(\"reserve\")",
            "  public void release(List<Number> reserved) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.handlerTypeMismatch(
                "reserved",
                "List<Number>",
                "@Compensates method release()",
                "the output of \"reserve\"",
                "List<Integer>"))
        .inFile(source)
        .onLineContaining("List<Number> reserved");
    assertThat(compilation).hadErrorCount(1);
  }
}
