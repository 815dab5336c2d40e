package dev.hypha.processor;

import static dev.hypha.processor.Flows.compileClean;
import static dev.hypha.processor.Flows.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.hypha.runtime.SubFlow;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.Guard;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Flows whose tasks start a sub-flow by returning {@code SubFlow<R>}, and the {@code sub} factory
 * every flow class gets, compiled and called through their generated code.
 */
class GeneratedSubFlowTest {

  @Test
  void everyFlowClassMakesARunOfItsFlowToStartAsAChild() throws Exception {
    CompiledClasses classes = checkout();
    Class<?> billingFlow = classes.load("shop.BillingFlow");
    Class<?> request = classes.load("shop.Billing$BillingRequest");

    Method sub = billingFlow.getMethod("sub", request);
    Object input = request.getDeclaredConstructors()[0].newInstance("42", 1250);
    SubFlow<?> child = (SubFlow<?>) sub.invoke(null, input);

    assertThat(Modifier.isStatic(sub.getModifiers())).isTrue();
    assertThat(Modifier.isPublic(sub.getModifiers())).isTrue();
    assertThat(sub.getGenericReturnType().getTypeName())
        .isEqualTo("dev.hypha.runtime.SubFlow<shop.Billing$Invoice>");
    assertThat(child.definition().descriptor().name()).isEqualTo("billing");
    assertThat(child.definition().getClass().getName()).isEqualTo("shop.BillingFlow$Definition");
    assertThat(child.input()).isSameAs(input);
    assertThat(
            classes
                .load("shop.CheckoutFlow")
                .getMethod("sub", classes.load(checkout("OrderRequest")))
                .getGenericReturnType())
        .hasToString("dev.hypha.runtime.SubFlow<shop.Checkout$Receipt>");
  }

  @Test
  void taskThatStartsASubFlowIsDescribedWithTheChildsResultAsItsOutput() {
    FlowDescriptor descriptor = checkout().descriptor("shop.CheckoutFlow");

    TaskDescriptor bill = descriptor.task("bill").orElseThrow();
    assertThat(bill.subFlow()).isTrue();
    assertThat(bill.output().type().getTypeName()).isEqualTo("shop.Billing$Invoice");
    assertThat(bill.dependsOn()).containsExactly("load");
    assertThat(bill.retry().maxAttempts()).isEqualTo(2);
    assertThat(bill.forEach()).isEmpty();
    assertThat(bill.loop()).isEmpty();
    assertThat(bill.signal()).isEmpty();
    assertThat(descriptor.task("load").orElseThrow().subFlow()).isFalse();
    assertThat(descriptor.task("send").orElseThrow().subFlow()).isFalse();
    assertThat(descriptor.result().type().getTypeName()).isEqualTo("shop.Checkout$Receipt");
    assertThat(descriptor.mermaid())
        .isEqualTo("graph TD\n  load --> bill[[bill]]\n  bill --> send");
  }

  @Test
  void taskReturnsItsSubFlowWhileDependentsHandlersAndOutputsTakeTheChildsResult()
      throws Exception {
    CompiledClasses classes = checkout();
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.CheckoutFlow");
    Object flow = definition.newInstance().orElseThrow();
    Object input =
        classes.load(checkout("OrderRequest")).getDeclaredConstructors()[0].newInstance("42");

    Object order = definition.invoke(flow, 0, FakeArguments.input(input));
    Object returned = definition.invoke(flow, 1, FakeArguments.input(input).output(0, order));
    SubFlow<?> child = (SubFlow<?>) returned;
    Object invoice =
        classes
            .load("shop.Billing$Invoice")
            .getDeclaredConstructors()[0]
            .newInstance("42", "INV-42", 1250);
    Object receipt = definition.invoke(flow, 2, FakeArguments.none().output(1, invoice));
    Object standIn = definition.invoke(flow, 3, FakeArguments.input(input));
    definition.invoke(flow, 4, FakeArguments.none().output(1, invoice));

    assertThat(child.definition().descriptor().name()).isEqualTo("billing");
    assertThat(child.input()).hasToString("BillingRequest[order=42, cents=1250]");
    assertThat(receipt).hasToString("Receipt[order=42, invoice=INV-42]");
    assertThat(standIn).hasToString("Invoice[order=42, number=none, cents=0]");
    assertThat(classes.load("shop.Checkout").getField("events").get(flow))
        .isEqualTo(List.of("refund INV-42"));
    assertThat(definition.result(FakeArguments.none().output(2, receipt))).isSameAs(receipt);
    Method accessor = classes.load("shop.CheckoutFlow$Outputs").getMethod("bill");
    assertThat(accessor.getReturnType()).isEqualTo(Optional.class);
    assertThat(accessor.getGenericReturnType().getTypeName())
        .isEqualTo("java.util.Optional<shop.Billing$Invoice>");
  }

