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

/** {@code @ForEach} parameters that cannot fan their task out, and mistakes around fan-outs. */
class ForEachErrorsTest {

  /** The flow {@code shop.Paging} with {@code lines} as its methods, after the records it uses. */
  private static JavaFileObject paging(String... lines) {
    return source(
        "shop.Paging",
        Stream.concat(
                Stream.of(
                    "record Document(String text) {}",
                    "record Page(int number) {}",
                    "record Text(String words) {}",
                    "@Flow public class Paging {"),
                Stream.concat(Stream.of(lines), Stream.of("}")))
            .toArray(String[]::new));
  }

  @Test
  void dependencyWhoseOutputIsNotAListHasNothingToFanOutOver() {
    JavaFileObject source =
        paging(
            "  @Task public Document load(@Input String id) { return new Document(id); }",
            "  @Task @DependsOn(\"load\")",
            "  public Text ocr(",
            "      @ForEach",
            "      Page page) {",
            "    return new Text(\"p\");",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:for-each-not-list] @ForEach parameter \"page\" (Page) of task \"ocr\" has no list"
            + " to fan out over (its @DependsOn gives \"load\" (Document)); return a List<Page>"
            + " from a task in @DependsOn";
    Assertions.assertThat(
            Messages.forEachNotList("page", "Page", "ocr", List.of("\"load\" (Document)"), "Page"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@ForEach");
    assertThat(compilation).hadErrorCount(1);
    Assertions.assertThat(Flows.generatedClasses(source)).isEmpty();
  }

  @Test
  void taskWithoutDependenciesHasNothingToFanOutOver() {
    JavaFileObject source = paging("  @Task public int count(@ForEach int page) { return page; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:for-each-not-list] @ForEach parameter \"page\" (int) of task \"count\" has no list"
            + " to fan out over (the task has no @DependsOn); return a List<Integer> from a task"
            + " in @DependsOn";
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@ForEach int page");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void listOfElementsThatDoNotFitTheParameterIsNotAListOfIt() {
    JavaFileObject source =
        paging(
            "  @Task public List<String> split() { return List.of(\"a\"); }",
            "  @Task @DependsOn(\"split\")",
            "  public Text ocr(@ForEach @From(\"split\") Page page) { return new Text(\"p\"); }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:for-each-not-list] @ForEach parameter \"page\" (Page) of task \"ocr\" takes"
            + " \"split\", whose output (List<String>) is not a List of Page; return a List<Page>"
            + " from \"split\", or fan out over another task's list with @From";
    Assertions.assertThat(
            Messages.forEachNotListOf("page", "Page", "ocr", "split", "List<String>", "Page"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@ForEach @From(\"split\") Page page");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void dependencyNamedLikeTheParameterMustReturnAListOfIt() {
    JavaFileObject source =
        paging(
            "  @Task public Page split() { return new Page(1); }",
            "  @Task public List<Page> pages() { return List.of(); }",
            "  @Task @DependsOn({\"split\", \"pages\"})",
            "  public Text ocr(@ForEach Page split) { return new Text(\"p\"); }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.forEachNotListOf("split", "Page", "ocr", "split", "Page", "Page"))
        .inFile(source)
        .onLineContaining("@ForEach Page split");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void inputParameterIsNotTheElementOfAList() {
    JavaFileObject source =
        paging(
            "  @Task public Text ocr(@ForEach @Input List<Page> pages) { return new Text(\"p\"); }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:for-each-not-list] @ForEach parameter \"pages\" of task \"ocr\" takes the run's"
            + " @Input, not the elements of a dependency's List; fan out over the List a task in"
            + " @DependsOn returns, or remove @ForEach";
    Assertions.assertThat(Messages.forEachNotListRole("pages", "ocr", new Binding.Input()))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@ForEach @Input List<Page> pages");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void contextParameterIsNotTheElementOfAList() {
    JavaFileObject source =
        paging(
            "  @Task public List<Page> split() { return List.of(); }",
            "  @Task @DependsOn(\"split\")",
            "  public Text ocr(Page page, @ForEach TaskContext context) { return new Text(\"p\"); }");

    Compilation compilation = compile(source);

    // The page that @ForEach should have been on is unbound: both are reported, and as the task
    // has a @ForEach already, the page is not told to take one too.
    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:for-each-not-list] @ForEach parameter \"context\" of task \"ocr\" takes the"
                + " TaskContext, not the elements of a dependency's List")
        .inFile(source)
        .onLineContaining("@ForEach TaskContext context");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.unboundParameter("page", "Page", "ocr", List.of("\"split\" (List<Page>)")))
        .inFile(source)
        .onLineContaining("Page page");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void twoListsThatFitAreAmbiguous() {
    JavaFileObject source =
        paging(
            "  @Task public List<Page> odd() { return List.of(); }",
            "  @Task public List<Page> even() { return List.of(); }",
            "  @Task @DependsOn({\"odd\", \"even\"})",
            "  public Text ocr(@ForEach Page page) { return new Text(\"p\"); }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:ambiguous-parameter] parameter \"page\" (Page) of task \"ocr\" could bind to"
            + " \"odd\" (List<Page>) or \"even\" (List<Page>); choose one with @From(\"odd\") or"
            + " rename the parameter to the task's name";
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@ForEach Page page");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void secondForEachOfATaskIsReported() {
    JavaFileObject source =
        paging(
            "  @Task public List<Page> split() { return List.of(); }",
            "  @Task public List<String> languages() { return List.of(); }",
            "  @Task @DependsOn({\"split\", \"languages\"})",
            "  public Text ocr(",
            "      @ForEach Page page,",
            "      @ForEach String language) {",
            "    return new Text(language);",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:duplicate-for-each] @ForEach is on parameter \"language\" of task \"ocr\", which"
            + " has it on \"page\" already; keep one @ForEach per task and take any other list"
            + " whole";
    Assertions.assertThat(Messages.duplicateForEach("language", "ocr", "page")).isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@ForEach String language");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void negativeConcurrencyIsReportedOnItsValue() {
    JavaFileObject source =
        paging(
            "  @Task public List<Page> split() { return List.of(); }",
            "  @Task @DependsOn(\"split\")",
            "  public Text ocr(",
            "      @ForEach(",
            "          concurrency = -2)",
            "      Page page) {",
            "    return new Text(\"p\");",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:for-each-concurrency] @ForEach concurrency of parameter \"page\" of task \"ocr\""
            + " is -2; set 0 for no limit of its own, or the most instances that may run at once";
    Assertions.assertThat(Messages.forEachConcurrency("page", "ocr", -2)).isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("concurrency = -2");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void listThatComesOnlyOnABranchCannotBeFannedOutOver() {
    JavaFileObject source =
        paging(
            "  @Task public Optional<List<Page>> split() { return Optional.empty(); }",
            "  @Task @DependsOn(\"split\")",
            "  public Text ocr(",
            "      @ForEach",
            "      Page page) {",
            "    return new Text(\"p\");",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:for-each-on-branch] @ForEach parameter \"page\" (Page) of task \"ocr\" fans out"
            + " over the Optional output of \"split\" (Optional<List<Page>>), a list only on a"
            + " branch, but a fan-out needs a list that is always there; return List<Page> from"
            + " \"split\", empty when there is nothing to do";
    Assertions.assertThat(
            Messages.forEachOnBranch(
                "page", "Page", "ocr", "split", "Optional<List<Page>>", "List<Page>"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@ForEach");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void listOnABranchNamedByFromCannotBeFannedOutOverEither() {
    JavaFileObject source =
        paging(
            "  @Task public Optional<List<? extends Page>> split() { return Optional.empty(); }",
            "  @Task @DependsOn(\"split\")",
            "  public Text ocr(@ForEach @From(\"split\") Page p) { return new Text(\"p\"); }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.forEachOnBranch(
                "p",
                "Page",
                "ocr",
                "split",
                "Optional<List<? extends Page>>",
                "List<? extends Page>"))
        .inFile(source)
        .onLineContaining("@ForEach @From(\"split\") Page p");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void fanOutThatWouldHaveToJoinBranchesOverItsList() {
    JavaFileObject source =
        source(
            "shop.Paging",
            "sealed interface Decision permits Scanned, Typed {}",
            "record Scanned() implements Decision {}",
            "record Typed() implements Decision {}",
            "record Page(int number) {}",
            "@Flow public class Paging {",
            "  @Task public Decision decide() { return new Scanned(); }",
            "  @Task @DependsOn(\"decide\")",
            "  public List<Page> split(Scanned scanned) { return List.of(); }",
            "  @Task @DependsOn(\"decide\") public String type(Typed typed) { return \"t\"; }",
            "  @Task @DependsOn({\"split\", \"type\"})",
            "  public String ocr(",
            "      @ForEach",
            "      Page page,",
            "      String type) {",
            "    return type;",
            "  }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:for-each-on-branch] @ForEach parameter \"page\" (Page) of task \"ocr\" fans out"
            + " over the list of \"split\", which runs only when \"decide\" returns Scanned, but"
            + " task \"ocr\" also follows the branch where it returns Typed, and a fan-out cannot"
            + " join branches over its list; fan out in a task that follows one branch only, or"
            + " over the list of a task that joins them";
    Assertions.assertThat(
            Messages.forEachOnBranchJoin(
                "page", "Page", "ocr", "split", "decide", "Scanned", "Typed"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@ForEach");
    // The other arm is a join without Optional, as for any task.
    assertThat(compilation)
        .hadErrorContaining(
            Messages.joinNotOptional(
                "type", "String", "ocr", "type", "decide", "Typed", "Scanned", "Optional<String>"))
        .inFile(source)
        .onLineContaining("String type)");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void forEachAndWaitUntilOnOneParameter() {
    JavaFileObject source =
        paging(
            "  @Task public List<java.time.Instant> plan() { return List.of(); }",
            "  @Task @DependsOn(\"plan\")",
            "  public String remind(",
            "      @WaitUntil",
            "      @ForEach",
            "      java.time.Instant at) {",
            "    return \"r\";",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:for-each-wait-until] @ForEach and @WaitUntil are both on parameter \"at\" of task"
            + " \"remind\", but a task waits until one instant, not one per element; remove one of"
            + " them";
    Assertions.assertThat(Messages.forEachWaitUntil("at", "remind")).isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@ForEach");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void parameterThatAnElementWouldFitIsToldAboutForEach() {
    JavaFileObject source =
        paging(
            "  @Task public List<Page> split() { return List.of(); }",
            "  @Task @DependsOn(\"split\") public Text ocr(Page page) { return new Text(\"p\"); }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:unbound-parameter] parameter \"page\" (Page) of task \"ocr\" binds to no"
            + " dependency output (its @DependsOn gives \"split\" (List<Page>)); to run the task"
            + " once per element of the list \"split\" returns, mark the parameter @ForEach";
    Assertions.assertThat(
            Messages.unboundParameterForEach(
                "page", "Page", "ocr", List.of("\"split\" (List<Page>)"), "split"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("Page page");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void dependentThatTakesOneInstancesOutputInsteadOfTheListIsAMismatch() {
    JavaFileObject source =
        paging(
            "  @Task public List<Page> split() { return List.of(); }",
            "  @Task @DependsOn(\"split\")",
            "  public Text ocr(@ForEach Page page) { return new Text(\"p\"); }",
            "  @Task @DependsOn(\"ocr\") public String collect(Text ocr) { return \"all\"; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:type-mismatch] parameter \"ocr\" (Text) of task \"collect\" cannot take the output"
            + " of \"ocr\" (List<Text>); declare the parameter as List<Text> or a supertype of it";
    Assertions.assertThat(Messages.typeMismatch("ocr", "Text", "collect", "ocr", "List<Text>"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("Text ocr)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void primitiveOutputsOfAFanOutAreSeenAsAListOfTheirBox() {
    JavaFileObject source =
        paging(
            "  @Task public List<Page> split() { return List.of(); }",
            "  @Task @DependsOn(\"split\") public int words(@ForEach Page page) { return 1; }",
            "  @Task @DependsOn(\"words\")",
            "  public long total(List<Long> words) { return 0L; }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.typeMismatch("words", "List<Long>", "total", "words", "List<Integer>"))
        .inFile(source)
        .onLineContaining("List<Long> words");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void compensationOfAFanOutTakesTheListOfItsOutputs() {
    JavaFileObject source =
        paging(
            "  @Task public List<Page> split() { return List.of(); }",
            "  @Task @DependsOn(\"split\")",
            "  public Text ocr(@ForEach Page page) { return new Text(\"p\"); }",
            "  @Compensates(\"ocr\") public void forget(Text text) {}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:type-mismatch] parameter \"text\" (Text) of @Compensates method forget() cannot"
            + " take the output of \"ocr\" (List<Text>); declare the parameter as List<Text> or a"
            + " supertype of it";
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("Text text");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void faultHandlerOfAFanOutStandsInForOneInstance() {
    JavaFileObject source =
        paging(
            "  @Task public List<Page> split() { return List.of(); }",
            "  @Task @DependsOn(\"split\")",
            "  public Text ocr(@ForEach Page page) { return new Text(\"p\"); }",
            "  @OnFault(task = \"ocr\", value = IllegalStateException.class)",
            "  public List<Text> blank() { return List.of(); }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:fault-handler-return] @OnFault method blank() returns List<Text>, which cannot"
            + " stand in for the output of one instance of task \"ocr\" (Text), a task that fans"
            + " out; return Text or a subtype of it";
    Assertions.assertThat(
            Messages.faultHandlerReturnInstance(
                "@OnFault method blank()", "List<Text>", "ocr", "Text"))
        .isEqualTo(expected);
    assertThat(compilation).hadErrorContaining(expected).inFile(source).onLineContaining("blank()");
    assertThat(compilation).hadErrorCount(1);
  }
}
