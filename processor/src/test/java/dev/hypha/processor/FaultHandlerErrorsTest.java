package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.validation.Messages;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class FaultHandlerErrorsTest {

  @Test
  void unknownTaskIsMarkedOnTheTaskAttribute() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String charge() { return \"a\"; }",
            "  @OnFault(task = \"chrage\", value = IllegalStateException.class)",
            "  public String fallback() { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.handlerUnknownTask(
                "@OnFault task", "chrage", "orders", Optional.of("charge"), List.of("charge")))
        .inFile(source)
        .onLineContaining("\"chrage\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void noExceptionTypesIsMarkedOnTheEmptyList() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String charge() { return \"a\"; }",
            "  @OnFault(task = \"charge\",",
            "      value = {})",
            "  public String fallback() { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.onFaultNoExceptions("fallback()", "charge"))
        .inFile(source)
        .onLineContaining("value = {}");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void returnTypeThatCannotStandInForTheOutput() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public Integer charge() { return 1; }",
            "  @OnFault(task = \"charge\", value = IllegalStateException.class)",
            "  public long fallback() { return 0L; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.faultHandlerReturn("@OnFault method fallback()", "long", "charge", "Integer"))
        .inFile(source)
        .onLineContaining("fallback()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void voidHandlerOfATaskWithAnOutput() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public Object charge() { return 1; }",
            "  @OnFault(task = \"charge\", value = IllegalStateException.class)",
            "  public void fallback() {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.faultHandlerReturn("@OnFault method fallback()", "void", "charge", "Object"))
        .inFile(source)
        .onLineContaining("fallback()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void handlerOfAVoidTaskThatReturnsAValue() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public void audit() {}",
            "  @OnFault(task = \"audit\", value = IllegalStateException.class)",
            "  public String fallback() { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.faultHandlerNotVoid("@OnFault method fallback()", "String", "audit"))
        .inFile(source)
        .onLineContaining("fallback()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void exceptionParameterThatCannotTakeEveryHandledType() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String charge() throws java.io.IOException { return \"a\"; }",
            "  @OnFault(task = \"charge\",",
            "      value = {java.io.IOException.class, IllegalStateException.class})",
            "  public String fallback(java.io.IOException error) { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.exceptionTypeMismatch(
                "error",
                "IOException",
                "@OnFault method fallback()",
                "IllegalStateException",
                List.of("IOException", "IllegalStateException")))
        .inFile(source)
        .onLineContaining("IOException error");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void exceptionHandledTwiceForOneTaskIsMarkedOnTheSecondListing() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String charge() { return \"a\"; }",
            "  @OnFault(task = \"charge\", value = IllegalStateException.class)",
            "  public String first() { return \"b\"; }",
            "  @OnFault(task = \"charge\",",
            "      value = {ArithmeticException.class, IllegalStateException.class})",
            "  public String second() { return \"c\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.duplicateFaultHandler("IllegalStateException", "charge", "first()"))
        .inFile(source)
        .onLineContaining("ArithmeticException.class, IllegalStateException.class");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void sameExceptionForTwoTasksIsFine() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String charge() { return \"a\"; }",
            "  @Task public String ship() { return \"s\"; }",
            "  @OnFault(task = \"charge\", value = IllegalStateException.class)",
            "  public String first() { return \"b\"; }",
            "  @OnFault(task = \"ship\", value = IllegalStateException.class)",
            "  public String second() { return \"c\"; }",
            "}");

    assertThat(compile(source)).succeededWithoutWarnings();
  }

  @Test
  void exceptionTypeTheGeneratedClassCannotSee() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  private static class Declined extends RuntimeException {",
            "    private static final long serialVersionUID = 1L;",
            "  }",
            "  @Task public String charge() { return \"a\"; }",
            "  @OnFault(task = \"charge\", value = Declined.class)",
            "  public String fallback() { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.typeNotAccessible("@OnFault", "Orders.Declined", "package shop"))
        .inFile(source)
        .onLineContaining("value = Declined.class");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void retryExceptionTypeTheGeneratedClassCannotSee() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  private static class Declined extends RuntimeException {",
            "    private static final long serialVersionUID = 1L;",
            "  }",
            "  @Task @Retry(abortOn = Declined.class) public String charge() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.typeNotAccessible("@Retry", "Orders.Declined", "package shop"))
        .inFile(source)
        .onLineContaining("abortOn = Declined.class");
    assertThat(compilation).hadErrorCount(1);
  }
}
