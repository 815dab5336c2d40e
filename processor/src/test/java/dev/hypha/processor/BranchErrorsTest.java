package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.validation.Messages;
import java.util.List;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The diagnostics of branches and joins, each with its literal text. */
class BranchErrorsTest {
  /** A sealed decision with two subtypes and a letter each branch writes. */
  private static final String[] DECISION = {
    "  public sealed interface Decision permits Approved, Rejected {}",
    "  public record Approved() implements Decision {}",
    "  public record Rejected() implements Decision {}",
    "  public record Letter(String text) {}",
    "  @Task public Decision decide() { return new Approved(); }",
  };

  private static final String DEPENDS_ON_AUDIT = "  @Task @DependsOn({\"decide\", \"audit\"})";

  @Test
  void twoSubtypesOfOneDecisionInOneTaskConflict() {
    JavaFileObject source =
        flow(
            "  @Task @DependsOn(\"decide\")",
            "  public String settle(@From(\"decide\") Approved approved,",
            "      @From(\"decide\") Rejected rejected) {",
            "    return \"never\";",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:conflicting-branches] parameters \"approved\" (Orders.Approved) and \"rejected\""
            + " (Orders.Rejected) of task \"settle\" need \"decide\" to return both, so task"
            + " \"settle\" could never run; take Orders.Decision whole and switch on it, or split"
            + " \"settle\" into one task per subtype";
    Assertions.assertThat(
            Messages.conflictingBranches(
                "approved",
                "Orders.Approved",
                "rejected",
                "Orders.Rejected",
                "settle",
                "decide",
                "Orders.Decision"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("Rejected rejected");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void overlappingSubtypesThatNoOneSubtypeStandsForAreReported() {
    JavaFileObject source =
        source(
            "shop.Claims",
            "@Flow public class Claims {",
            "  public sealed interface Decision permits Paid, Flagged {}",
            "  public sealed interface Paid extends Decision permits Full, Partial, Split {}",
            "  public sealed interface Flagged extends Decision permits Partial, Split, Fraud {}",
            "  public record Full() implements Paid {}",
            "  public record Partial() implements Paid, Flagged {}",
            "  public record Split() implements Paid, Flagged {}",
            "  public record Fraud() implements Flagged {}",
            "  @Task public Decision decide() { return new Full(); }",
            "  @Task @DependsOn(\"decide\")",
            "  public String audit(Paid paid,",
            "      Flagged flagged) {",
            "    return \"audited\";",
            "  }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:no-common-subtype] parameters \"paid\" (Claims.Paid) and \"flagged\""
            + " (Claims.Flagged) of task \"audit\" need \"decide\" to return both at once, which"
            + " only Claims.Partial and Claims.Split are, and no one subtype of Claims.Decision"
            + " stands for exactly those; take Claims.Decision whole and switch on it, or split"
            + " \"audit\" into one task per subtype";
    Assertions.assertThat(
            Messages.noCommonSubtype(
                List.of("\"paid\" (Claims.Paid)", "\"flagged\" (Claims.Flagged)"),
                "audit",
                "decide",
                "Claims.Decision",
                List.of("Claims.Partial", "Claims.Split")))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("Flagged flagged)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void joinOfTwoBranchesWithPlainParametersNamesEachArm() {
    JavaFileObject source =
        flow(
            "  @Task @DependsOn(\"decide\")",
            "  public Letter approve(Approved approved) { return new Letter(\"yes\"); }",
            "  @Task @DependsOn(\"decide\")",
            "  public Letter reject(Rejected rejected) { return new Letter(\"no\"); }",
            "  @Task @DependsOn({\"approve\", \"reject\"})",
            "  public String send(Letter approve,",
            "      Letter reject) {",
            "    return approve.text();",
            "  }");

    Compilation compilation = compile(source);

    String approve =
        "[hypha:join-not-optional] parameter \"approve\" (Orders.Letter) of task \"send\" is not"
            + " Optional, but \"approve\" runs only when \"decide\" returns Orders.Approved, and"
            + " task \"send\" also follows the branch where it returns Orders.Rejected; declare"
            + " the parameter Optional<Orders.Letter> to join the branches";
    Assertions.assertThat(
            Messages.joinNotOptional(
                "approve",
                "Orders.Letter",
                "send",
                "approve",
                "decide",
                "Orders.Approved",
                "Orders.Rejected",
                "Optional<Orders.Letter>"))
        .isEqualTo(approve);
    assertThat(compilation)
        .hadErrorContaining(approve)
        .inFile(source)
        .onLineContaining("Letter approve,");
    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:join-not-optional] parameter \"reject\" (Orders.Letter) of task \"send\" is"
                + " not Optional, but \"reject\" runs only when \"decide\" returns"
                + " Orders.Rejected")
        .inFile(source)
        .onLineContaining("Letter reject)");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void joinWaitingForAVoidArmIsMarkedInsideDependsOn() {
    JavaFileObject source =
        flow(
            "  @Task @DependsOn(\"decide\")",
            "  public void audit(Approved approved) {}",
            DEPENDS_ON_AUDIT,
            "  public String send(Rejected rejected) { return \"sent\"; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:join-not-optional] @DependsOn of task \"send\" names \"audit\", which runs only"
            + " when \"decide\" returns Orders.Approved, and task \"send\" also follows the branch"
            + " where it returns Orders.Rejected; return a value from \"audit\" and take it as an"
            + " Optional parameter to join the branches";
    Assertions.assertThat(
            Messages.joinNotOptionalOrdering(
                "send", "audit", "decide", "Orders.Approved", "Orders.Rejected", null))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@DependsOn({\"decide\", \"audit\"})");
    assertThat(compilation).hadErrorCount(1);
    // The name inside @DependsOn is marked, not the method.
    Assertions.assertThat(compilation.errors().get(0).getColumnNumber())
        .isEqualTo(DEPENDS_ON_AUDIT.indexOf("\"audit\"") + 1);
  }

  @Test
  void joinWaitingForAnArmWithoutTakingItsOutputSaysToTakeIt() {
    JavaFileObject source =
        flow(
            "  @Task @DependsOn(\"decide\")",
            "  public Letter approve(Approved approved) { return new Letter(\"yes\"); }",
            "  @Task @DependsOn({\"decide\", \"approve\"})",
            "  public String send(Rejected rejected) { return \"sent\"; }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:join-not-optional] @DependsOn of task \"send\" names \"approve\", which runs"
                + " only when \"decide\" returns Orders.Approved, and task \"send\" also follows"
                + " the branch where it returns Orders.Rejected; take the output of \"approve\""
                + " as a parameter Optional<Orders.Letter> to join the branches")
        .inFile(source)
        .onLineContaining("@DependsOn({\"decide\", \"approve\"})");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void subtypeNoTaskTakesIsUnhandledAlsoInsideANestedSealedType() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  public sealed interface Decision permits Approved, Denied {}",
            "  public record Approved() implements Decision {}",
            "  public sealed interface Denied extends Decision permits Rejected, Expired {}",
            "  public record Rejected() implements Denied {}",
            "  public record Expired() implements Denied {}",
            "  @Task public Decision decide() { return new Approved(); }",
            "  @Task @DependsOn(\"decide\") public String approve(Approved a) { return \"a\"; }",
            "  @Task @DependsOn(\"decide\") public String reject(Rejected r) { return \"r\"; }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:unhandled-variant] task \"decide\" returns sealed Orders.Decision, but no task"
            + " takes its subtype Orders.Expired; add a task that takes Orders.Expired, or take"
            + " Orders.Decision whole in one task";
    Assertions.assertThat(
            Messages.unhandledVariant("decide", "Orders.Decision", List.of("Orders.Expired")))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("public Decision decide()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void subtypeNoTaskTakesIsUnhandledWhenNestedSubtypesArePermittedImplicitly() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  public sealed interface Decision {}",
            "  public record Approved() implements Decision {}",
            "  public sealed interface Denied extends Decision {}",
            "  public record Rejected() implements Denied {}",
            "  public record Expired() implements Denied {}",
            "  @Task public Decision decide() { return new Approved(); }",
            "  @Task @DependsOn(\"decide\") public String approve(Approved a) { return \"a\"; }",
            "  @Task @DependsOn(\"decide\") public String reject(Rejected r) { return \"r\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:unhandled-variant] task \"decide\" returns sealed Orders.Decision, but no"
                + " task takes its subtype Orders.Expired; add a task that takes Orders.Expired,"
                + " or take Orders.Decision whole in one task")
        .inFile(source)
        .onLineContaining("public Decision decide()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void subtypeNoTaskTakesIsUnhandledWhenTopLevelSubtypesArePermittedImplicitly() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "sealed interface Decision {}",
            "record Approved() implements Decision {}",
            "record Rejected() implements Decision {}",
            "final class Expired implements Decision {}",
            "@Flow public class Orders {",
            "  @Task public Decision decide() { return new Approved(); }",
            "  @Task @DependsOn(\"decide\") public String approve(Approved a) { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:unhandled-variant] task \"decide\" returns sealed Decision, but no task takes"
                + " its subtypes Rejected, Expired; add a task that takes each of them, or take"
                + " Decision whole in one task")
        .inFile(source)
        .onLineContaining("public Decision decide()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void severalUnhandledSubtypesAreListedTogether() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  public sealed interface Decision permits Approved, Rejected, Expired {}",
            "  public record Approved() implements Decision {}",
            "  public record Rejected() implements Decision {}",
            "  public record Expired() implements Decision {}",
            "  @Task public Decision decide() { return new Approved(); }",
            "  @Task @DependsOn(\"decide\") public String approve(Approved a) { return \"a\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:unhandled-variant] task \"decide\" returns sealed Orders.Decision, but no"
                + " task takes its subtypes Orders.Rejected, Orders.Expired; add a task that"
                + " takes each of them, or take Orders.Decision whole in one task")
        .inFile(source)
        .onLineContaining("public Decision decide()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void optionalOfATaskThatAlwaysRunsSaysToTakeTheValue() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  public record Order(String id) {}",
            "  @Task public Order load() { return new Order(\"1\"); }",
            "  @Task @DependsOn(\"load\")",
            "  public String ship(Optional<Order> load) { return \"shipped\"; }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:optional-never-absent] parameter \"load\" (Optional<Orders.Order>) of task"
            + " \"ship\" takes \"load\", which always runs before task \"ship\", so it is never"
            + " empty; declare the parameter as Orders.Order";
    Assertions.assertThat(
            Messages.optionalNeverAbsent(
                "load", "Optional<Orders.Order>", "ship", "load", "Orders.Order"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("Optional<Order> load");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void optionalOfAnOptionalOutputThatAlwaysRunsIsStillATypeMismatch() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public Optional<String> find() { return Optional.empty(); }",
            "  @Task @DependsOn(\"find\")",
            "  public String use(Optional<Object> find) { return \"used\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.typeMismatch("find", "Optional<Object>", "use", "find", "Optional<String>"))
        .inFile(source)
        .onLineContaining("Optional<Object> find");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void optionalParameterOnAnOptionalOutputThatMayNotRunIsAmbiguous() {
    JavaFileObject source =
        flow(
            "  @Task @DependsOn(\"decide\")",
            "  public Optional<Letter> approve(Approved approved) { return Optional.empty(); }",
            "  @Task @DependsOn(\"decide\")",
            "  public Letter reject(Rejected rejected) { return new Letter(\"no\"); }",
            "  @Task @DependsOn(\"approve\")",
            "  public String send(Optional<Letter> approve) { return \"sent\"; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:ambiguous-optional-join] parameter \"approve\" (Optional<Orders.Letter>) of task"
            + " \"send\" takes \"approve\", which may not run and returns Optional<Orders.Letter>,"
            + " so it could mean that output or a join that is empty when \"approve\" did not"
            + " run; to join the branches declare it Optional<Optional<Orders.Letter>>, to follow"
            + " the branch of \"approve\" also take the subtype or value it runs on";
    Assertions.assertThat(
            Messages.ambiguousOptionalJoin(
                "approve",
                "Optional<Orders.Letter>",
                "send",
                "approve",
                "Optional<Orders.Letter>",
                "Optional<Optional<Orders.Letter>>"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("Optional<Letter> approve)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void joinOfAnArmThatExcludesABranchTheTaskWaitsForIsNeverPresent() {
    JavaFileObject source =
        flow(
            "  @Task @DependsOn(\"decide\")",
            "  public void audit(Approved approved) {}",
            "  @Task @DependsOn(\"decide\")",
            "  public Letter reject(Rejected rejected) { return new Letter(\"no\"); }",
            "  @Task @DependsOn({\"audit\", \"reject\"})",
            "  public String send(Optional<Letter> reject) { return \"sent\"; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:optional-never-present] parameter \"reject\" (Optional<Orders.Letter>) of task"
            + " \"send\" joins \"reject\", which runs only when \"decide\" returns"
            + " Orders.Rejected, but task \"send\" waits for \"audit\", which runs only when it"
            + " returns Orders.Approved, so the parameter is always empty; remove the parameter,"
            + " or make task \"send\" join \"audit\" too";
    Assertions.assertThat(
            Messages.optionalNeverPresent(
                "reject",
                "Optional<Orders.Letter>",
                "send",
                "reject",
                "decide",
                "Orders.Rejected",
                "Orders.Approved",
                "audit"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("Optional<Letter> reject)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void joinOfAnArmThatExcludesTheTasksOwnSubtypeIsNeverPresent() {
    JavaFileObject source =
        flow(
            "  @Task @DependsOn(\"decide\")",
            "  public Letter reject(Rejected rejected) { return new Letter(\"no\"); }",
            "  @Task @DependsOn({\"decide\", \"reject\"})",
            "  public String send(Approved approved, Optional<Letter> reject) { return \"s\"; }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:optional-never-present] parameter \"reject\" (Optional<Orders.Letter>) of"
                + " task \"send\" joins \"reject\", which runs only when \"decide\" returns"
                + " Orders.Rejected, but task \"send\" runs only when it returns Orders.Approved,"
                + " so the parameter is always empty; remove the parameter")
        .inFile(source)
        .onLineContaining("Optional<Letter> reject)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void subtypeTheGeneratedClassCannotSeeIsReported() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  public sealed interface Decision permits Approved, Rejected {}",
            "  private record Approved() implements Decision {}",
            "  public record Rejected() implements Decision {}",
            "  @Task public Decision decide() { return new Rejected(); }",
            "  @Task @DependsOn(\"decide\") public String yes(Approved a) { return \"a\"; }",
            "  @Task @DependsOn(\"decide\") public String no(Rejected r) { return \"r\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.typeNotAccessible(
                "parameter \"a\" of task \"yes\"", "Orders.Approved", "package shop"))
        .inFile(source)
        .onLineContaining("Approved a)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void parameterInErrorBringsNoBranchErrorsOfItsOwn() {
    JavaFileObject source =
        flow(
            "  @Task @DependsOn(\"decide\")",
            "  public Letter approve(Approved approved) { return new Letter(\"yes\"); }",
            "  @Task @DependsOn(\"decide\")",
            "  public Letter reject(Integer rejected) { return new Letter(\"no\"); }",
            "  @Task @DependsOn({\"approve\", \"reject\"})",
            "  public String send(Optional<Letter> approve) { return \"sent\"; }");

    Compilation compilation = compile(source);

    // reject may have meant to take Rejected: no unhandled-variant for decide, no join error for
    // send, whose ordering-only edge from reject would otherwise conflict.
    assertThat(compilation)
        .hadErrorContaining("[hypha:unbound-parameter] parameter \"rejected\" (Integer)")
        .inFile(source)
        .onLineContaining("Integer rejected");
    assertThat(compilation).hadErrorCount(1);
  }

  /** A flow {@code shop.Orders} with {@link #DECISION} and then {@code lines}. */
  private static JavaFileObject flow(String... lines) {
    List<String> all = new java.util.ArrayList<>();
    all.add("@Flow public class Orders {");
    all.addAll(List.of(DECISION));
    all.addAll(List.of(lines));
    all.add("}");
    return source("shop.Orders", all.toArray(String[]::new));
  }
}
