package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.model.Binding;
import dev.hypha.processor.validation.Messages;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** {@code @Loop} parameters that cannot make their task a loop, and mistakes around loops. */
class LoopErrorsTest {

  /**
   * The flow {@code shop.Haggling} with {@code lines} as its methods, after the records it uses.
   */
  private static JavaFileObject haggling(String... lines) {
    return source(
        "shop.Haggling",
        Stream.concat(
                Stream.of(
                    "record Offer(int round, int price) {}",
                    "record Deal(int rounds, int price) {}",
                    "record Price(int cents) {}",
                    "@Flow public class Haggling {"),
                Stream.concat(Stream.of(lines), Stream.of("}")))
            .toArray(String[]::new));
  }

  @Test
  void methodThatDoesNotReturnAStepIsNoLoop() {
    JavaFileObject source =
        haggling(
            "  @Task public Offer open() { return new Offer(1, 100); }",
            "  @Task @DependsOn(\"open\")",
            "  public Deal haggle(",
            "      @Loop",
            "      Offer offer) {",
            "    return new Deal(1, offer.price());",
            "  }",
            "  @Task @DependsOn(\"haggle\") public String sign(Deal haggle) { return \"ok\"; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:loop-not-step] @Loop parameter \"offer\" (Offer) of task \"haggle\" needs its"
            + " method to return Step<Offer, R>, but haggle() returns Deal; return Step<Offer,"
            + " Deal>, Step.again(state) for another iteration or Step.done(result) to end the loop";
    Assertions.assertThat(
            Messages.loopNotStep(
                "offer", "Offer", "haggle", "Offer", "haggle()", "Deal", "Step<Offer, Deal>"))
        .isEqualTo(expected);
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("@Loop");
    assertThat(compilation).hadErrorCount(1);
    Assertions.assertThat(Flows.generatedClasses(source)).isEmpty();
  }

  @Test
  void rawStepIsNoLoopsStep() {
    JavaFileObject source =
        haggling(
            "  @Task public Offer open() { return new Offer(1, 100); }",
            "  @SuppressWarnings(\"rawtypes\")",
            "  @Task @DependsOn(\"open\") public Step haggle(@Loop Offer offer) {",
            "    return Step.again(offer);",
            "  }");

    Compilation compilation = compile(source);

    // Only the loop's error: the raw output is the same mistake.
    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:loop-not-step] @Loop parameter \"offer\" (Offer) of task \"haggle\" needs its"
                + " method to return Step<Offer, R>, but haggle() returns a raw Step; return"
                + " Step<Offer, R>, Step.again(state) for another iteration or Step.done(result)"
                + " to end the loop")
        .inFile(source)
        .onLineContaining("@Loop");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void stepWhoseStateIsNotTheParametersTypeIsNotTheLoopsStep() {
    JavaFileObject source =
        haggling(
            "  @Task public int start() { return 3; }",
            "  @Task @DependsOn(\"start\")",
            "  public Step<Long, String> tick(@Loop int start) { return Step.done(\"x\"); }",
            "  @Task public Offer open() { return new Offer(1, 100); }",
            "  @Task @DependsOn(\"open\")",
            "  public Step<? extends Offer, Deal> haggle(@Loop Offer open) {",
            "    return Step.again(open);",
            "  }",
            "  @Task @DependsOn(\"open\") public void pause(@Loop Offer open) {}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.loopNotStep(
                "start",
                "int",
                "tick",
                "Integer",
                "tick()",
                "Step<Long, String>",
                "Step<Integer, String>"))
        .inFile(source)
        .onLineContaining("@Loop int start");
    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:loop-not-step] @Loop parameter \"open\" (Offer) of task \"haggle\" needs its"
                + " method to return Step<Offer, R>, but haggle() returns Step<? extends Offer,"
                + " Deal>; return Step<Offer, Deal>")
        .inFile(source)
        .onLineContaining("haggle(@Loop Offer open)");
    assertThat(compilation)
        .hadErrorContaining(
            "but pause() returns void; return Step<Offer, Void>, Step.again(state) for another"
                + " iteration or Step.done(result) to end the loop")
        .inFile(source)
        .onLineContaining("pause(@Loop Offer open)");
    assertThat(compilation).hadErrorCount(3);
  }

  @Test
  void inputParameterIsNoStateToStartFrom() {
    JavaFileObject source =
        haggling(
            "  @Task public Step<Offer, Deal> haggle(@Loop @Input Offer offer) {",
            "    return Step.again(offer);",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:loop-not-output] @Loop parameter \"offer\" of task \"haggle\" takes the run's"
            + " @Input, not a dependency's output as it is; start the loop from the output a task"
            + " in @DependsOn returns, or remove @Loop";
    Assertions.assertThat(Messages.loopNotOutput("offer", "haggle", new Binding.Input()))
        .isEqualTo(expected);
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("@Loop");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void contextParameterIsNoStateToStartFrom() {
    JavaFileObject source =
        haggling(
            "  @Task public Step<TaskContext, Deal> haggle(@Loop TaskContext context) {",
            "    return Step.done(new Deal(1, 1));",
            "  }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:loop-not-output] @Loop parameter \"context\" of task \"haggle\" takes the"
                + " TaskContext, not a dependency's output as it is")
        .inFile(source)
        .onLineContaining("@Loop");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void valueInsideAnOptionalOutputIsABranchAndNoStateToStartFrom() {
    JavaFileObject source =
        haggling(
            "  @Task public Optional<Offer> open() { return Optional.empty(); }",
            "  @Task @DependsOn(\"open\")",
            "  public Step<Offer, Deal> haggle(@Loop Offer offer) { return Step.again(offer); }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:loop-not-output] @Loop parameter \"offer\" of task \"haggle\" takes the value"
            + " inside the Optional output of \"open\", a branch, not a dependency's output as it"
            + " is; start the loop from the output a task in @DependsOn returns, or remove @Loop";
    Assertions.assertThat(Messages.loopNotOutput("offer", "haggle", new Binding.Present("open")))
        .isEqualTo(expected);
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("@Loop");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void subtypeOfASealedOutputIsABranchAndNoStateToStartFrom() {
    JavaFileObject source =
        source(
            "shop.Haggling",
            "sealed interface Bid permits Offer, Pass {}",
            "record Offer(int price) implements Bid {}",
            "record Pass() implements Bid {}",
            "record Deal(int price) {}",
            "@Flow public class Haggling {",
            "  @Task public Bid open() { return new Pass(); }",
            "  @Task @DependsOn(\"open\")",
            "  public Step<Offer, Deal> haggle(@Loop Offer offer) { return Step.again(offer); }",
            "  @Task @DependsOn(\"open\") public void leave(Pass pass) {}",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:loop-not-output] @Loop parameter \"offer\" of task \"haggle\" takes the output"
                + " of \"open\" as one of its subtypes, a branch, not a dependency's output as it"
                + " is")
        .inFile(source)
        .onLineContaining("@Loop");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void optionalJoinIsNoStateToStartFrom() {
    JavaFileObject source =
        haggling(
            "  @Task public Optional<Price> quote() { return Optional.empty(); }",
            "  @Task @DependsOn(\"quote\")",
            "  public Offer open(Price quote) { return new Offer(1, quote.cents()); }",
            "  @Task @DependsOn(\"open\")",
            "  public Step<Optional<Offer>, Deal> haggle(@Loop Optional<Offer> open) {",
            "    return Step.done(new Deal(0, 0));",
            "  }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:loop-not-output] @Loop parameter \"open\" of task \"haggle\" takes the output"
                + " of \"open\" as an Optional join, not a dependency's output as it is")
        .inFile(source)
        .onLineContaining("@Loop");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void parameterThatBindsToNoOutputHasNoStateToStartFrom() {
    JavaFileObject source =
        haggling(
            "  @Task public Price quote() { return new Price(100); }",
            "  @Task @DependsOn(\"quote\")",
            "  public Step<Offer, Deal> haggle(",
            "      @Loop(max = 5)",
            "      Offer offer) {",
            "    return Step.again(offer);",
            "  }",
            "  @Task public Step<Offer, Deal> alone(@Loop Offer offer) { return Step.again(offer); }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:loop-not-output] @Loop parameter \"offer\" (Offer) of task \"haggle\" has no"
            + " output to start from (its @DependsOn gives \"quote\" (Price)); return Offer from a"
            + " task in @DependsOn, the loop's first state";
    Assertions.assertThat(
            Messages.loopNoOutput("offer", "Offer", "haggle", List.of("\"quote\" (Price)")))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@Loop(max = 5)");
    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:loop-not-output] @Loop parameter \"offer\" (Offer) of task \"alone\" has no"
                + " output to start from (the task has no @DependsOn); return Offer from a task in"
                + " @DependsOn, the loop's first state")
        .inFile(source)
        .onLineContaining("alone(@Loop Offer offer)");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void secondLoopOfATaskIsReported() {
    JavaFileObject source =
        haggling(
            "  @Task public Offer open() { return new Offer(1, 100); }",
            "  @Task public Price quote() { return new Price(100); }",
            "  @Task @DependsOn({\"open\", \"quote\"})",
            "  public Step<Offer, Deal> haggle(",
            "      @Loop Offer offer,",
            "      @Loop Price price) {",
            "    return Step.again(offer);",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:duplicate-loop] @Loop is on parameter \"price\" of task \"haggle\", which has it"
            + " on \"offer\" already; keep one @Loop per task, on the parameter that takes each"
            + " state";
    Assertions.assertThat(Messages.duplicateLoop("price", "haggle", "offer")).isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@Loop Price price");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void mostIterationsBelowOneIsReportedOnItsValue() {
    JavaFileObject source =
        haggling(
            "  @Task public Offer open() { return new Offer(1, 100); }",
            "  @Task @DependsOn(\"open\")",
            "  public Step<Offer, Deal> haggle(",
            "      @Loop(",
            "          max = 0)",
            "      Offer offer) {",
            "    return Step.again(offer);",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:loop-max] @Loop max of parameter \"offer\" of task \"haggle\" is 0, but it counts"
            + " the first iteration too; set it to 1 or more, the most iterations the loop may"
            + " take";
    Assertions.assertThat(Messages.loopMax("offer", "haggle", 0)).isEqualTo(expected);
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("max = 0");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void taskThatLoopsAndFansOutIsReported() {
    JavaFileObject source =
        haggling(
            "  @Task public Offer open() { return new Offer(1, 100); }",
            "  @Task public List<Price> prices() { return List.of(); }",
            "  @Task @DependsOn({\"open\", \"prices\"})",
            "  public Step<Offer, Deal> haggle(@Loop Offer offer, @ForEach Price price) {",
            "    return Step.again(offer);",
            "  }",
            "  @Task @DependsOn(\"haggle\") public String sign(Deal haggle) { return \"ok\"; }",
            "  @Task public List<Offer> offers() { return List.of(); }",
            "  @Task @DependsOn(\"offers\")",
            "  public Step<Offer, Deal> each(@ForEach @Loop Offer offer) {",
            "    return Step.again(offer);",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:loop-with-for-each] @Loop parameter \"offer\" of task \"haggle\" makes it a loop,"
            + " but @ForEach on parameter \"price\" makes it fan out, and a task fans out or loops,"
            + " not both; move the fan-out or the loop into a task of its own";
    Assertions.assertThat(Messages.loopWithForEach("offer", "haggle", "price")).isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("haggle(@Loop Offer offer");
    assertThat(compilation)
        .hadErrorContaining(Messages.loopWithForEach("offer", "each", "offer"))
        .inFile(source)
        .onLineContaining("each(@ForEach @Loop Offer offer)");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void taskThatLoopsAndWaitsUntilAnInstantIsReported() {
    JavaFileObject source =
        haggling(
            "  @Task public Offer open() { return new Offer(1, 100); }",
            "  @Task public java.time.Instant at() { return java.time.Instant.EPOCH; }",
            "  @Task @DependsOn({\"open\", \"at\"})",
            "  public Step<Offer, Deal> haggle(",
            "      @Loop Offer offer,",
            "      @WaitUntil java.time.Instant at) {",
            "    return Step.again(offer);",
            "  }",
            "  @Task @DependsOn(\"open\")",
            "  public Step<Offer, Deal> again(@Loop @WaitUntil Offer open) {",
            "    return Step.again(open);",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:loop-with-wait-until] @Loop parameter \"offer\" of task \"haggle\" makes it a"
            + " loop, but @WaitUntil on parameter \"at\" makes it wait until an instant, which a"
            + " loop does not; wait in a task that \"haggle\" depends on";
    Assertions.assertThat(Messages.loopWithWaitUntil("offer", "haggle", "at")).isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@Loop Offer offer");
    // On one parameter, only the loop's error: not an Instant is beside the point.
    assertThat(compilation)
        .hadErrorContaining(Messages.loopWithWaitUntil("open", "again", "open"))
        .inFile(source)
        .onLineContaining("@Loop @WaitUntil Offer open");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void stepReturnedWithoutALoopParameterIsReportedOnTheMethod() {
    JavaFileObject source =
        haggling(
            "  @Task public Offer open() { return new Offer(1, 100); }",
            "  @Task @DependsOn(\"open\")",
            "  public Step<Offer, Deal> haggle(Offer offer) { return Step.again(offer); }",
            "  @Task @DependsOn(\"haggle\") public String sign(Deal haggle) { return \"ok\"; }",
            "  @SuppressWarnings(\"rawtypes\")",
            "  @Task public Step raw() { return Step.done(1); }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:step-without-loop] @Task method haggle() returns Step<Offer, Deal>, but none of"
            + " its parameters is @Loop, so the Step would be recorded as a plain value; mark the"
            + " parameter that takes each state (Offer) @Loop, or return a value that is not a"
            + " Step";
    Assertions.assertThat(Messages.stepWithoutLoop("haggle()", "Step<Offer, Deal>", "Offer"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("haggle(Offer offer)");
    // A raw Step: no state type to name, and no raw-type error besides.
    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:step-without-loop] @Task method raw() returns Step, but none of its parameters"
                + " is @Loop, so the Step would be recorded as a plain value; mark the parameter"
                + " that takes each state @Loop, or return a value that is not a Step")
        .inFile(source)
        .onLineContaining("raw()");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void dependentThatTakesTheStepOrTheStateInsteadOfTheResultIsAMismatch() {
    JavaFileObject source =
        haggling(
            "  @Task public Offer open() { return new Offer(1, 100); }",
            "  @Task @DependsOn(\"open\")",
            "  public Step<Offer, Deal> haggle(@Loop Offer open) { return Step.again(open); }",
            "  @Task @DependsOn(\"haggle\")",
            "  public String sign(Step<Offer, Deal> haggle) { return \"ok\"; }",
            "  @Task @DependsOn(\"haggle\")",
            "  public String last(@From(\"haggle\") Offer offer) { return \"ok\"; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:type-mismatch] parameter \"haggle\" (Step<Offer, Deal>) of task \"sign\" cannot"
            + " take the output of \"haggle\" (Deal); declare the parameter as Deal or a supertype"
            + " of it";
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("Step<Offer, Deal> haggle)");
    assertThat(compilation)
        .hadErrorContaining(Messages.typeMismatch("offer", "Offer", "last", "haggle", "Deal"))
        .inFile(source)
        .onLineContaining("Offer offer)");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void faultHandlerOfALoopStandsInForOneIteration() {
    JavaFileObject source =
        haggling(
            "  @Task public Offer open() { return new Offer(1, 100); }",
            "  @Task @DependsOn(\"open\")",
            "  public Step<Offer, Deal> haggle(@Loop Offer open) { return Step.again(open); }",
            "  @OnFault(task = \"haggle\", value = IllegalStateException.class)",
            "  public Deal walkAway() { return new Deal(0, 0); }",
            "  @OnFault(task = \"haggle\", value = ArithmeticException.class)",
            "  public void shrug() {}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:fault-handler-return] @OnFault method walkAway() returns Deal, which cannot stand"
            + " in for one iteration of task \"haggle\" (Step<Offer, Deal>), a loop; return"
            + " Step<Offer, Deal>, Step.again(state) to go on or Step.done(result) to end the loop";
    Assertions.assertThat(
            Messages.faultHandlerReturnIteration(
                "@OnFault method walkAway()", "Deal", "haggle", "Step<Offer, Deal>"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("walkAway()");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.faultHandlerReturnIteration(
                "@OnFault method shrug()", "void", "haggle", "Step<Offer, Deal>"))
        .inFile(source)
        .onLineContaining("shrug()");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void loopThatStartsFromADependencyItTakesABranchOf() {
    JavaFileObject source =
        source(
            "shop.Haggling",
            "sealed interface Bid permits Offer, Pass {}",
            "record Offer(int price) implements Bid {}",
            "record Pass() implements Bid {}",
            "record Deal(int price) {}",
            "@Flow public class Haggling {",
            "  @Task public Bid open() { return new Pass(); }",
            "  @Task @DependsOn(\"open\")",
            "  public Step<Bid, Deal> haggle(@Loop Bid open, Offer offer) {",
            "    return Step.again(open);",
            "  }",
            "  @Task @DependsOn(\"open\") public void leave(Pass pass) {}",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:loop-on-branch] @Loop parameter \"open\" (Bid) of task \"haggle\" starts from the"
            + " output of \"open\", which parameter \"offer\" takes as a branch, but a loop cannot"
            + " start from a dependency it follows a branch of; follow the branch in a task before"
            + " \"haggle\" and start the loop from that task's output";
    Assertions.assertThat(Messages.loopOnBranch("open", "Bid", "haggle", "open", "offer"))
        .isEqualTo(expected);
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("@Loop");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void loopThatWouldHaveToJoinBranchesOverItsState() {
    JavaFileObject source =
        source(
            "shop.Haggling",
            "sealed interface Decision permits Firm, Soft {}",
            "record Firm() implements Decision {}",
            "record Soft() implements Decision {}",
            "record Offer(int price) {}",
            "record Deal(int price) {}",
            "@Flow public class Haggling {",
            "  @Task public Decision decide() { return new Firm(); }",
            "  @Task @DependsOn(\"decide\") public Offer open(Firm firm) { return new Offer(1); }",
            "  @Task @DependsOn(\"decide\") public String soft(Soft soft) { return \"s\"; }",
            "  @Task @DependsOn({\"open\", \"soft\"})",
            "  public Step<Offer, Deal> haggle(",
            "      @Loop Offer open,",
            "      String soft) {",
            "    return Step.again(open);",
            "  }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:loop-on-branch] @Loop parameter \"open\" (Offer) of task \"haggle\" starts from"
            + " the output of \"open\", which runs only when \"decide\" returns Firm, but task"
            + " \"haggle\" also follows the branch where it returns Soft, and a loop cannot join"
            + " branches over its state; loop in a task that follows one branch only, or start"
            + " from the output of a task that joins them";
    Assertions.assertThat(
            Messages.loopOnBranchJoin("open", "Offer", "haggle", "open", "decide", "Firm", "Soft"))
        .isEqualTo(expected);
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("@Loop");
    // The other arm is a join without Optional, as for any task.
    assertThat(compilation)
        .hadErrorContaining(
            Messages.joinNotOptional(
                "soft", "String", "haggle", "soft", "decide", "Soft", "Firm", "Optional<String>"))
        .inFile(source)
        .onLineContaining("String soft)");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void stateTypeTheGeneratedClassCannotSeeIsReported() {
    JavaFileObject source =
        source(
            "shop.Haggling",
            "@Flow public class Haggling {",
            "  private interface Haggle {}",
            "  public record Offer(int price) implements Haggle {}",
            "  @Task public Offer open() { return new Offer(1); }",
            "  @Task @DependsOn(\"open\")",
            "  public Step<Haggle, String> haggle(@Loop Haggle state) { return Step.done(\"d\"); }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.typeNotAccessible(
                "parameter \"state\" of task \"haggle\"", "Haggling.Haggle", "package shop"))
        .inFile(source)
        .onLineContaining("@Loop Haggle state");
    assertThat(compilation).hadErrorCount(1);
  }
}
