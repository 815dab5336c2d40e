package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.validation.Messages;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** {@code @Signal} parameters that cannot make their task wait for a signal. */
class SignalErrorsTest {

  /**
   * The flow {@code shop.Review} with {@code lines} as its methods, after the records it uses and a
   * task {@code request} that returns a String.
   */
  private static JavaFileObject review(String... lines) {
    return source(
        "shop.Review",
        Stream.concat(
                Stream.of(
                    "record Approval(String by, boolean approved) {}",
                    "record Decision(boolean approved) {}",
                    "@Flow public class Review {",
                    "  @Task public String request(@Input String doc) { return doc; }"),
                Stream.concat(Stream.of(lines), Stream.of("}")))
            .toArray(String[]::new));
  }

  @Test
  void nameThatIsNotASignalNameIsReportedOnTheName() {
    JavaFileObject source =
        review(
            "  @Task @DependsOn(\"request\")",
            "  public String decide(",
            "      String request,",
            "      @Signal(",
            "          \"1st approval\")",
            "      Approval approval) {",
            "    return request;",
            "  }",
            "  @Task public String blank(@Signal(\"\") Approval approval) { return \"\"; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:signal-name] @Signal name \"1st approval\" of parameter \"approval\" of task"
            + " \"decide\" is not a valid signal name; start with a letter and use only letters,"
            + " digits, '_' and '-'";
    Assertions.assertThat(Messages.signalName("1st approval", "approval", "decide"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("\"1st approval\")");
    assertThat(compilation)
        .hadErrorContaining(Messages.signalName("", "approval", "blank"))
        .inFile(source)
        .onLineContaining("@Signal(\"\")");
    assertThat(compilation).hadErrorCount(2);
    Assertions.assertThat(Flows.generatedClasses(source)).isEmpty();
  }

  @Test
  void twoNamesThatMakeOneGeneratedMethodAreReportedOnTheLaterName() {
    JavaFileObject source =
        review(
            "  @Task @DependsOn(\"request\")",
            "  public String decide(String request, @Signal(\"manager-approval\") Approval a) {",
            "    return request;",
            "  }",
            "  @Task @DependsOn(\"request\")",
            "  public String remind(",
            "      String request,",
            "      @Signal(",
            "          \"manager_approval\")",
            "      Approval approval) {",
            "    return request;",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:signal-name] @Signal name \"manager_approval\" of parameter \"approval\" of task"
            + " \"remind\" makes the generated method signalManagerApproval(), as signal"
            + " \"manager-approval\" of task \"decide\" does; give both tasks one name for one"
            + " signal, or rename one so the names differ in more than '-' and '_' or the case"
            + " of a first letter";
    Assertions.assertThat(
            Messages.signalNameClash(
                "manager_approval",
                "approval",
                "remind",
                "signalManagerApproval",
                "manager-approval",
                "decide"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("\"manager_approval\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void namesThatDifferInTheCaseOfTheirFirstLetterMakeOneGeneratedMethod() {
    JavaFileObject source =
        review(
            "  @Task public String a(@Signal(\"approval\") Approval a) { return \"\"; }",
            "  @Task public String b(@Signal(\"Approval\") Approval b) { return \"\"; }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.signalNameClash("Approval", "b", "b", "signalApproval", "approval", "a"))
        .inFile(source)
        .onLineContaining("@Signal(\"Approval\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void timeoutThatIsNotAPositiveIsoDurationIsReportedOnTheTimeout() {
    JavaFileObject source =
        review(
            "  @Task public String a(",
            "      @Signal(",
            "          value = \"approval\",",
            "          timeout = \"3 days\")",
            "      Approval approval) {",
            "    return \"\";",
            "  }",
            "  @Task public String b(",
            "      @Signal(",
            "          value = \"approval\",",
            "          timeout = \"PT0S\")",
            "      Approval approval) {",
            "    return \"\";",
            "  }");

    Compilation compilation = compile(source);

    String invalid =
        "[hypha:invalid-duration] @Signal timeout \"3 days\" is not an ISO-8601 duration; write"
            + " it like \"PT1S\" (one second), \"PT0.5S\" or \"PT5M\"";
    Assertions.assertThat(Messages.invalidDuration("@Signal timeout", "3 days")).isEqualTo(invalid);
    assertThat(compilation)
        .hadErrorContaining(invalid)
        .inFile(source)
        .onLineContaining("timeout = \"3 days\"");
    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:non-positive-duration] @Signal timeout \"PT0S\" is not positive; give a"
                + " duration above zero, such as \"PT1S\"")
        .inFile(source)
        .onLineContaining("timeout = \"PT0S\"");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void optionalParameterWithoutATimeoutIsNeverEmpty() {
    JavaFileObject source =
        review(
            "  @Task @DependsOn(\"request\")",
            "  public void remind(",
            "      String request,",
            "      @Signal(\"approval\") Optional<Approval> early) {}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:signal-optional-without-timeout] @Signal parameter \"early\""
            + " (Optional<Approval>) of task \"remind\" waits as long as the run lasts, so it is"
            + " never empty; add timeout = \"...\" (such as \"PT24H\") to run the task with an"
            + " empty Optional when no signal came in time, or declare the parameter as Approval";
    Assertions.assertThat(
            Messages.signalOptionalWithoutTimeout(
                "early", "Optional<Approval>", "remind", "Approval"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@Signal(\"approval\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void conditionThatNamesNoMethodSuggestsTheNearestOne() {
    JavaFileObject source =
        review(
            "  public static boolean isFinal(Approval approval) { return true; }",
            "  @Task public String a(",
            "      @Signal(",
            "          value = \"approval\",",
            "          when = \"isFinl\")",
            "      Approval approval) {",
            "    return \"\";",
            "  }",
            "  @Task public String b(",
            "      @Signal(",
            "          value = \"approval\",",
            "          when = \"accepts\")",
            "      Approval approval) {",
            "    return \"\";",
            "  }");

    Compilation compilation = compile(source);

    String suggested =
        "[hypha:signal-condition] @Signal when of parameter \"approval\" of task \"a\" names"
            + " \"isFinl\", which is no method of Review; did you mean \"isFinal\"?";
    Assertions.assertThat(
            Messages.signalConditionUnknown(
                "isFinl",
                "approval",
                "a",
                "Review",
                Optional.of("isFinal"),
                "public static boolean isFinl(Approval payload)"))
        .isEqualTo(suggested);
    assertThat(compilation)
        .hadErrorContaining(suggested)
        .inFile(source)
        .onLineContaining("when = \"isFinl\"");
    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:signal-condition] @Signal when of parameter \"approval\" of task \"b\" names"
                + " \"accepts\", which is no method of Review; declare public static boolean"
                + " accepts(Approval payload) in Review")
        .inFile(source)
        .onLineContaining("when = \"accepts\"");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void conditionThatIsNotAPublicStaticBooleanMethodOfThePayloadIsReportedOnTheCondition() {
    JavaFileObject source =
        review(
            "  public boolean instance(Approval approval) { return true; }",
            "  public static Boolean boxed(Approval approval) { return true; }",
            "  public static boolean two(Approval approval, int round) { return true; }",
            "  public static boolean other(Decision decision) { return true; }",
            "  private void none() {}",
            "  @Task public String a(@Signal(value = \"s\", when = \"instance\") Approval p) {",
            "    return \"\";",
            "  }",
            "  @Task public String b(@Signal(value = \"s\", when = \"boxed\") Approval p) {",
            "    return \"\";",
            "  }",
            "  @Task public String c(@Signal(value = \"s\", when = \"two\") Approval p) {",
            "    return \"\";",
            "  }",
            "  @Task public String d(@Signal(value = \"s\", when = \"other\") Approval p) {",
            "    return \"\";",
            "  }",
            "  @Task public String e(@Signal(value = \"s\", when = \"none\") Approval p) {",
            "    return \"\";",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:signal-condition] @Signal when of parameter \"p\" of task \"a\" names"
            + " instance(), which is not static, but a condition takes the payload and says"
            + " whether the task takes it; declare it public static boolean instance(Approval"
            + " payload)";
    Assertions.assertThat(
            Messages.signalCondition(
                "p",
                "a",
                "instance()",
                List.of("is not static"),
                "public static boolean instance(Approval payload)"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("when = \"instance\"");
    assertThat(compilation)
        .hadErrorContaining("names boxed(), which returns Boolean, but a condition")
        .inFile(source)
        .onLineContaining("when = \"boxed\"");
    assertThat(compilation)
        .hadErrorContaining("names two(), which takes 2 parameters, but a condition")
        .inFile(source)
        .onLineContaining("when = \"two\"");
    assertThat(compilation)
        .hadErrorContaining(
            "names other(), which takes Decision, to which a payload of Approval cannot be"
                + " passed, but a condition")
        .inFile(source)
        .onLineContaining("when = \"other\"");
    assertThat(compilation)
        .hadErrorContaining(
            "names none(), which is neither public nor static, returns void and takes no"
                + " parameter, but a condition takes the payload and says whether the task takes"
                + " it; declare it public static boolean none(Approval payload)")
        .inFile(source)
        .onLineContaining("when = \"none\"");
    assertThat(compilation).hadErrorCount(5);
  }

  @Test
  void oneFittingOverloadOrAnInheritedMethodIsCondition() {
    JavaFileObject base =
        source(
            "shop.Checks",
            "public class Checks {",
            "  public static boolean signed(Object payload) { return payload != null; }",
            "}");
    JavaFileObject source =
        source(
            "shop.Review",
            "record Approval(String by, boolean approved) {}",
            "@Flow public class Review extends Checks {",
            "  public boolean isFinal() { return true; }",
            "  public static boolean isFinal(Approval approval) { return approval.approved(); }",
            "  @Task public String a(@Signal(value = \"s\", when = \"isFinal\") Approval p) {",
            "    return \"\";",
            "  }",
            "  @Task public int b(@Signal(value = \"n\", when = \"signed\") int n) { return n; }",
            "}");

    assertThat(compile(base, source)).succeeded();
  }

  @Test
  void secondSignalOfATaskIsReportedOnItsAnnotation() {
    JavaFileObject source =
        review(
            "  @Task @DependsOn(\"request\")",
            "  public String decide(",
            "      @Signal(\"approval\") Approval approval,",
            "      @Signal(\"decision\") Decision decision) {",
            "    return \"\";",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:duplicate-signal] @Signal is on parameter \"decision\" of task \"decide\", which"
            + " has it on \"approval\" already; keep one @Signal per task, and wait for another"
            + " signal in a task of its own";
    Assertions.assertThat(Messages.duplicateSignal("decision", "decide", "approval"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@Signal(\"decision\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void tasksWaitingForOneSignalWithDifferentPayloadsAreReportedOnTheLaterTask() {
    JavaFileObject source =
        review(
            "  @Task @DependsOn(\"request\")",
            "  public String decide(String request, @Signal(\"approval\") Approval approval) {",
            "    return request;",
            "  }",
            "  @Task @DependsOn(\"request\")",
            "  public void remind(",
            "      String request,",
            "      @Signal(value = \"approval\", timeout = \"PT1H\") Optional<Decision> early) {}",
            "  @Task public int same(@Signal(\"count\") int a) { return a; }",
            "  @Task public int boxed(@Signal(\"count\") Integer b) { return b; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:signal-type-conflict] @Signal parameter \"early\" of task \"remind\" waits for"
            + " signal \"approval\" with a payload of Decision, but task \"decide\" waits for it"
            + " with Approval; one signal has one payload type, take Approval (or"
            + " Optional<Approval>) here, or wait for a signal of another name";
    Assertions.assertThat(
            Messages.signalTypeConflict(
                "early", "remind", "approval", "Decision", "decide", "Approval"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("Optional<Decision> early");
    assertThat(compilation).hadErrorCount(1); // int and Integer are one payload type
  }

  @Test
  void taskThatFansOutCannotWaitForASignal() {
    JavaFileObject source =
        review(
            "  @Task public List<String> pages() { return List.of(); }",
            "  @Task @DependsOn(\"pages\")",
            "  public String read(@ForEach String page, @Signal(\"go\") String go) {",
            "    return page;",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:signal-with-for-each] @Signal parameter \"go\" of task \"read\" makes it wait for"
            + " a signal, but @ForEach on parameter \"page\" makes it fan out, and a signal is"
            + " taken by a task that runs once; wait for the signal in a task that \"read\""
            + " depends on";
    Assertions.assertThat(Messages.signalWithForEach("go", "read", "page")).isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@Signal(\"go\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void loopCannotWaitForASignal() {
    JavaFileObject source =
        review(
            "  @Task public int start() { return 3; }",
            "  @Task @DependsOn(\"start\")",
            "  public Step<Integer, String> count(@Loop int start, @Signal(\"go\") String go) {",
            "    return Step.done(go);",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:signal-with-loop] @Signal parameter \"go\" of task \"count\" makes it wait for a"
            + " signal, but @Loop on parameter \"start\" makes it a loop, and a signal is taken by"
            + " a task that runs once; wait for the signal in a task that \"count\" depends on";
    Assertions.assertThat(Messages.signalWithLoop("go", "count", "start")).isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@Signal(\"go\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void taskThatWaitsForATimeCannotWaitForASignal() {
    JavaFileObject source =
        review(
            "  @Task @DependsOn(\"request\") @Delay(\"PT1M\")",
            "  public String later(String request, @Signal(\"go\") String go) { return go; }",
            "  @Task public java.time.Instant due() { return java.time.Instant.EPOCH; }",
            "  @Task @DependsOn(\"due\")",
            "  public String at(@WaitUntil java.time.Instant due, @Signal(\"ok\") String ok) {",
            "    return ok;",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:signal-with-delay] @Signal parameter \"go\" of task \"later\" makes it wait for a"
            + " signal, but its @Delay makes it wait for a time as well, and a task waits for one"
            + " of them; wait for the time in a task that \"later\" depends on";
    Assertions.assertThat(Messages.signalWithDelay("go", "later", "its @Delay"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@Signal(\"go\")");
    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:signal-with-delay] @Signal parameter \"ok\" of task \"at\" makes it wait for a"
                + " signal, but @WaitUntil on parameter \"due\" makes it wait for a time as well")
        .inFile(source)
        .onLineContaining("@Signal(\"ok\")");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void annotationThatMakesASignalParameterTakeSomethingElseIsReportedOnThatAnnotation() {
    JavaFileObject source =
        review(
            "  @Task public List<String> pages() { return List.of(); }",
            "  @Task @DependsOn(\"request\")",
            "  public String a(@Signal(\"a\") @Input String doc) { return doc; }",
            "  @Task @DependsOn(\"request\")",
            "  public String b(@Signal(\"b\") @From(\"request\") String other) { return other; }",
            "  @Task @DependsOn(\"pages\")",
            "  public String c(@Signal(\"c\") @ForEach String page) { return page; }",
            "  @Task @DependsOn(\"request\")",
            "  public Step<String, String> d(@Signal(\"d\") @Loop String request) {",
            "    return Step.done(request);",
            "  }",
            "  @Task public java.time.Instant e(",
            "      @Signal(\"e\") @WaitUntil java.time.Instant at) {",
            "    return at;",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:signal-conflict] @Signal and @Input are both on parameter \"doc\" of task \"a\","
            + " but the parameter takes the signal's payload, not the run's @Input; keep one of"
            + " them, and take the run's @Input in a parameter of its own";
    Assertions.assertThat(Messages.signalConflict("doc", "a", "@Input", "the run's @Input"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@Signal(\"a\") @Input");
    assertThat(compilation)
        .hadErrorContaining(Messages.signalConflict("other", "b", "@From", "a dependency's output"))
        .inFile(source)
        .onLineContaining("@From");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.signalConflict("page", "c", "@ForEach", "an element of a list"))
        .inFile(source)
        .onLineContaining("@ForEach");
    assertThat(compilation)
        .hadErrorContaining(Messages.signalConflict("request", "d", "@Loop", "the state of a loop"))
        .inFile(source)
        .onLineContaining("@Loop");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.signalConflict("at", "e", "@WaitUntil", "an instant to wait until"))
        .inFile(source)
        .onLineContaining("@WaitUntil");
    assertThat(compilation).hadErrorCount(5);
  }

  @Test
  void payloadTypeThatIsRawOrHiddenFromTheGeneratedClass() {
    JavaFileObject source =
        review(
            "  private record Secret(String code) {}",
            "  @SuppressWarnings(\"rawtypes\")",
            "  @Task public int a(@Signal(\"a\") List raw) { return raw.size(); }",
            "  @Task public String b(@Signal(\"b\") Optional raw) { return \"\"; }",
            "  @Task public String c(@Signal(\"c\") Secret secret) { return secret.code(); }");

    Compilation compilation = compile(source);

    String raw =
        "[hypha:raw-type] @Signal parameter \"raw\" of task \"a\" has the raw type List; declare"
            + " its type arguments, such as List<String>";
    Assertions.assertThat(Messages.rawType("@Signal parameter \"raw\" of task \"a\"", "List"))
        .isEqualTo(raw);
    assertThat(compilation).hadErrorContaining(raw).inFile(source).onLineContaining("List raw");
    assertThat(compilation)
        .hadErrorContaining(Messages.rawType("@Signal parameter \"raw\" of task \"b\"", "Optional"))
        .inFile(source)
        .onLineContaining("Optional raw");
    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:type-not-accessible] parameter \"secret\" of task \"c\" uses Review.Secret,"
                + " which the generated class in package shop cannot see; make Review.Secret"
                + " public")
        .inFile(source)
        .onLineContaining("Secret secret");
    assertThat(compilation).hadErrorCount(3);
  }

  @Test
  void signalParameterIsNeitherUnboundNorAmbiguous() {
    JavaFileObject source =
        review(
            "  @Task public String other() { return \"\"; }",
            "  @Task @DependsOn({\"request\", \"other\"})",
            "  public String join(String request, String other, @Signal(\"note\") String note) {",
            "    return request + other + note;",
            "  }",
            "  @Task public String alone(@Signal(\"start\") String start) { return start; }");

    assertThat(compile(source)).succeededWithoutWarnings();
  }
}
