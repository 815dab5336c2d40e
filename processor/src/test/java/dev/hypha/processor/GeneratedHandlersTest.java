package dev.hypha.processor;

import static dev.hypha.processor.Flows.compileClean;
import static dev.hypha.processor.Flows.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.HandlerDescriptor;
import dev.hypha.runtime.spi.HandlerDescriptor.Kind;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Policies and handlers in the generated descriptor, and handlers called through invoke. */
class GeneratedHandlersTest {

  @Test
  void representativeFlowDescribesItsPoliciesAndHandlers() {
    CompiledClasses classes = new CompiledClasses(compileClean(SampleFlows.orderFulfilment()));

    FlowDescriptor descriptor = classes.descriptor("shop.OrderFulfilmentFlow");

    TaskDescriptor charge = descriptor.task("charge").orElseThrow();
    assertThat(charge.retry())
        .isEqualTo(
            new RetryPolicy(
                5,
                Duration.ofSeconds(1),
                2.0,
                Duration.ofMinutes(5),
                0.0,
                List.of(),
                List.of(IllegalArgumentException.class)));
    assertThat(charge.timeout()).contains(Duration.ofSeconds(2));
    assertThat(descriptor.task("load").orElseThrow().retry()).isEqualTo(RetryPolicy.NONE);
    assertThat(descriptor.task("load").orElseThrow().timeout()).isEmpty();
    assertThat(descriptor.handlers())
        .extracting(HandlerDescriptor::kind, HandlerDescriptor::method, h -> h.task().orElse(null))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Kind.COMPENSATION, "release", "reserve"),
            org.assertj.core.groups.Tuple.tuple(Kind.FAULT, "fallbackCharge", "charge"),
            org.assertj.core.groups.Tuple.tuple(Kind.ON_SUCCESS, "done", null),
            org.assertj.core.groups.Tuple.tuple(Kind.ON_FAILURE, "alert", null));
    assertThat(descriptor.handlers().get(0).retry())
        .isEqualTo(
            new RetryPolicy(
                3, Duration.ofMillis(500), 2.0, Duration.ofSeconds(10), 0.1, List.of(), List.of()));
    assertThat(descriptor.handlers().get(1).exceptions())
        .extracting(Class::getName)
        .containsExactly("shop.OrderFulfilment$PaymentDeclined");
    assertThat(descriptor.handlerIndex(0)).isEqualTo(6);
    assertThat(descriptor.deadline()).contains(Duration.ofHours(1));
    assertThat(descriptor.compensateOnCancel()).isTrue();
  }

  @Test
  void representativeFlowInvokesEachHandlerByItsIndex() throws Exception {
    CompiledClasses classes = new CompiledClasses(compileClean(SampleFlows.orderFulfilment()));
    FlowDefinition<Object, Object, Object> definition =
        classes.definition("shop.OrderFulfilmentFlow");
    Object flow = definition.newInstance().orElseThrow();
    Object request = record(classes, "shop.OrderFulfilment$OrderRequest", "42");
    Object stock = record(classes, "shop.OrderFulfilment$Stock", "42", true);
    Exception declined =
        (Exception)
            classes
                .load("shop.OrderFulfilment$PaymentDeclined")
                .getConstructor(String.class)
                .newInstance("card expired");
    TaskError error = new TaskError("charge", "java.io.IOException", "payment service down", "");

    Object released = definition.invoke(flow, 6, FakeArguments.none().output(2, stock));
    Object fallback = definition.invoke(flow, 7, FakeArguments.input(request).exception(declined));
    Object done =
        definition.invoke(flow, 8, FakeArguments.none().result(List.of(Map.of("42", 1250))));
    Object alerted = definition.invoke(flow, 9, FakeArguments.input(request).runError(error));

    assertThat(released).isNull();
    assertThat(fallback).hasToString("Charge[order=42: card expired, cents=0]");
    assertThat(done).isNull();
    assertThat(alerted).isNull();
    assertThat(flow.getClass().getField("events").get(flow))
        .isEqualTo(
            List.of(
                "released 42 in ctx-task",
                "done [{42=1250}]",
                "42 failed: java.io.IOException: payment service down"));
  }

  @Test
  void flowRetryIsTheDefaultOfTasksWithoutTheirOwnButNotOfCompensations() {
    JavaFileObject source =
        source(
            "shop.Defaults",
            "@Flow @Retry(maxAttempts = 4, backoff = \"PT2S\", retryOn = java.io.IOException.class)",
            "public class Defaults {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task @DependsOn(\"load\") @Retry(maxAttempts = 2) public String save(String load) {",
            "    return load;",
            "  }",
            "  @Compensates(\"load\") public void unload(String load) {}",
            "  @Compensates(\"save\") @Retry(maxAttempts = 7) public void unsave(String save) {}",
            "}");
    FlowDescriptor descriptor =
        new CompiledClasses(compileClean(source)).descriptor("shop.DefaultsFlow");

    RetryPolicy flowDefault =
        new RetryPolicy(
            4,
            Duration.ofSeconds(2),
            2.0,
            Duration.ofMinutes(5),
            0.0,
            List.of(IOException.class),
            List.of());
    assertThat(descriptor.task("load").orElseThrow().retry()).isEqualTo(flowDefault);
    assertThat(descriptor.task("save").orElseThrow().retry().maxAttempts()).isEqualTo(2);
    assertThat(descriptor.task("save").orElseThrow().retry().retryOn()).isEmpty();
    assertThat(descriptor.handlers().get(0).retry()).isEqualTo(RetryPolicy.NONE);
    assertThat(descriptor.handlers().get(1).retry().maxAttempts()).isEqualTo(7);
    assertThat(descriptor.deadline()).isEmpty();
    assertThat(descriptor.compensateOnCancel()).isFalse();
  }

  @Test
  void shapeHashIgnoresPoliciesAndHandlers() {
    JavaFileObject plain =
        source(
            "shop.Shape",
            "@Flow public class Shape {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task @DependsOn(\"load\") public String save(String load) { return load; }",
            "}");
    JavaFileObject handled =
        source(
            "shop.Shape",
            "@Flow(deadline = \"PT1M\") @Retry public class Shape {",
            "  @Task @Timeout(\"PT5S\") public String load() { return \"a\"; }",
            "  @Task @DependsOn(\"load\") @Delay(\"PT10M\")",
            "  public String save(String load) { return load; }",
            "  @Compensates(\"load\") public void unload(String load) {}",
            "  @OnFault(task = \"save\", value = RuntimeException.class)",
            "  public String keep(@Input Integer ignored) { return \"kept\"; }",
            "  @OnSuccess public void done(String result) {}",
            "}");

    String before =
        new CompiledClasses(compileClean(plain)).descriptor("shop.ShapeFlow").shapeHash();
    String after =
        new CompiledClasses(compileClean(handled)).descriptor("shop.ShapeFlow").shapeHash();

    assertThat(after).isEqualTo(before);
  }

  @Test
  void delayIsTheLastPolicyOfItsTask() throws IOException {
    JavaFileObject source =
        source(
            "shop.Reminders",
            "@Flow public class Reminders {",
            "  @Task public String sign() { return \"a\"; }",
            "  @Task @DependsOn(\"sign\") @Timeout(\"PT5S\") @Delay(\"PT10M\")",
            "  public String remind(String sign) { return sign; }",
            "  @Task @DependsOn(\"remind\") @Delay(\"P2D\")",
            "  public String escalate(String remind) { return remind; }",
            "}");
    Compilation compilation = compileClean(source);

    String generated =
        compilation
            .generatedSourceFile("shop.RemindersFlow")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    FlowDescriptor descriptor = new CompiledClasses(compilation).descriptor("shop.RemindersFlow");

    assertThat(generated)
        .contains(
            "          .timeout(Duration.parse(\"PT5S\"))\n"
                + "          .delay(Duration.parse(\"PT10M\"))\n"
                + "          .build())")
        .contains(".delay(Duration.parse(\"PT48H\"))");
    assertThat(descriptor.task("sign").orElseThrow().delay()).isEmpty();
    assertThat(descriptor.task("remind").orElseThrow().delay()).contains(Duration.ofMinutes(10));
    assertThat(descriptor.task("escalate").orElseThrow().delay()).contains(Duration.ofDays(2));
  }

  @Test
  void waitUntilFollowsTheDelayAndLeavesTheShapeHashAlone() throws IOException {
    String[] lines = {
      "@Flow public class Reminders {",
      "  @Task public java.time.Instant plan() { return java.time.Instant.EPOCH; }",
      "  @Task @DependsOn(\"plan\") @Delay(\"PT10M\")",
      "  public String remind(@WaitUntil java.time.Instant plan) { return \"r\"; }",
      "}"
    };
    Compilation compilation = compileClean(source("shop.Reminders", lines));
    lines[3] = lines[3].replace("@WaitUntil ", "");
    Compilation unwaited = compileClean(source("shop.Reminders", lines));

    String generated =
        compilation
            .generatedSourceFile("shop.RemindersFlow")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    FlowDescriptor descriptor = new CompiledClasses(compilation).descriptor("shop.RemindersFlow");

    assertThat(generated)
        .contains(
            "          .delay(Duration.parse(\"PT10M\"))\n"
                + "          .waitUntil(\"plan\")\n"
                + "          .build())");
    assertThat(descriptor.task("remind").orElseThrow().waitUntil()).contains("plan");
    assertThat(descriptor.task("plan").orElseThrow().waitUntil()).isEmpty();
    assertThat(descriptor.shapeHash())
        .isEqualTo(new CompiledClasses(unwaited).descriptor("shop.RemindersFlow").shapeHash());
  }

  @Test
  void faultHandlerOfAVoidTaskWithAnObjectParameterAndACheckedException() throws Exception {
    JavaFileObject source =
        source(
            "shop.Audit",
            "@Flow public class Audit {",
            "  public final List<Object> seen = new ArrayList<>();",
            "  @Task public void audit() throws java.io.IOException {}",
            "  @OnFault(task = \"audit\", value = {java.io.IOException.class, IllegalStateException.class})",
            "  public void skip(Object error, TaskContext context) throws java.io.IOException {",
            "    if (error instanceof IllegalStateException) throw new java.io.IOException(\"again\");",
            "    seen.add(error);",
            "  }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.AuditFlow");
    Object flow = classes.instance("shop.Audit");
    IOException io = new IOException("disk full");

    Object skipped = definition.invoke(flow, 1, FakeArguments.none().exception(io));

    assertThat(skipped).isNull();
    assertThat(flow.getClass().getField("seen").get(flow)).isEqualTo(List.of(io));
    assertThatThrownBy(
            () ->
                definition.invoke(
                    flow, 1, FakeArguments.none().exception(new IllegalStateException())))
        .isInstanceOf(IOException.class)
        .hasMessage("again");
    assertThat(definition.descriptor().handlers().get(0).exceptions())
        .containsExactly(IOException.class, IllegalStateException.class);
  }

  @Test
  void inputTakenOnlyByAHandlerIsTheFlowsInput() throws Exception {
    JavaFileObject source =
        source(
            "shop.Tagged",
            "@Flow public class Tagged {",
            "  public String tag;",
            "  @Task public String load() { return \"a\"; }",
            "  @OnSuccess public void done(@Input String tag, String result) {",
            "    this.tag = tag + result;",
            "  }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.TaggedFlow");
    Object flow = classes.instance("shop.Tagged");

    definition.invoke(flow, 1, FakeArguments.input("t-").result("a"));

    assertThat(definition.descriptor().input().type()).isEqualTo(String.class);
    assertThat(flow.getClass().getField("tag").get(flow)).isEqualTo("t-a");
    assertThat(classes.load("shop.TaggedFlow").getMethod("start", String.class)).isNotNull();
  }

  @Test
  void onSuccessOfSeveralSinksReceivesTheResultRecord() throws Exception {
    JavaFileObject source =
        source(
            "shop.Split",
            "@Flow public class Split {",
            "  public Object received;",
            "  @Task public String left() { return \"l\"; }",
            "  @Task public int right() { return 1; }",
            "  @OnSuccess public void done(Record result) { received = result; }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.SplitFlow");
    Object flow = classes.instance("shop.Split");
    Object result = definition.result(FakeArguments.none().output(0, "l").output(1, 1));

    definition.invoke(flow, 2, FakeArguments.none().result(result));

    assertThat(flow.getClass().getField("received").get(flow))
        .isSameAs(result)
        .hasToString("Result[left=l, right=1]");
  }

  private static Object record(CompiledClasses classes, String name, Object... components) {
    try {
      return classes.load(name).getDeclaredConstructors()[0].newInstance(components);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