  @Test
  void subFlowTaskThatIsTheSingleSinkMakesTheChildsResultTheFlowsResult() throws Exception {
    Compilation compilation =
        compileClean(
            source(
                "shop.Words",
                "@Flow public class Words {",
                "  @Task public List<String> split(@Input String text) {",
                "    return List.of(text.split(\" \"));",
                "  }",
                "}"),
            source(
                "shop.Text",
                "@Flow public class Text {",
                "  @Task public SubFlow<List<String>> words(@Input String text) {",
                "    return WordsFlow.sub(text);",
                "  }",
                "}"));
    CompiledClasses classes = new CompiledClasses(compilation);
    FlowDescriptor descriptor = classes.descriptor("shop.TextFlow");
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.TextFlow");
    Object flow = definition.newInstance().orElseThrow();

    TaskDescriptor words = descriptor.task("words").orElseThrow();
    SubFlow<?> child = (SubFlow<?>) definition.invoke(flow, 0, FakeArguments.input("a b"));

    assertThat(words.subFlow()).isTrue();
    assertThat(words.output().type().getTypeName()).isEqualTo("java.util.List<java.lang.String>");
    assertThat(descriptor.result()).isEqualTo(words.output());
    assertThat(child.definition().descriptor().name()).isEqualTo("words");
    assertThat(child.input()).isEqualTo("a b");
    assertThat(definition.result(FakeArguments.none().output(0, List.of("a", "b"))))
        .isEqualTo(List.of("a", "b"));
    assertThat(classes.load("shop.TextFlow").getMethod("sub", String.class).getGenericReturnType())
        .hasToString("dev.hypha.runtime.SubFlow<java.util.List<java.lang.String>>");
    assertThat(
            compilation
                .generatedSourceFile("shop.TextFlow")
                .orElseThrow()
                .getCharContent(true)
                .toString())
        .contains(
            "TaskDescriptor.builder(\"words\", new TypeRef<List<String>>() {})\n"
                + "          .subFlow()\n"
                + "          .build()")
        .contains(".result(new TypeRef<List<String>>() {})")
        .contains("return flow.words(arguments.<String>input());");
  }

