package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.validation.Messages;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** What every handler method must be, whatever its annotation; and its extra parameters. */
class HandlerMethodErrorsTest {

  @Test
  void handlerThatIsNotPublic() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Compensates(\"load\") void unload(String load) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.handlerNotPublic("@Compensates method unload()"))
        .inFile(source)
        .onLineContaining("unload(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void handlerThatIsStatic() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @OnSuccess public static void done() {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.handlerStatic("@OnSuccess method done()"))
        .inFile(source)
        .onLineContaining("done()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void handlerThatIsGeneric() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() throws Exception { return \"a\"; }",
            "  @OnFault(task = \"load\", value = Exception.class)",
            "  public <T extends CharSequence> String fallback() { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.handlerGeneric("@OnFault method fallback()"))
        .inFile(source)
        .onLineContaining("fallback()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void callbackThatReturnsAValue() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @OnFailure public boolean alert() { return true; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.handlerNotVoid("@OnFailure method alert()", "boolean"))
        .inFile(source)
        .onLineContaining("alert()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void handlerThatIsAlsoATaskIsMarkedOnTheHandlerAnnotation() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task",
            "  @Compensates(\"load\")",
            "  public void unload(TaskContext context) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.handlerOnTask("@Compensates method unload()"))
        .inFile(source)
        .onLineContaining("@Compensates(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void methodWithTwoHandlerAnnotationsIsMarkedOnTheSecond() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @OnSuccess",
            "  @OnFailure",
            "  public void finished() {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.handlerConflict("finished()", "@OnSuccess", "@OnFailure"))
        .inFile(source)
        .onLineContaining("@OnFailure");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void parameterBeyondTheRoleParameterReceivesNothing() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Compensates(\"load\")",
            "  public void unload(String load, TaskContext context, String extra) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.handlerParameter(
                "extra", "String", "@Compensates method unload()", "the output of \"load\""))
        .inFile(source)
        .onLineContaining("String extra");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void fromOnAHandlerParameterIsMarkedOnFrom() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Compensates(\"load\")",
            "  public void unload(",
            "      @From(\"load\") String load) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.fromOnHandler("load", "@Compensates method unload()"))
        .inFile(source)
        .onLineContaining("@From(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void handlerInputOfAnotherTypeThanTheTasksInput() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load(@Input String id) { return id; }",
            "  @OnFailure public void alert(@Input Integer number) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.inputTypeConflict(
                "number", "@OnFailure method alert()", "Integer", "task \"load\"", "String"))
        .inFile(source)
        .onLineContaining("Integer number");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void rawInputTypeOfAHandler() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @SuppressWarnings(\"rawtypes\")",
            "  @OnFailure public void alert(@Input List ids) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.rawType("@Input parameter \"ids\" of @OnFailure method alert()", "List"))
        .inFile(source)
        .onLineContaining("List ids");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void everyMistakeOfOneHandlerIsReported() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @OnSuccess static <T> int done(Integer load, String extra) { return 1; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[hypha:handler-not-public]");
    assertThat(compilation).hadErrorContaining("[hypha:handler-static]");
    assertThat(compilation).hadErrorContaining("[hypha:handler-generic]");
    assertThat(compilation).hadErrorContaining("[hypha:handler-not-void]");
    assertThat(compilation).hadErrorContaining("[hypha:type-mismatch]");
    assertThat(compilation).hadErrorContaining("[hypha:handler-parameter]");
    assertThat(compilation).hadErrorCount(6);
  }
}
