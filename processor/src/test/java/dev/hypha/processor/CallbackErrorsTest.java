package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.validation.Messages;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @OnSuccess} and {@code @OnFailure}. */
class CallbackErrorsTest {

  @Test
  void secondOnSuccessIsMarkedOnItsAnnotation() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @OnSuccess public void done() {}",
            "  @OnSuccess public void doneAgain() {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.duplicateCallback("@OnSuccess", "done()"))
        .inFile(source)
        .onLineContaining("doneAgain()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void secondOnFailureIsMarkedOnItsAnnotation() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @OnFailure public void alert() {}",
            "  @OnFailure public void page(TaskError error) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.duplicateCallback("@OnFailure", "alert()"))
        .inFile(source)
        .onLineContaining("page(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void resultParameterThatCannotTakeTheResult() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task @DependsOn(\"load\") public int count(String load) { return 1; }",
            "  @OnSuccess public void done(String count) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.handlerTypeMismatch(
                "count", "String", "@OnSuccess method done()", "the run's result", "Integer"))
        .inFile(source)
        .onLineContaining("String count");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void resultOfSeveralSinksIsTakenAsRecord() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task public int count() { return 1; }",
            "  @OnSuccess public void done(String result) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.handlerTypeMismatch(
                "result", "String", "@OnSuccess method done()", "the run's result", "Record"))
        .inFile(source)
        .onLineContaining("String result");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void runErrorParameterOfAnotherType() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @OnFailure public void alert(Throwable error) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.handlerTypeMismatch(
                "error",
                "Throwable",
                "@OnFailure method alert()",
                "the run's first error",
                "TaskError"))
        .inFile(source)
        .onLineContaining("Throwable error");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void resultIsNotCheckedAgainstAGraphWithErrors() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task @DependsOn(\"lod\") public int count() { return 1; }",
            "  @OnSuccess public void done(Integer count) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[hypha:unknown-dependency]");
    assertThat(compilation).hadErrorCount(1);
  }
}