  @Test
  void flowWithoutInputIsStartedAsAChildWithoutOneAndAPrimitiveInputStaysPrimitive()
      throws Exception {
    CompiledClasses classes =
        new CompiledClasses(
            compileClean(
                source(
                    "shop.Clock",
                    "@Flow public class Clock {",
                    "  @Task public long now() { return 7L; }",
                    "}"),
                source(
                    "shop.Square",
                    "@Flow public class Square {",
                    "  @Task public int square(@Input int n) { return n * n; }",
                    "}"),
                source(
                    "shop.Both",
                    "@Flow public class Both {",
                    "  @Task public SubFlow<Long> clock() { return ClockFlow.sub(); }",
                    "  @Task @DependsOn(\"clock\") public SubFlow<Integer> square(long clock) {",
                    "    return SquareFlow.sub((int) clock);",
                    "  }",
                    "  @Task @DependsOn(\"square\") public int plusOne(int square) {",
                    "    return square + 1;",
                    "  }",
                    "}")));
    FlowDefinition<Object, Object, Object> both = classes.definition("shop.BothFlow");
    Object flow = both.newInstance().orElseThrow();

    SubFlow<?> clock = (SubFlow<?>) classes.load("shop.ClockFlow").getMethod("sub").invoke(null);
    SubFlow<?> square =
        (SubFlow<?>) classes.load("shop.SquareFlow").getMethod("sub", int.class).invoke(null, 3);
    SubFlow<?> started = (SubFlow<?>) both.invoke(flow, 1, FakeArguments.none().output(0, 7L));

    assertThat(clock.definition().descriptor().name()).isEqualTo("clock");
    assertThat(clock.input()).isNull();
    assertThat(square.input()).isEqualTo(3);
    assertThat(started.definition().descriptor().name()).isEqualTo("square");
    assertThat(started.input()).isEqualTo(7);
    assertThat(both.invoke(flow, 2, FakeArguments.none().output(1, 49))).isEqualTo(50);
    FlowDescriptor descriptor = classes.descriptor("shop.BothFlow");
    assertThat(descriptor.task("clock").orElseThrow().output().type()).isEqualTo(Long.class);
    assertThat(descriptor.task("square").orElseThrow().output().type()).isEqualTo(Integer.class);
    assertThat(descriptor.result().type()).isEqualTo(Integer.class);
  }

  @Test
  void sealedResultOfAChildDecidesBranches() {
    CompiledClasses classes =
        new CompiledClasses(
            compileClean(
                source(
                    "shop.Vetting",
                    "@Flow public class Vetting {",
                    "  public sealed interface Verdict permits Passed, Failed {}",
                    "  public record Passed(String by) implements Verdict {}",
                    "  public record Failed(String reason) implements Verdict {}",
                    "  @Task public Verdict vet(@Input String name) { return new Passed(name); }",
                    "}"),
                source(
                    "shop.Hiring",
                    "@Flow public class Hiring {",
                    "  @Task public SubFlow<Vetting.Verdict> vet(@Input String name) {",
                    "    return VettingFlow.sub(name);",
                    "  }",
                    "  @Task @DependsOn(\"vet\") public String hire(Vetting.Passed vet) {",
                    "    return vet.by();",
                    "  }",
                    "  @Task @DependsOn(\"vet\") public String decline(Vetting.Failed vet) {",
                    "    return vet.reason();",
                    "  }",
                    "}")));
    FlowDescriptor descriptor = classes.descriptor("shop.HiringFlow");

    assertThat(descriptor.task("vet").orElseThrow().subFlow()).isTrue();
    assertThat(descriptor.task("hire").orElseThrow().guard("vet"))
        .contains(Guard.instanceOf(classes.load("shop.Vetting$Passed")));
    assertThat(descriptor.task("decline").orElseThrow().guard("vet"))
        .contains(Guard.instanceOf(classes.load("shop.Vetting$Failed")));
    assertThat(descriptor.mermaid())
        .isEqualTo("graph TD\n  vet[[vet]] -->|Passed| hire\n  vet -->|Failed| decline");
  }

  @Test
  void childWithoutAResultMakesATaskThatOnlyOrdersTheTasksAfterIt() throws Exception {
    CompiledClasses classes =
        new CompiledClasses(
            compileClean(
                source(
                    "shop.Notify",
                    "@Flow public class Notify {",
                    "  @Task public void mail(@Input String to) {}",
                    "}"),
                source(
                    "shop.Signup",
                    "@Flow public class Signup {",
                    "  @Task public String create(@Input String email) { return email; }",
                    "  @Task @DependsOn(\"create\") public SubFlow<Void> welcome(String create) {",
                    "    return NotifyFlow.sub(create);",
                    "  }",
                    "  @Task @DependsOn({\"create\", \"welcome\"}) public int done(String create) {",
                    "    return create.length();",
                    "  }",
                    "  @OnFault(task = \"welcome\", value = IllegalStateException.class)",
                    "  public void unwelcome() {}",
                    "}")));
    FlowDescriptor descriptor = classes.descriptor("shop.SignupFlow");

    TaskDescriptor welcome = descriptor.task("welcome").orElseThrow();
    assertThat(welcome.subFlow()).isTrue();
    assertThat(welcome.output().isVoid()).isTrue();
    assertThat(descriptor.result().type()).isEqualTo(Integer.class);
    assertThat(
            classes.load("shop.NotifyFlow").getMethod("sub", String.class).getGenericReturnType())
        .hasToString("dev.hypha.runtime.SubFlow<java.lang.Void>");
    assertThat(classes.load("shop.SignupFlow$Outputs").getMethods())
        .extracting(Method::getName)
        .contains("create", "done")
        .doesNotContain("welcome");
  }

