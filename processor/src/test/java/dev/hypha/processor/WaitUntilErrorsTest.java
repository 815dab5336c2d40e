package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.model.Binding;
import dev.hypha.processor.validation.Messages;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** {@code @WaitUntil} parameters that cannot say when their task starts. */
class WaitUntilErrorsTest {

  @Test
  void parameterThatIsNotAnInstant() {
    JavaFileObject source =
        source(
            "shop.Reminders",
            "@Flow public class Reminders {",
            "  @Task public String plan() { return \"tomorrow\"; }",
            "  @Task @DependsOn(\"plan\")",
            "  public String remind(@WaitUntil String plan) { return plan; }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:wait-until-not-instant] @WaitUntil parameter \"plan\" (String) of task \"remind\""
            + " is not an Instant; declare it as java.time.Instant, taken from a dependency that"
            + " returns the instant to wait for";
    Assertions.assertThat(Messages.waitUntilNotInstant("plan", "String", "remind"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@WaitUntil String plan");
    assertThat(compilation).hadErrorCount(1);
    Assertions.assertThat(Flows.generatedClasses(source)).isEmpty();
  }

  @Test
  void inputParameterIsNotADependencysOutput() {
    JavaFileObject source =
        source(
            "shop.Reminders",
            "@Flow public class Reminders {",
            "  @Task public String plan() { return \"a\"; }",
            "  @Task @DependsOn(\"plan\")",
            "  public String remind(String plan, @Input @WaitUntil java.time.Instant at) {",
            "    return plan;",
            "  }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:wait-until-not-output] @WaitUntil parameter \"at\" of task \"remind\" takes the"
            + " run's @Input, not a dependency's output as it is; take the Instant a task in"
            + " @DependsOn returns, or remove @WaitUntil";
    Assertions.assertThat(Messages.waitUntilNotOutput("at", "remind", new Binding.Input()))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@WaitUntil java.time.Instant at");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void parameterThatFollowsABranchIsNotADependencysOutput() {
    JavaFileObject source =
        source(
            "shop.Reminders",
            "@Flow public class Reminders {",
            "  @Task public Optional<java.time.Instant> plan() { return Optional.empty(); }",
            "  @Task @DependsOn(\"plan\")",
            "  public String remind(@WaitUntil java.time.Instant plan) { return \"r\"; }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:wait-until-not-output] @WaitUntil parameter \"plan\" of task \"remind\" takes the"
            + " value inside the Optional output of \"plan\", a branch, not a dependency's output"
            + " as it is; take the Instant a task in @DependsOn returns, or remove @WaitUntil";
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@WaitUntil java.time.Instant plan");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void secondWaitUntilOfATaskIsReported() {
    JavaFileObject source =
        source(
            "shop.Reminders",
            "@Flow public class Reminders {",
            "  @Task public java.time.Instant plan() { return java.time.Instant.EPOCH; }",
            "  @Task public java.time.Instant review() { return java.time.Instant.EPOCH; }",
            "  @Task @DependsOn({\"plan\", \"review\"})",
            "  public String remind(",
            "      @WaitUntil java.time.Instant plan,",
            "      @WaitUntil java.time.Instant review) {",
            "    return \"r\";",
            "  }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:duplicate-wait-until] @WaitUntil is on parameter \"review\" of task \"remind\","
            + " which has it on \"plan\" already; keep one @WaitUntil per task";
    Assertions.assertThat(Messages.duplicateWaitUntil("review", "remind", "plan"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@WaitUntil java.time.Instant review");
    assertThat(compilation).hadErrorCount(1);
  }
}
