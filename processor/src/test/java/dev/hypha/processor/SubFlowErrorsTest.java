package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.validation.Messages;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** Tasks returning {@code SubFlow} that cannot start a child run, and mistakes around them. */
class SubFlowErrorsTest {

  /**
   * The flow {@code shop.Checkout} with {@code lines} as its methods, after the records it uses and
   * a task {@code load} that returns an Order.
   */
  private static JavaFileObject checkout(String... lines) {
    return source(
        "shop.Checkout",
        Stream.concat(
                Stream.of(
                    "record Order(String id, int cents) {}",
                    "record Invoice(String number) {}",
                    "@Flow public class Checkout {",
                    "  @Task public Order load(@Input String id) { return new Order(id, 1); }"),
                Stream.concat(Stream.of(lines), Stream.of("}")))
            .toArray(String[]::new));
  }

  @Test
  void rawSubFlowIsARawTypeThatNamesTheSubFlowToReturn() {
    JavaFileObject source =
        checkout(
            "  @SuppressWarnings(\"rawtypes\")",
            "  @Task @DependsOn(\"load\") public SubFlow bill(Order load) { return null; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:raw-type] @Task method bill() returns the raw type SubFlow; return SubFlow<R> with"
            + " R the child flow's result type, as ChildFlow.sub(...) gives it";
    Assertions.assertThat(Messages.rawSubFlow("bill()")).isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("SubFlow bill(");
    assertThat(compilation).hadErrorCount(1);
    Assertions.assertThat(Flows.generatedClasses(source)).isEmpty();
  }

  @Test
  void rawTypeInsideTheResultIsTheResultsRawType() {
    JavaFileObject source =
        checkout(
            "  @SuppressWarnings(\"rawtypes\")",
            "  @Task @DependsOn(\"load\") public SubFlow<List> bill(Order load) { return null; }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.rawType("the output of task \"bill\"", "List"))
        .inFile(source)
        .onLineContaining("SubFlow<List> bill(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void wildcardResultIsReportedOnTheMethodWithTheTypeToReturn() {
    JavaFileObject source =
        checkout(
            "  @Task @DependsOn(\"load\")",
            "  public SubFlow<? extends Invoice> bill(Order load) { return null; }",
            "  @Task @DependsOn(\"load\") public SubFlow<?> audit(Order load) { return null; }",
            "  @Task @DependsOn(\"load\")",
            "  public SubFlow<? super Invoice> mail(Order load) { return null; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:sub-flow-type] @Task method bill() returns SubFlow<? extends Invoice>, whose"
            + " wildcard leaves open the result type of the child flow, which is the task's output;"
            + " return SubFlow<Invoice> with the child flow's result type, as ChildFlow.sub(...)"
            + " gives it";
    Assertions.assertThat(Messages.subFlowType("bill()", "SubFlow<? extends Invoice>", "Invoice"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("SubFlow<? extends Invoice> bill(");
    assertThat(compilation)
        .hadErrorContaining(Messages.subFlowType("audit()", "SubFlow<?>", "R"))
        .inFile(source)
        .onLineContaining("SubFlow<?> audit(");
    assertThat(compilation)
        .hadErrorContaining(Messages.subFlowType("mail()", "SubFlow<? super Invoice>", "Invoice"))
        .inFile(source)
        .onLineContaining("SubFlow<? super Invoice> mail(");
    assertThat(compilation).hadErrorCount(3);
    Assertions.assertThat(Flows.generatedClasses(source)).isEmpty();
  }

  @Test
  void subFlowInsideAnotherTypeStartsNothing() {
    JavaFileObject source =
        checkout(
            "  @Task @DependsOn(\"load\")",
            "  public Optional<SubFlow<Invoice>> bill(Order load) { return Optional.empty(); }",
            "  @Task @DependsOn(\"load\")",
            "  public Step<Order, SubFlow<Invoice>> retry(@Loop Order load) {",
            "    return Step.again(load);",
            "  }",
            "  @Task @DependsOn(\"load\")",
            "  public SubFlow<List<SubFlow<Invoice>>> all(Order load) { return null; }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:sub-flow-nested] @Task method bill() returns Optional<SubFlow<Invoice>>, a SubFlow"
            + " inside another type, which starts no child run and would be recorded as a plain"
            + " value; return SubFlow<Invoice> itself, from a task of its own";
    Assertions.assertThat(
            Messages.subFlowNested("bill()", "Optional<SubFlow<Invoice>>", "SubFlow<Invoice>"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("Optional<SubFlow<Invoice>> bill(");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.subFlowNested("retry()", "Step<Order, SubFlow<Invoice>>", "SubFlow<Invoice>"))
        .inFile(source)
        .onLineContaining("retry(@Loop");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.subFlowNested("all()", "SubFlow<List<SubFlow<Invoice>>>", "SubFlow<Invoice>"))
        .inFile(source)
        .onLineContaining("all(Order load)");
    assertThat(compilation).hadErrorCount(3);
  }

  @Test
  void taskThatStartsASubFlowCannotFanOut() {
    JavaFileObject source =
        checkout(
            "  @Task public List<Order> orders() { return List.of(); }",
            "  @Task @DependsOn(\"orders\")",
            "  public SubFlow<Invoice> bill(",
            "      @ForEach Order order) {",
            "    return null;",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:sub-flow-with-for-each] @ForEach parameter \"order\" of task \"bill\" makes it fan"
            + " out, but the task returns SubFlow<Invoice>, which starts a child run, and a task"
            + " that starts a child run runs once, from its dependencies' outputs; fan out in a task"
            + " of its own, or pass the list to the child flow and fan out there";
    Assertions.assertThat(Messages.subFlowWithForEach("order", "bill", "SubFlow<Invoice>"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@ForEach Order order");
    assertThat(compilation).hadErrorCount(1);
    Assertions.assertThat(Flows.generatedClasses(source)).isEmpty();
  }

  @Test
  void taskThatStartsASubFlowCannotLoop() {
    JavaFileObject source =
        checkout(
            "  @Task @DependsOn(\"load\")",
            "  public SubFlow<Invoice> bill(",
            "      @Loop(max = 3) Order load) {",
            "    return null;",
            "  }");

    Compilation compilation = compile(source);

    // Only the sub-flow's error: not also loop-not-step for a method that returns no Step.
    String expected =
        "[hypha:sub-flow-with-loop] @Loop parameter \"load\" of task \"bill\" makes it a loop, but"
            + " the task returns SubFlow<Invoice>, which starts a child run, and a task that starts"
            + " a child run runs once, from its dependencies' outputs; loop in a task of its own,"
            + " or inside the child flow";
    Assertions.assertThat(Messages.subFlowWithLoop("load", "bill", "SubFlow<Invoice>"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@Loop(max = 3)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void taskThatStartsASubFlowCannotWaitForASignal() {
    JavaFileObject source =
        checkout(
            "  @Task @DependsOn(\"load\")",
            "  public SubFlow<Invoice> bill(",
            "      Order load,",
            "      @Signal(\"go\") String go) {",
            "    return null;",
            "  }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:sub-flow-with-signal] @Signal parameter \"go\" of task \"bill\" makes it wait for a"
            + " signal, but the task returns SubFlow<Invoice>, which starts a child run, and a task"
            + " that starts a child run runs once, from its dependencies' outputs; wait for the"
            + " signal in a task that \"bill\" depends on";
    Assertions.assertThat(Messages.subFlowWithSignal("go", "bill", "SubFlow<Invoice>"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("@Signal(\"go\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void faultHandlerOfASubFlowTaskStandsInForTheChildsResult() {
    JavaFileObject source =
        checkout(
            "  @Task @DependsOn(\"load\") public SubFlow<Invoice> bill(Order load) { return null; }",
            "  @Task @DependsOn(\"bill\") public String send(Invoice bill) { return \"sent\"; }",
            "  @OnFault(task = \"bill\", value = IllegalStateException.class)",
            "  public SubFlow<Invoice> rebill() { return null; }",
            "  @OnFault(task = \"bill\", value = IllegalArgumentException.class)",
            "  public void shrug() {}",
            "  @OnFault(task = \"bill\", value = java.io.UncheckedIOException.class)",
            "  public Invoice none() { return new Invoice(\"none\"); }");

    Compilation compilation = compile(source);

    String expected =
        "[hypha:fault-handler-return] @OnFault method rebill() returns SubFlow<Invoice>, which"
            + " cannot stand in for the output of task \"bill\" (Invoice), the result of the child"
            + " run it starts; a fault handler starts no child run, return Invoice or a subtype of"
            + " it";
    Assertions.assertThat(
            Messages.faultHandlerReturnSubFlow(
                "@OnFault method rebill()", "SubFlow<Invoice>", "bill", "Invoice"))
        .isEqualTo(expected);
    assertThat(compilation)
        .hadErrorContaining(expected)
        .inFile(source)
        .onLineContaining("rebill()");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.faultHandlerReturnSubFlow(
                "@OnFault method shrug()", "void", "bill", "Invoice"))
        .inFile(source)
        .onLineContaining("shrug()");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void faultHandlerOfASubFlowTaskWhoseResultIsObjectStillReturnsNoSubFlow() {
    JavaFileObject source =
        checkout(
            "  @Task @DependsOn(\"load\") public SubFlow<Object> bill(Order load) { return null; }",
            "  @OnFault(task = \"bill\", value = IllegalStateException.class)",
            "  public SubFlow<Object> rebill() { return null; }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.faultHandlerReturnSubFlow(
                "@OnFault method rebill()", "SubFlow<Object>", "bill", "Object"))
        .inFile(source)
        .onLineContaining("rebill()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void dependentThatTakesTheSubFlowInsteadOfTheChildsResult() {
    JavaFileObject source =
        checkout(
            "  @Task @DependsOn(\"load\") public SubFlow<Invoice> bill(Order load) { return null; }",
            "  @Task @DependsOn(\"bill\")",
            "  public String send(SubFlow<Invoice> bill) { return \"sent\"; }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            "[hypha:type-mismatch] parameter \"bill\" (SubFlow<Invoice>) of task \"send\" cannot"
                + " take the output of \"bill\" (Invoice); declare the parameter as Invoice or a"
                + " supertype of it")
        .inFile(source)
        .onLineContaining("SubFlow<Invoice> bill)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void everyErrorOfASubFlowTaskIsReported() {
    JavaFileObject source =
        checkout(
            "  @Task public List<Order> orders() { return List.of(); }",
            "  @Task @DependsOn({\"orders\", \"load\"})",
            "  public SubFlow<? extends Invoice> bill(",
            "      @ForEach Order orders,",
            "      @Signal(\"go\") String go) {",
            "    return null;",
            "  }");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining("[hypha:sub-flow-type] @Task method bill()")
        .inFile(source)
        .onLineContaining("bill(");
    assertThat(compilation)
        .hadErrorContaining("[hypha:sub-flow-with-for-each]")
        .inFile(source)
        .onLineContaining("@ForEach");
    assertThat(compilation)
        .hadErrorContaining("[hypha:sub-flow-with-signal]")
        .inFile(source)
        .onLineContaining("@Signal");
    assertThat(compilation).hadErrorCount(3);
  }
}