  @Test
  void resultRecordOfAChildWithSeveralSinksIsTheOutputOnceItIsGenerated() throws Exception {
    CompiledClasses classes =
        new CompiledClasses(
            compileClean(
                source(
                    "shop.Survey",
                    "@Flow public class Survey {",
                    "  @Task public int count(@Input String text) { return text.length(); }",
                    "  @Task @DependsOn(\"count\") public String first(@Input String text) {",
                    "    return text.substring(0, 1);",
                    "  }",
                    "  @Task @DependsOn(\"count\") public boolean empty(int count) {",
                    "    return count == 0;",
                    "  }",
                    "}"),
                source(
                    "shop.Report",
                    "@Flow public class Report {",
                    "  @Task public SubFlow<SurveyFlow.Result> survey(@Input String text) {",
                    "    return SurveyFlow.sub(text);",
                    "  }",
                    "  @Task @DependsOn(\"survey\") public String print(SurveyFlow.Result survey) {",
                    "    return survey.first() + survey.empty();",
                    "  }",
                    "}")));
    FlowDescriptor descriptor = classes.descriptor("shop.ReportFlow");

    assertThat(descriptor.task("survey").orElseThrow().output().type())
        .isEqualTo(classes.load("shop.SurveyFlow$Result"));
    assertThat(descriptor.task("survey").orElseThrow().subFlow()).isTrue();
    assertThat(
            classes.load("shop.SurveyFlow").getMethod("sub", String.class).getGenericReturnType())
        .hasToString("dev.hypha.runtime.SubFlow<shop.SurveyFlow$Result>");
  }

  @Test
  void flowNamedSubGetsASubFlowClassOfItsOwn() throws Exception {
    CompiledClasses classes =
        new CompiledClasses(
            compileClean(
                source(
                    "shop.Sub",
                    "@Flow public class Sub {",
                    "  @Task public String echo(@Input String text) { return text; }",
                    "}"),
                source(
                    "shop.Parent",
                    "@Flow public class Parent {",
                    "  @Task public SubFlow<String> echo(@Input String text) {",
                    "    return shop.SubFlow.sub(text);",
                    "  }",
                    "}")));

    Method sub = classes.load("shop.SubFlow").getMethod("sub", String.class);

    assertThat(sub.getReturnType()).isEqualTo(SubFlow.class);
    assertThat(((SubFlow<?>) sub.invoke(null, "hi")).definition().descriptor().name())
        .isEqualTo("sub");
  }

  @Test
  void startingASubFlowIsPartOfTheShape() {
    String subFlow = shapeHash("public SubFlow<Integer> count(int start) { return null; }");
    String plain = shapeHash("public Integer count(int start) { return null; }");

    assertThat(subFlow).isNotEqualTo(plain);
  }

  private static String shapeHash(String method) {
    return new CompiledClasses(
            compileClean(
                source(
                    "shop.Count",
                    "@Flow public class Count {",
                    "  @Task public int start() { return 3; }",
                    "  @Task @DependsOn(\"start\") " + method,
                    "}")))
        .descriptor("shop.CountFlow")
        .shapeHash();
  }

  /** The classes of {@link SampleFlows#checkout()} and {@link SampleFlows#billing()}. */
  private static CompiledClasses checkout() {
    return new CompiledClasses(compileClean(SampleFlows.checkout(), SampleFlows.billing()));
  }

  /** The binary name of {@code shop.Checkout}'s nested type {@code name}. */
  private static String checkout(String name) {
    return "shop.Checkout$" + name;
  }
}
