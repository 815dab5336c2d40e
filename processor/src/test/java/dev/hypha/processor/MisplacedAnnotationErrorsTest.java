package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.validation.Messages;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class MisplacedAnnotationErrorsTest {

  @Test
  void taskOutsideAFlowClass() {
    JavaFileObject source =
        source(
            "shop.Helper",
            "public class Helper {",
            "  @Task public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.taskOutsideFlow("load()", "Helper"))
        .inFile(source)
        .onLineContaining("load()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void taskInAClassNestedInAFlowIsOutsideTheFlow() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  public static class Helper {",
            "    @Task public String help() { return \"h\"; }",
            "  }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.taskOutsideFlow("help()", "Orders.Helper"))
        .inFile(source)
        .onLineContaining("help()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void dependsOnOutsideATask() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @DependsOn(\"load\") public String helper() { return \"h\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.annotationOutsideTask("DependsOn", "method helper()"))
        .inFile(source)
        .onLineContaining("helper()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void inputOutsideATask() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  public String helper(@Input String id) { return id; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.annotationOutsideTask("Input", "parameter \"id\" of method helper()"))
        .inFile(source)
        .onLineContaining("helper(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void fromOutsideATask() {
    JavaFileObject source =
        source(
            "shop.Util",
            "public class Util {",
            "  public String helper(@From(\"load\") String order) { return order; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.annotationOutsideTask("From", "parameter \"order\" of method helper()"))
        .inFile(source)
        .onLineContaining("helper(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void waitUntilOutsideATask() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public java.time.Instant plan() { return java.time.Instant.EPOCH; }",
            "  public String helper(@WaitUntil java.time.Instant at) { return \"h\"; }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:annotation-outside-task] @WaitUntil on parameter \"at\" of method helper() has no"
            + " effect outside a @Task method; add @Task to the method or remove @WaitUntil";
    Assertions.assertThat(
            Messages.annotationOutsideTask("WaitUntil", "parameter \"at\" of method helper()"))
        .isEqualTo(expected);
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("helper(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void waitUntilOnAHandlerParameterIsOutsideATask() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public java.time.Instant plan() { return java.time.Instant.EPOCH; }",
            "  @OnSuccess public void done(@WaitUntil java.time.Instant result) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.annotationOutsideTask("WaitUntil", "parameter \"result\" of method done()"))
        .inFile(source)
        .onLineContaining("done(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void forEachOutsideATask() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public List<String> skus() { return List.of(); }",
            "  public String helper(@ForEach(concurrency = 2) String sku) { return sku; }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:annotation-outside-task] @ForEach on parameter \"sku\" of method helper() has no"
            + " effect outside a @Task method; add @Task to the method or remove @ForEach";
    Assertions.assertThat(
            Messages.annotationOutsideTask("ForEach", "parameter \"sku\" of method helper()"))
        .isEqualTo(expected);
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("helper(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void forEachOnAHandlerParameterIsOutsideATask() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public List<String> skus() { return List.of(); }",
            "  @Compensates(\"skus\") public void restore(@ForEach List<String> skus) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.annotationOutsideTask("ForEach", "parameter \"skus\" of method restore()"))
        .inFile(source)
        .onLineContaining("restore(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void loopOutsideATask() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public int count() { return 3; }",
            "  public Step<Integer, String> helper(@Loop(max = 3) int left) {",
            "    return Step.done(\"x\");",
            "  }",
            "  @Compensates(\"count\") public void restore(@Loop int count) {}",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:annotation-outside-task] @Loop on parameter \"left\" of method helper() has no"
            + " effect outside a @Task method; add @Task to the method or remove @Loop";
    Assertions.assertThat(
            Messages.annotationOutsideTask("Loop", "parameter \"left\" of method helper()"))
        .isEqualTo(expected);
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("helper(");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.annotationOutsideTask("Loop", "parameter \"count\" of method restore()"))
        .inFile(source)
        .onLineContaining("restore(");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void signalOutsideATask() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public int count() { return 3; }",
            "  public String helper(@Signal(\"approval\") String approval) { return approval; }",
            "  @Compensates(\"count\") public void restore(@Signal(\"undo\") int count) {}",
            "  @OnFault(task = \"count\", value = IllegalStateException.class)",
            "  public int fallback(@Signal(\"retry\") IllegalStateException n) { return 0; }",
            "  @OnSuccess public void done(@Signal(\"done\") Integer result) {}",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:annotation-outside-task] @Signal on parameter \"approval\" of method helper() has"
            + " no effect outside a @Task method; add @Task to the method or remove @Signal";
    Assertions.assertThat(
            Messages.annotationOutsideTask("Signal", "parameter \"approval\" of method helper()"))
        .isEqualTo(expected);
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("helper(");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.annotationOutsideTask("Signal", "parameter \"count\" of method restore()"))
        .inFile(source)
        .onLineContaining("restore(");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.annotationOutsideTask("Signal", "parameter \"n\" of method fallback()"))
        .inFile(source)
        .onLineContaining("fallback(");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.annotationOutsideTask("Signal", "parameter \"result\" of method done()"))
        .inFile(source)
        .onLineContaining("done(");
    assertThat(compilation).hadErrorCount(4);
  }

  @Test
  void handlerOutsideAFlowClass() {
    JavaFileObject source =
        source(
            "shop.Helper",
            "public class Helper {",
            "  @OnFault(task = \"load\", value = Exception.class)",
            "  public String fallback() { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.annotationOutsideFlow("OnFault", "method fallback()", "Helper"))
        .inFile(source)
        .onLineContaining("@OnFault");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void retryOnAClassThatIsNotAFlow() {
    JavaFileObject source =
        source("shop.Helper", "@Retry(maxAttempts = 2)", "public class Helper {", "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.annotationOutsideFlow("Retry", "class Helper", "Helper"))
        .inFile(source)
        .onLineContaining("@Retry");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void retryOnAMethodThatIsNeitherTaskNorCompensation() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() throws Exception { return \"a\"; }",
            "  @OnFault(task = \"load\", value = Exception.class)",
            "  @Retry(maxAttempts = 2)",
            "  public String fallback() { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.retryMisplaced("fallback()"))
        .inFile(source)
        .onLineContaining("@Retry");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void timeoutOutsideATask() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Compensates(\"load\") @Timeout(\"PT1S\") public void unload(String load) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.annotationOutsideTask("Timeout", "method unload()"))
        .inFile(source)
        .onLineContaining("unload(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void delayOnAHandlerIsOutsideATask() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Compensates(\"load\")",
            "  @Delay(\"PT10M\")",
            "  public void unload(String load) {}",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:annotation-outside-task] @Delay on method unload() has no effect outside a @Task"
            + " method; add @Task to the method or remove @Delay";
    Assertions.assertThat(Messages.annotationOutsideTask("Delay", "method unload()"))
        .isEqualTo(expected);
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("@Delay");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void delayOnAPlainMethodOfAClassThatIsNotAFlow() {
    JavaFileObject source =
        source(
            "shop.Helper",
            "public class Helper {",
            "  @Delay(\"PT10M\") public String remind() { return \"r\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.annotationOutsideTask("Delay", "method remind()"))
        .inFile(source)
        .onLineContaining("@Delay");
    assertThat(compilation).hadErrorCount(1);
  }
}
