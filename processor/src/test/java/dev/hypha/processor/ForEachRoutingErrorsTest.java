package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.compileClean;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.validation.Messages;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * {@code @ForEach} parameters that route a list of a sealed type by subtype, and their mistakes.
 */
class ForEachRoutingErrorsTest {

  /**
   * The flow {@code shop.Domains} with {@code lines} as its methods, after the sealed {@code
   * Lookup} (or the plain interface {@code kind}) and its three records.
   */
  private static JavaFileObject domains(String kind, String... lines) {
    return source(
        "shop.Domains",
        Stream.concat(
                Stream.of(
                    kind,
                    "record Dns(String host) implements Lookup {}",
                    "record Whois(String domain) implements Lookup {}",
                    "record Geo(String host) implements Lookup {}",
                    "@Flow public class Domains {"),
                Stream.concat(Stream.of(lines), Stream.of("}")))
            .toArray(String[]::new));
  }

  private static final String SEALED = "sealed interface Lookup permits Dns, Whois, Geo {}";

  @Test
  void subtypeThatNoTaskRoutesIsReportedOnTheListsTask() {
    JavaFileObject source =
        domains(
            SEALED,
            "  @Task",
            "  public List<Lookup> plan(@Input String domain) { return List.of(); }",
            "  @Task @DependsOn(\"plan\") public String dns(@ForEach Dns lookup) { return \"a\"; }",
            "  @Task @DependsOn(\"plan\")",
            "  public String whois(@ForEach(concurrency = 2) Whois lookup) { return \"o\"; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:unrouted-element] task \"plan\" returns List<Lookup>, whose elements @ForEach tasks"
            + " route by subtype, but no task takes the elements of subtype Geo, so they would be"
            + " left out; add a @ForEach task that takes Geo, or one that takes every Lookup";
    Assertions.assertThat(
            Messages.unroutedElement("plan", "List<Lookup>", "Lookup", List.of("Geo")))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("public List<Lookup> plan(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void subtypesUnderASealedIntermediateAreEachReportedUnlessItIsRouted() {
    JavaFileObject source =
        source(
            "shop.Domains",
            "sealed interface Lookup permits Net, Geo {}",
            "sealed interface Net extends Lookup permits Dns, Whois {}",
            "record Dns() implements Net {}",
            "record Whois() implements Net {}",
            "record Geo() implements Lookup {}",
            "@Flow public class Domains {",
            "  @Task public List<Lookup> plan() { return List.of(); }",
            "  @Task public List<? extends Lookup> again() { return List.of(); }",
            "  @Task @DependsOn(\"plan\") public int dns(@ForEach Dns lookup) { return 1; }",
            "  @Task @DependsOn(\"again\") public int net(@ForEach Net again) { return 2; }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:unrouted-element] task \"plan\" returns List<Lookup>, whose elements @ForEach tasks"
            + " route by subtype, but no task takes the elements of subtypes Whois, Geo, so they"
            + " would be left out; add a @ForEach task that takes each of them, or one that takes"
            + " every Lookup";
    Assertions.assertThat(
            Messages.unroutedElement("plan", "List<Lookup>", "Lookup", List.of("Whois", "Geo")))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("public List<Lookup> plan()");
    // Net stands for Dns and Whois: only Geo is left out of the other list.
    assertThat(compilation)
        .hadErrorContaining(
            Messages.unroutedElement("again", "List<? extends Lookup>", "Lookup", List.of("Geo")))
        .inFile(source)
        .onLineContaining("public List<? extends Lookup> again()");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void fanOutOverEveryElementBesideTheRoutesTakesTheSubtypesTheyLeaveOut() {
    compileClean(
        domains(
            SEALED,
            "  @Task public List<Lookup> plan() { return List.of(); }",
            "  @Task @DependsOn(\"plan\") public int dns(@ForEach Dns lookup) { return 1; }",
            "  @Task @DependsOn(\"plan\") public String log(@ForEach Object plan) { return \"\"; }"));
  }

  @Test
  void taskThatTakesTheWholeListIsNoFanOutThatTakesTheSubtypesLeftOut() {
    JavaFileObject source =
        domains(
            SEALED,
            "  @Task public List<Lookup> plan() { return List.of(); }",
            "  @Task @DependsOn(\"plan\") public int dns(@ForEach Dns lookup) { return 1; }",
            "  @Task @DependsOn(\"plan\") public int geo(@ForEach Geo lookup) { return 1; }",
            "  @Task @DependsOn(\"plan\") public int count(List<Lookup> plan) { return 0; }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.unroutedElement("plan", "List<Lookup>", "Lookup", List.of("Whois")))
        .inFile(source)
        .onLineContaining("public List<Lookup> plan()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void fanOutInErrorMayHaveMeantTheSubtypesLeftOut() {
    JavaFileObject source =
        domains(
            SEALED,
            "  @Task public List<Lookup> plan() { return List.of(); }",
            "  @Task @DependsOn(\"plan\") public int dns(@ForEach Dns lookup) { return 1; }",
            "  @Task @DependsOn(\"plan\")",
            "  public int other(@ForEach @From(\"plna\") Geo lookup) { return 1; }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining("[hypha:from-unknown-task] @From names \"plna\"")
        .inFile(source)
        .onLineContaining("@From(\"plna\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void subtypeOfAnElementTypeThatIsNotSealedIsNotRoutedAndTheMessageSaysSo() {
    JavaFileObject source =
        domains(
            "interface Lookup {}",
            "  @Task public List<Lookup> plan() { return List.of(); }",
            "  @Task @DependsOn(\"plan\")",
            "  public int dns(",
            "      @ForEach",
            "      Dns lookup) {",
            "    return 1;",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:for-each-not-list] @ForEach parameter \"lookup\" (Dns) of task \"dns\" has no list"
            + " to fan out over (its @DependsOn gives \"plan\" (List<Lookup>)), and the elements"
            + " of \"plan\" are routed by subtype only when their type is sealed; declare Lookup"
            + " sealed, or return a List<Dns> from a task in @DependsOn";
    Assertions.assertThat(
            Messages.forEachNotListUnsealed(
                "lookup",
                "Dns",
                "dns",
                List.of("\"plan\" (List<Lookup>)"),
                "Dns",
                "plan",
                "Lookup"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@ForEach");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void subtypeOfAnElementTypeThatIsNotSealedNamedByFromIsNotRoutedEither() {
    JavaFileObject source =
        domains(
            "interface Lookup {}",
            "  @Task public List<Lookup> plan() { return List.of(); }",
            "  @Task @DependsOn(\"plan\")",
            "  public int dns(@ForEach @From(\"plan\") Dns lookup) { return 1; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:for-each-not-list] @ForEach parameter \"lookup\" (Dns) of task \"dns\" takes"
            + " \"plan\", whose output (List<Lookup>) is not a List of Dns, and its elements are"
            + " routed by subtype only when their type is sealed; declare Lookup sealed, or return"
            + " a List<Dns> from \"plan\"";
    Assertions.assertThat(
            Messages.forEachNotListOfUnsealed(
                "lookup", "Dns", "dns", "plan", "List<Lookup>", "Lookup"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@ForEach @From(\"plan\") Dns lookup");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void genericSubtypeWhoseTypeArgumentsItsClassCannotTellIsNotRouted() {
    JavaFileObject source =
        source(
            "shop.Parcels",
            "sealed interface Item permits Box, Bag {}",
            "record Box<T>(T content) implements Item {}",
            "record Bag() implements Item {}",
            "@Flow public class Parcels {",
            "  @Task public List<Item> items() { return List.of(); }",
            "  @Task @DependsOn(\"items\")",
            "  public String open(",
            "      @ForEach(concurrency = 3)",
            "      Box<String> box) {",
            "    return box.content();",
            "  }",
            "  @Task @DependsOn(\"items\") public int fold(@ForEach Bag bag) { return 0; }",
            "}");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:for-each-route-generic] @ForEach parameter \"box\" (Box<String>) of task \"open\""
            + " routes the elements of \"items\" (List<Item>) by their class, which cannot tell a"
            + " Box<String> from another Box; declare the parameter Box<?> and check its contents"
            + " in the task, or fan out over every Item";
    Assertions.assertThat(
            Messages.forEachRouteGeneric(
                "box", "Box<String>", "open", "items", "List<Item>", "Box", "Box<?>", "Item"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@ForEach(concurrency = 3)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void twoListsASubtypeCouldBeRoutedFromAreAmbiguous() {
    JavaFileObject source =
        domains(
            SEALED,
            "  @Task public List<Lookup> plan() { return List.of(); }",
            "  @Task public List<Lookup> replan() { return List.of(); }",
            "  @Task @DependsOn({\"plan\", \"replan\"})",
            "  public int dns(@ForEach Dns lookup) { return 1; }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.ambiguousParameter(
                "lookup",
                "Dns",
                "dns",
                List.of("\"plan\" (List<Lookup>)", "\"replan\" (List<Lookup>)"),
                "plan"))
        .inFile(source)
        .onLineContaining("@ForEach Dns lookup");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void listOfASealedTypeOnlyOnABranchCannotBeRoutedEither() {
    JavaFileObject source =
        domains(
            SEALED,
            "  @Task public Optional<List<Lookup>> plan() { return Optional.empty(); }",
            "  @Task @DependsOn(\"plan\") public int dns(@ForEach Dns lookup) { return 1; }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.forEachOnBranch(
                "lookup", "Dns", "dns", "plan", "Optional<List<Lookup>>", "List<Lookup>"))
        .inFile(source)
        .onLineContaining("@ForEach Dns lookup");
    assertThat(compilation).hadErrorCount(1);
  }
}
