package dev.hypha.processor;

import static dev.hypha.processor.Flows.compileClean;
import static dev.hypha.processor.Flows.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.hypha.runtime.Step;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flows that loop with {@code @Loop}, compiled and called through their generated code. */
class GeneratedLoopTest {

  @Test
  void loopIsDescribedWithItsFirstStateItsStateTypeItsMostIterationsAndItsResult() {
    FlowDescriptor descriptor =
        new CompiledClasses(compileClean(SampleFlows.negotiation()))
            .descriptor("shop.NegotiationFlow");

    TaskDescriptor haggle = descriptor.task("haggle").orElseThrow();
    assertThat(haggle.loop()).contains("open");
    assertThat(haggle.element().type().getTypeName()).isEqualTo("shop.Negotiation$Offer");
    assertThat(haggle.maxIterations()).isEqualTo(10);
    assertThat(haggle.output().type().getTypeName()).isEqualTo("shop.Negotiation$Deal");
    assertThat(haggle.elementOutput()).isNull();
    assertThat(haggle.forEach()).isEmpty();
    assertThat(haggle.dependsOn()).containsExactly("open");
    assertThat(haggle.guard("open")).isEmpty();
    assertThat(haggle.isOptional("open")).isFalse();
    assertThat(haggle.retry().maxAttempts()).isEqualTo(2);
    TaskDescriptor open = descriptor.task("open").orElseThrow();
    assertThat(open.loop()).isEmpty();
    assertThat(open.maxIterations()).isZero();
    assertThat(descriptor.task("sign").orElseThrow().loop()).isEmpty();
    assertThat(descriptor.result().type()).isEqualTo(String.class);
    assertThat(descriptor.mermaid())
        .isEqualTo("graph TD\n  open -->|loop| haggle\n  haggle --> sign");
  }

  @Test
  void iterationReadsItsStateAndReturnsAStepWhileDependentsTakeTheResult() throws Exception {
    Compilation compilation = compileClean(SampleFlows.negotiation());
    CompiledClasses classes = new CompiledClasses(compilation);
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.NegotiationFlow");
    Object flow = definition.newInstance().orElseThrow();

    Object offer = definition.invoke(flow, 0, FakeArguments.input(100));
    Object first = definition.invoke(flow, 1, FakeArguments.input(100).element(offer));
    Object next = ((Step.Again<?, ?>) first).state();
    Object done =
        definition.invoke(
            flow, 1, FakeArguments.input(100).element(record(classes, "Offer", 4, 62)));
    Object deal = ((Step.Done<?, ?>) done).result();
    Object signed = definition.invoke(flow, 2, FakeArguments.none().output(1, deal));
    Object standIn = definition.invoke(flow, 3, FakeArguments.input(100));
    definition.invoke(flow, 4, FakeArguments.none().output(1, deal));

    assertThat(offer).hasToString("Offer[round=1, price=100]");
    assertThat(next).hasToString("Offer[round=2, price=80]");
    assertThat(deal).hasToString("Deal[rounds=4, price=61]");
    assertThat(signed).isEqualTo("sold for 61 after 4 rounds");
    assertThat(standIn).isEqualTo(Step.done(record(classes, "Deal", 0, 100)));
    assertThat(classes.load("shop.Negotiation").getField("events").get(flow))
        .isEqualTo(List.of("withdrew 61"));
    assertThat(definition.result(FakeArguments.none().output(2, signed))).isSameAs(signed);
    assertThat(
            compilation
                .generatedSourceFile("shop.NegotiationFlow")
                .orElseThrow()
                .getCharContent(true)
                .toString())
        .contains(
            "TaskDescriptor.builder(\"haggle\", TypeRef.of(Negotiation.Deal.class))\n"
                + "          .dependsOn(\"open\")\n"
                + "          .loop(\"open\", TypeRef.of(Negotiation.Offer.class), 10)\n")
        .contains(
            "return flow.haggle(arguments.<Negotiation.Offer>element(),"
                + " arguments.<Integer>input());")
        .contains("public Optional<Negotiation.Deal> haggle()");
  }

  @Test
  void primitiveStateDefaultMostIterationsAndAResultThatIsTheSink() throws Exception {
    CompiledClasses classes =
        new CompiledClasses(
            compileClean(
                source(
                    "shop.Countdown",
                    "@Flow public class Countdown {",
                    "  @Task public int start(@Input int from) { return from; }",
                    "  @Task @DependsOn(\"start\")",
                    "  public Step<Integer, String> tick(",
                    "      @Loop int start, @From(\"start\") int from, TaskContext context) {",
                    "    return start == 0",
                    "        ? Step.done(\"lift-off from \" + from + \" in \" + context.task())",
                    "        : Step.again(start - 1);",
                    "  }",
                    "}")));
    FlowDescriptor descriptor = classes.descriptor("shop.CountdownFlow");
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.CountdownFlow");
    Object flow = definition.newInstance().orElseThrow();

    TaskDescriptor tick = descriptor.task("tick").orElseThrow();
    assertThat(tick.loop()).contains("start");
    assertThat(tick.element().type()).isEqualTo(Integer.class);
    assertThat(tick.maxIterations()).isEqualTo(100);
    assertThat(tick.output().type()).isEqualTo(String.class);
    assertThat(descriptor.result().type()).isEqualTo(String.class);
    // The other parameters are the same in every iteration: "from" is the first state, still.
    assertThat(definition.invoke(flow, 1, FakeArguments.none().output(0, 3).element(3)))
        .isEqualTo(Step.again(2));
    assertThat(definition.invoke(flow, 1, FakeArguments.none().output(0, 3).element(0)))
        .isEqualTo(Step.done("lift-off from 3 in ctx-task"));
    assertThat(definition.result(FakeArguments.none().output(1, "lift-off"))).isEqualTo("lift-off");
  }

