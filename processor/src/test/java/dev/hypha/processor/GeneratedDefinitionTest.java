package dev.hypha.processor;

import static dev.hypha.processor.Flows.compileClean;
import static dev.hypha.processor.Flows.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Compiles flows and calls their generated {@code Definition} directly, without an engine. */
class GeneratedDefinitionTest {

  @Test
  void representativeFlowDescribesItsGraphInDependencyOrder() {
    CompiledClasses classes = new CompiledClasses(compileClean(SampleFlows.orderFulfilment()));

    FlowDescriptor descriptor = classes.descriptor("shop.OrderFulfilmentFlow");

    assertThat(descriptor.name()).isEqualTo("order-fulfilment");
    assertThat(descriptor.flowClassName()).isEqualTo("shop.OrderFulfilment");
    assertThat(descriptor.tasks())
        .extracting(TaskDescriptor::name)
        .containsExactly("load", "charge", "reserve", "ship", "notify-customer", "metrics");
    assertThat(descriptor.task("ship").orElseThrow().dependsOn())
        .containsExactly("charge", "reserve");
    assertThat(descriptor.task("reserve").orElseThrow().queue()).isEqualTo("stock");
    assertThat(descriptor.task("notify-customer").orElseThrow().method())
        .isEqualTo("notifyCustomer");
    assertThat(descriptor.task("notify-customer").orElseThrow().output().isVoid()).isTrue();
    assertThat(descriptor.input().type().getTypeName())
        .isEqualTo("shop.OrderFulfilment$OrderRequest");
    assertThat(descriptor.task("metrics").orElseThrow().output().type().getTypeName())
        .isEqualTo("java.util.List<java.util.Map<java.lang.String, java.lang.Integer>>");
    assertThat(descriptor.shapeHash()).matches("[0-9a-f]{16}");
    assertThat(descriptor.mermaid())
        .startsWith("graph TD\n  load --> charge\n")
        .contains("  ship --> t4[\"notify-customer\"]");
  }

  @Test
  void representativeFlowInvokesEachTaskWithItsBoundArguments() throws Exception {
    CompiledClasses classes = new CompiledClasses(compileClean(SampleFlows.orderFulfilment()));
    FlowDefinition<Object, Object, Object> definition =
        classes.definition("shop.OrderFulfilmentFlow");
    Object flow = definition.newInstance().orElseThrow();
    Object request = record(classes, "shop.OrderFulfilment$OrderRequest", "42");

    Object order = definition.invoke(flow, 0, FakeArguments.input(request));
    Object charge = definition.invoke(flow, 1, FakeArguments.none().output(0, order));
    Object stock = definition.invoke(flow, 2, FakeArguments.none().output(0, order));
    Object shipment =
        definition.invoke(flow, 3, FakeArguments.none().output(1, charge).output(2, stock));
    Object notified = definition.invoke(flow, 4, FakeArguments.none().output(3, shipment));
    Object metrics = definition.invoke(flow, 5, FakeArguments.none().output(0, order));

    assertThat(order).hasToString("Order[id=42, cents=1250]");
    assertThat(charge).hasToString("Charge[order=42, cents=1250]");
    assertThat(stock).hasToString("Stock[order=42, reserved=true]");
    assertThat(shipment)
        .hasToString("Shipment[order=42, tracking=" + FakeArguments.RUN + "/ctx-task]");
    assertThat(notified).isNull();
    assertThat(metrics).isEqualTo(List.of(Map.of("42", 1250)));
    assertThat(definition.flowClass().getName()).isEqualTo("shop.OrderFulfilment");
    assertThat(definition.descriptor()).isSameAs(classes.descriptor("shop.OrderFulfilmentFlow"));
    assertThat(definition.result(FakeArguments.none().output(5, metrics))).isSameAs(metrics);
    assertThatThrownBy(() -> definition.invoke(flow, 10, FakeArguments.none()))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("flow order-fulfilment has no task or handler 10");
  }

  @Test
  void checkedExceptionOfATaskPropagatesFromInvoke() {
    CompiledClasses classes = new CompiledClasses(compileClean(SampleFlows.orderFulfilment()));
    FlowDefinition<Object, Object, Object> definition =
        classes.definition("shop.OrderFulfilmentFlow");
    Object flow = definition.newInstance().orElseThrow();
    Object unpaid = record(classes, "shop.OrderFulfilment$Order", "42", -1);

    assertThatThrownBy(() -> definition.invoke(flow, 1, FakeArguments.none().output(0, unpaid)))
        .isInstanceOf(IOException.class)
        .hasMessage("payment service down");
  }

