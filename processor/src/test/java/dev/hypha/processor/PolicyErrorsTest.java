package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.validation.Messages;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * {@code @Retry}, {@code @Timeout}, {@code @Delay} and {@code @Flow(deadline)} values that are
 * wrong.
 */
class PolicyErrorsTest {

  @Test
  void backoffThatIsNoIsoDurationIsMarkedOnTheValueAndNamesTheExpectedForm() {
    String line = "  @Task @Retry(maxAttempts = 3, backoff = \"1 sec\") public String load() {";
    JavaFileObject source =
        source("shop.Orders", "@Flow public class Orders {", line, "    return \"a\";", "  }", "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:invalid-duration] @Retry backoff \"1 sec\" is not an ISO-8601 duration; write it"
            + " like \"PT1S\" (one second), \"PT0.5S\" or \"PT5M\"";
    Assertions.assertThat(Messages.invalidDuration("@Retry backoff", "1 sec")).isEqualTo(expected);
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("1 sec");
    assertThat(compilation).hadErrorCount(1);
    Assertions.assertThat(compilation.errors().get(0).getColumnNumber())
        .isEqualTo(line.indexOf("\"1 sec\"") + 1);
    Assertions.assertThat(Flows.generatedClasses(source)).isEmpty();
  }

  @Test
  void maxBackoffThatIsNoIsoDuration() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task @Retry(maxBackoff = \"5 minutes\") public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.invalidDuration("@Retry maxBackoff", "5 minutes"))
        .inFile(source)
        .onLineContaining("5 minutes");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void timeoutThatIsNoIsoDuration() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task @Timeout(\"30s\") public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.invalidDuration("@Timeout", "30s"))
        .inFile(source)
        .onLineContaining("\"30s\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void deadlineThatIsNoIsoDuration() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow(deadline = \"1h\") public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.invalidDuration("@Flow deadline", "1h"))
        .inFile(source)
        .onLineContaining("deadline = \"1h\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void delayThatIsNoIsoDurationIsMarkedOnTheValue() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task @DependsOn(\"load\")",
            "  @Delay(\"10 minutes\")",
            "  public String remind(String load) { return load; }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:invalid-duration] @Delay \"10 minutes\" is not an ISO-8601 duration; write it"
            + " like \"PT1S\" (one second), \"PT0.5S\" or \"PT5M\"";
    Assertions.assertThat(Messages.invalidDuration("@Delay", "10 minutes")).isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@Delay(\"10 minutes\")");
    assertThat(compilation).hadErrorCount(1);
    Assertions.assertThat(Flows.generatedClasses(source)).isEmpty();
  }

  @Test
  void zeroOrNegativeDelaysAreEachReported() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task @Delay(\"PT0S\") public String load() { return \"a\"; }",
            "  @Task @DependsOn(\"load\") @Timeout(\"PT1S\")",
            "  @Delay(\"-PT10M\")",
            "  public String remind(String load) { return load; }",
            "}");

    Compilation compilation = compile(source);

    String zero =
        "[hypha:non-positive-duration] @Delay \"PT0S\" is not positive; give a duration above"
            + " zero, such as \"PT1S\"";
    Assertions.assertThat(Messages.nonPositiveDuration("@Delay", "PT0S")).isEqualTo(zero);
    assertThat(compilation).hadErrorContaining(zero).inFile(source).onLineContaining("PT0S");
    assertThat(compilation)
        .hadErrorContaining(Messages.nonPositiveDuration("@Delay", "-PT10M"))
        .inFile(source)
        .onLineContaining("-PT10M");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void zeroOrNegativeDurationsAreEachReported() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow(deadline = \"-PT1H\") public class Orders {",
            "  @Task @Timeout(\"PT0S\") public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.nonPositiveDuration("@Timeout", "PT0S"))
        .inFile(source)
        .onLineContaining("PT0S");
    assertThat(compilation)
        .hadErrorContaining(Messages.nonPositiveDuration("@Flow deadline", "-PT1H"))
        .inFile(source)
        .onLineContaining("-PT1H");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void maxBackoffShorterThanBackoffIsMarkedOnMaxBackoff() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task",
            "  @Retry(backoff = \"PT10S\",",
            "      maxBackoff = \"PT2S\")",
            "  public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.retryMaxBackoff("PT2S", "PT10S"))
        .inFile(source)
        .onLineContaining("maxBackoff = \"PT2S\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void backoffLongerThanTheDefaultMaxBackoffIsMarkedOnBackoff() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task @Retry(backoff = \"PT10M\") public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.retryMaxBackoff("PT5M", "PT10M"))
        .inFile(source)
        .onLineContaining("PT10M");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void maxAttemptsBelowOne() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task @Retry(maxAttempts = 0) public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.retryMaxAttempts(0))
        .inFile(source)
        .onLineContaining("maxAttempts = 0");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void multiplierBelowOne() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task @Retry(multiplier = 0.5) public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.retryMultiplier(0.5))
        .inFile(source)
        .onLineContaining("multiplier = 0.5");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void infiniteMultiplierIsRejectedToo() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task @Retry(multiplier = 1.0 / 0) public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.retryMultiplier(Double.POSITIVE_INFINITY))
        .inFile(source)
        .onLineContaining("multiplier = 1.0 / 0");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void jitterOutsideZeroToOne() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task @Retry(jitter = 1.5) public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.retryJitter(1.5))
        .inFile(source)
        .onLineContaining("jitter = 1.5");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void typeInBothRetryOnAndAbortOnIsMarkedInAbortOn() {
    String line =
        "      abortOn = {IllegalStateException.class, UnsupportedOperationException.class})";
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task",
            "  @Retry(retryOn = {UnsupportedOperationException.class, java.io.IOException.class},",
            line,
            "  public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.retryConflict("UnsupportedOperationException"))
        .inFile(source)
        .onLineContaining("abortOn = ");
    assertThat(compilation).hadErrorCount(1);
    // The class literal is marked (javac puts its position on ".class"), not the annotation.
    int literal = line.indexOf("UnsupportedOperationException.class");
    Assertions.assertThat(compilation.errors().get(0).getColumnNumber())
        .isBetween(literal + 1L, literal + "UnsupportedOperationException.class".length() + 0L);
  }

  @Test
  void flowLevelRetryIsCheckedLikeATasks() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow @Retry(backoff = \"soon\") public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.invalidDuration("@Retry backoff", "soon"))
        .inFile(source)
        .onLineContaining("\"soon\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void compensationRetryIsChecked() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Compensates(\"load\") @Retry(maxAttempts = -1)",
            "  public void unload(String load) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.retryMaxAttempts(-1))
        .inFile(source)
        .onLineContaining("maxAttempts = -1");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void everyWrongValueOfOneRetryIsReported() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task",
            "  @Retry(maxAttempts = 0,",
            "      multiplier = 0.1,",
            "      jitter = -0.5,",
            "      backoff = \"1s\")",
            "  public String load() { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[hypha:retry-max-attempts]");
    assertThat(compilation).hadErrorContaining("[hypha:retry-multiplier]");
    assertThat(compilation).hadErrorContaining("[hypha:retry-jitter]");
    assertThat(compilation).hadErrorContaining("[hypha:invalid-duration]");
    assertThat(compilation).hadErrorCount(4);
  }
}