  @Test
  void genericStateAndAResultReadAsTheBoundOfItsWildcard() throws Exception {
    Compilation compilation =
        compileClean(
            source(
                "shop.Words",
                "@Flow public class Words {",
                "  @Task public List<String> words(@Input String text) {",
                "    return List.of(text.split(\" \"));",
                "  }",
                "  @Task @DependsOn(\"words\")",
                "  public Step<List<String>, ? extends CharSequence> join(",
                "      @Loop(max = 5) List<String> words) {",
                "    if (words.size() == 1) {",
                "      return Step.done(words.get(0));",
                "    }",
                "    List<String> joined = new ArrayList<>(words.subList(2, words.size()));",
                "    joined.add(0, words.get(0) + words.get(1));",
                "    return Step.again(joined);",
                "  }",
                "  @Task @DependsOn(\"join\") public int length(CharSequence join) {",
                "    return join.length();",
                "  }",
                "}"));
    CompiledClasses classes = new CompiledClasses(compilation);
    FlowDescriptor descriptor = classes.descriptor("shop.WordsFlow");
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.WordsFlow");
    Object flow = definition.newInstance().orElseThrow();

    TaskDescriptor join = descriptor.task("join").orElseThrow();
    assertThat(join.element().type().getTypeName()).isEqualTo("java.util.List<java.lang.String>");
    assertThat(join.output().type()).isEqualTo(CharSequence.class);
    assertThat(join.maxIterations()).isEqualTo(5);
    assertThat(definition.invoke(flow, 1, FakeArguments.none().element(List.of("a", "b", "c"))))
        .isEqualTo(Step.again(List.of("ab", "c")));
    assertThat(
            compilation
                .generatedSourceFile("shop.WordsFlow")
                .orElseThrow()
                .getCharContent(true)
                .toString())
        .contains(".loop(\"words\", new TypeRef<List<String>>() {}, 5)")
        .contains("return flow.join(arguments.<List<String>>element());");
  }

  @Test
  void loopWithAVoidResultOnlyOrdersTheTasksAfterIt() throws Exception {
    CompiledClasses classes =
        new CompiledClasses(
            compileClean(
                source(
                    "shop.Polling",
                    "@Flow public class Polling {",
                    "  @Task public String submit() { return \"job-1\"; }",
                    "  @Task @DependsOn(\"submit\")",
                    "  public Step<String, Void> poll(@Loop(max = 3) String submit) {",
                    "    return submit.endsWith(\"!\") ? Step.done(null) : Step.again(submit + \"!\");",
                    "  }",
                    "  @Task @DependsOn({\"submit\", \"poll\"}) public int fetch(String submit) {",
                    "    return submit.length();",
                    "  }",
                    "  @OnFault(task = \"poll\", value = IllegalStateException.class)",
                    "  public Step<String, Void> giveUp() { return Step.done(null); }",
                    "}")));
    FlowDescriptor descriptor = classes.descriptor("shop.PollingFlow");

    TaskDescriptor poll = descriptor.task("poll").orElseThrow();
    assertThat(poll.loop()).contains("submit");
    assertThat(poll.output().isVoid()).isTrue();
    assertThat(poll.element().type()).isEqualTo(String.class);
    assertThat(descriptor.result().type()).isEqualTo(Integer.class);
    assertThat(classes.load("shop.PollingFlow$Outputs").getMethods())
        .extracting(java.lang.reflect.Method::getName)
        .contains("submit", "fetch")
        .doesNotContain("poll");
  }

  @Test
  void loopIsPartOfTheShapeWhileItsMostIterationsAreNot() {
    String loop = shapeHash("public Step<Integer, Integer> count(@Loop(max = 4) int start)");
    String longer = shapeHash("public Step<Integer, Integer> count(@Loop(max = 40) int start)");
    String plain = shapeHash("public Integer count(int start)");

    assertThat(longer).isEqualTo(loop);
    assertThat(plain).isNotEqualTo(loop);
  }

  private static String shapeHash(String method) {
    return new CompiledClasses(
            compileClean(
                source(
                    "shop.Count",
                    "@Flow public class Count {",
                    "  @Task public int start() { return 3; }",
                    "  @Task @DependsOn(\"start\") " + method + " {",
                    "    return null;",
                    "  }",
                    "}")))
        .descriptor("shop.CountFlow")
        .shapeHash();
  }

  private static Object record(CompiledClasses classes, String name, Object... components) {
    try {
      return classes
          .load("shop.Negotiation$" + name)
          .getDeclaredConstructors()[0]
          .newInstance(components);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