  @Test
  void genericOutputsKeepTheirFullTypeAndBindToWildcardParameters() throws Exception {
    JavaFileObject source =
        source(
            "shop.Stats",
            "@Flow public class Stats {",
            "  @Task public List<Map<String, Integer>> counts() {",
            "    return List.of(Map.of(\"a\", 1), Map.of(\"b\", 2));",
            "  }",
            "  @Task @DependsOn(\"counts\")",
            "  public long total(List<? extends Map<String, ? extends Number>> counts) {",
            "    return counts.stream().flatMap(m -> m.values().stream())",
            "        .mapToLong(Number::longValue).sum();",
            "  }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.StatsFlow");

    Object counts = definition.invoke(classes.instance("shop.Stats"), 0, FakeArguments.none());
    Object total =
        definition.invoke(
            classes.instance("shop.Stats"), 1, FakeArguments.none().output(0, counts));

    assertThat(total).isEqualTo(3L);
    assertThat(definition.descriptor().task(0).output().type().getTypeName())
        .isEqualTo("java.util.List<java.util.Map<java.lang.String, java.lang.Integer>>");
    assertThat(definition.descriptor().result().type()).isEqualTo(Long.class);
  }

  @Test
  void primitivesAndTheirBoxesBindBothWays() throws Exception {
    JavaFileObject source =
        source(
            "shop.Numbers",
            "@Flow public class Numbers {",
            "  @Task public int count(@Input int start) { return start + 1; }",
            "  @Task @DependsOn(\"count\") public Integer doubled(Integer count) { return count * 2; }",
            "  @Task @DependsOn(\"doubled\") public long widened(int doubled) { return doubled; }",
            "  @Task @DependsOn(\"widened\") public String text(Number widened) {",
            "    return \"n=\" + widened;",
            "  }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.NumbersFlow");
    Object flow = classes.instance("shop.Numbers");

    Object count = definition.invoke(flow, 0, FakeArguments.input(41));
    Object doubled = definition.invoke(flow, 1, FakeArguments.none().output(0, count));
    Object widened = definition.invoke(flow, 2, FakeArguments.none().output(1, doubled));
    Object text = definition.invoke(flow, 3, FakeArguments.none().output(2, widened));

    assertThat(List.of(count, doubled, widened, text)).containsExactly(42, 84, 84L, "n=84");
    assertThat(definition.descriptor().input().type()).isEqualTo(Integer.class);
    assertThat(definition.descriptor().task("widened").orElseThrow().output().type())
        .isEqualTo(Long.class);
    assertThat(classes.load("shop.NumbersFlow").getMethod("start", int.class)).isNotNull();
  }

  @Test
  void staticNestedFlowIsNamedAfterItsEnclosingClasses() {
    JavaFileObject source =
        source(
            "shop.Outer",
            "public class Outer {",
            "  @Flow public static class Inner {",
            "    @Task public String load() { return \"loaded\"; }",
            "  }",
            "}");
    Compilation compilation = compileClean(source);
    CompiledClasses classes = new CompiledClasses(compilation);

    FlowDescriptor descriptor = classes.descriptor("shop.Outer_InnerFlow");

    assertThat(descriptor.name()).isEqualTo("inner");
    assertThat(descriptor.flowClassName()).isEqualTo("shop.Outer$Inner");
    assertThat(classes.definition("shop.Outer_InnerFlow").flowClass().getName())
        .isEqualTo("shop.Outer$Inner");
  }

  @Test
  void diamondIsOrderedAfterDependenciesAndJoinsBothBranches() throws Exception {
    JavaFileObject source =
        source(
            "shop.Diamond",
            "@Flow public class Diamond {",
            "  @Task @DependsOn({\"left\", \"right\"}) public String join(String left, String right) {",
            "    return left + right;",
            "  }",
            "  @Task @DependsOn(\"top\") public String right(String top) { return top + \"R\"; }",
            "  @Task @DependsOn(\"top\") public String left(String top) { return top + \"L\"; }",
            "  @Task public String top() { return \"T\"; }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.DiamondFlow");
    Object flow = classes.instance("shop.Diamond");

    assertThat(definition.descriptor().tasks())
        .extracting(TaskDescriptor::name)
        .containsExactly("top", "right", "left", "join");
    Object joined =
        definition.invoke(flow, 3, FakeArguments.none().output(1, "TR").output(2, "TL"));

    assertThat(joined).isEqualTo("TLTR");
    assertThat(definition.descriptor().sinks()).containsExactly(3);
  }

  @Test
  void voidTasksOnlyOrderAndAreLeftOutOfOutputsAndResult() throws Exception {
    JavaFileObject source =
        source(
            "shop.Cleanup",
            "@Flow public class Cleanup {",
            "  public final List<String> log = new ArrayList<>();",
            "  @Task public void prepare() { log.add(\"prepare\"); }",
            "  @Task @DependsOn(\"prepare\") public String work() { return \"done\"; }",
            "  @Task @DependsOn(\"work\") public void cleanUp(String work) { log.add(work); }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.CleanupFlow");
    Object flow = classes.instance("shop.Cleanup");

    assertThat(definition.invoke(flow, 0, FakeArguments.none())).isNull();
    assertThat(definition.invoke(flow, 2, FakeArguments.none().output(1, "done"))).isNull();
    assertThat(flow.getClass().getField("log").get(flow)).isEqualTo(List.of("prepare", "done"));
    assertThat(definition.descriptor().result().isVoid()).isTrue();
    assertThat(definition.result(FakeArguments.none())).isNull();
    assertThat(Arrays.stream(classes.load("shop.CleanupFlow$Outputs").getDeclaredMethods()))
        .extracting(java.lang.reflect.Method::getName)
        .containsExactlyInAnyOrder("runId", "work");
  }

  @Test
  void severalSinksMakeAResultRecordInTaskOrder() {
    JavaFileObject source =
        source(
            "shop.Split",
            "@Flow public class Split {",
            "  @Task public String load() { return \"x\"; }",
            "  @Task @DependsOn(\"load\") public int count(String load) { return load.length(); }",
            "  @Task(name = \"to-upper\") @DependsOn(\"load\") public String upper(String load) {",
            "    return load.toUpperCase();",
            "  }",
            "  @Task @DependsOn(\"load\") public void audit() {}",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.SplitFlow");
    Class<?> resultType = classes.load("shop.SplitFlow$Result");

    Object result =
        definition.result(FakeArguments.none().output(1, 1).output(2, "X").output(3, null));

    assertThat(resultType.isRecord()).isTrue();
    assertThat(resultType.getRecordComponents())
        .extracting(RecordComponent::getName)
        .containsExactly("count", "toUpper");
    assertThat(result).isInstanceOf(resultType).hasToString("Result[count=1, toUpper=X]");
    assertThat(definition.descriptor().result().type()).isEqualTo(resultType);
  }

  @Test
  void flowWithoutInputStartsWithoutArgument() throws Exception {
    JavaFileObject source =
        source(
            "shop.Tick",
            "@Flow public class Tick {",
            "  @Task public long now() { return 7L; }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));

    assertThat(classes.load("shop.TickFlow").getMethod("start").getParameterCount()).isZero();
    assertThat(classes.descriptor("shop.TickFlow").input().isVoid()).isTrue();
    assertThat(classes.definition("shop.TickFlow").invoke(classes.instance("shop.Tick"), 0, null))
        .isEqualTo(7L);
  }

  @Test
  void taskContextParameterReceivesTheContext() throws Exception {
    JavaFileObject source =
        source(
            "shop.Keyed",
            "@Flow public class Keyed {",
            "  @Task public String key(TaskContext context, @Input String prefix) {",
            "    return prefix + context.idempotencyKey() + \"#\" + context.attempt();",
            "  }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));

    Object key =
        classes
            .definition("shop.KeyedFlow")
            .invoke(classes.instance("shop.Keyed"), 0, FakeArguments.input(">"));

    assertThat(key).isEqualTo(">" + FakeArguments.RUN + "/ctx-task#1");
  }

  @Test
  void flowWithoutPublicNoArgumentConstructorHasNoDefaultInstance() {
    JavaFileObject source =
        source(
            "shop.Configured",
            "@Flow public class Configured {",
            "  private final String prefix;",
            "  public Configured(String prefix) { this.prefix = prefix; }",
            "  @Task public String load() { return prefix; }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));

    assertThat(classes.definition("shop.ConfiguredFlow").newInstance()).isEmpty();
  }

  @Test
  void outputAccessorsAvoidNamesTakenByObjectAndOutputs() {
    JavaFileObject source =
        source(
            "shop.Names",
            "@Flow public class Names {",
            "  @Task(name = \"wait\") public String a() { return \"a\"; }",
            "  @Task(name = \"runId\") public String b() { return \"b\"; }",
            "  @Task(name = \"class\") public String c() { return \"c\"; }",
            "  @Task(name = \"two-words\") public String d() { return \"d\"; }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));

    assertThat(Arrays.stream(classes.load("shop.NamesFlow$Outputs").getDeclaredMethods()))
        .extracting(java.lang.reflect.Method::getName)
        .containsExactlyInAnyOrder("runId", "wait_", "runId_", "class_", "twoWords");
  }

  private static Object record(CompiledClasses classes, String name, Object... components) {
    try {
      Class<?> type = classes.load(name);
      return type.getDeclaredConstructors()[0].newInstance(components);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
