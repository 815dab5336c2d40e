package dev.hypha.processor;

import static dev.hypha.processor.Flows.compileClean;
import static dev.hypha.processor.Flows.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.SignalWait;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Flows whose tasks wait for signals with {@code @Signal}, compiled and called through their code.
 */
class GeneratedSignalTest {

  @Test
  void eachWaitIsDescribedWithItsNamePayloadTimeoutAndCondition() {
    CompiledClasses classes = new CompiledClasses(compileClean(SampleFlows.review()));
    FlowDescriptor descriptor = classes.descriptor("shop.ReviewFlow");

    SignalWait<?> decide = signal(descriptor, "decide");
    assertThat(decide.name()).isEqualTo("approval");
    assertThat(decide.payload().type().getTypeName()).isEqualTo("shop.Review$Approval");
    assertThat(decide.timeout()).contains(Duration.ofDays(3));
    assertThat(decide.emptyOnTimeout()).isFalse();
    assertThat(decide.conditionName()).contains("isFinal");
    assertThat(decide.accepts(approval(classes, "ann", true))).isTrue();
    assertThat(decide.accepts(approval(classes, null, true))).isFalse();
    SignalWait<?> remind = signal(descriptor, "remind");
    assertThat(remind.name()).isEqualTo("approval");
    assertThat(remind.payload()).isEqualTo(decide.payload());
    assertThat(remind.timeout()).contains(Duration.ofHours(24));
    assertThat(remind.emptyOnTimeout()).isTrue();
    assertThat(remind.conditionName()).isEmpty();
    assertThat(remind.accepts(approval(classes, null, false))).isTrue();
    SignalWait<?> notes = signal(descriptor, "notes");
    assertThat(notes.name()).isEqualTo("reviewer-notes");
    assertThat(notes.payload().type().getTypeName()).isEqualTo("java.util.List<java.lang.String>");
    assertThat(notes.timeout()).isEmpty();
    assertThat(notes.emptyOnTimeout()).isFalse();
    assertThat(descriptor.task("notes").orElseThrow().dependsOn()).isEmpty();
    assertThat(descriptor.task("request").orElseThrow().signal()).isEmpty();
    assertThat(descriptor.signals()).containsOnlyKeys("approval", "reviewer-notes");
    assertThat(descriptor.signals().get("approval")).isEqualTo(decide.payload());
    assertThat(descriptor.signals().get("reviewer-notes")).isEqualTo(notes.payload());
    assertThat(descriptor.mermaid())
        .isEqualTo(
            "graph TD\n"
                + "  signal_reviewer_notes[/reviewer-notes/] -.->|signal| notes\n"
                + "  request --> decide\n"
                + "  notes --> decide\n"
                + "  signal_approval[/approval/] -.->|signal| decide\n"
                + "  request --> remind\n"
                + "  signal_approval -.->|signal| remind");
  }

  @Test
  void flowClassSendsEachSignalByATypedMethod() throws Exception {
    CompiledClasses classes = new CompiledClasses(compileClean(SampleFlows.review()));
    Class<?> flowClass = classes.load("shop.ReviewFlow");

    Method approval =
        flowClass.getMethod("signalApproval", RunId.class, classes.load("shop.Review$Approval"));
    Method notes = flowClass.getMethod("signalReviewerNotes", RunId.class, List.class);

    assertThat(approval.getReturnType()).isEqualTo(void.class);
    assertThat(Modifier.isPublic(approval.getModifiers())).isTrue();
    assertThat(Modifier.isStatic(approval.getModifiers())).isFalse();
    assertThat(notes.getGenericParameterTypes()[1].getTypeName())
        .isEqualTo("java.util.List<java.lang.String>");
    assertThat(Arrays.stream(flowClass.getDeclaredMethods()).map(Method::getName))
        .filteredOn(name -> name.startsWith("signal"))
        .containsExactlyInAnyOrder("signalApproval", "signalReviewerNotes");
  }

  @Test
  void taskReadsThePayloadOfItsSignalAndAnOptionalOneMayBeEmpty() throws Exception {
    Compilation compilation = compileClean(SampleFlows.review());
    CompiledClasses classes = new CompiledClasses(compilation);
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.ReviewFlow");
    Object flow = definition.newInstance().orElseThrow();
    Object ann = approval(classes, "ann", true);

    Object request = definition.invoke(flow, 0, FakeArguments.input("spec"));
    Object notes = definition.invoke(flow, 1, FakeArguments.none().signal(List.of("typo")));
    Object decided =
        definition.invoke(
            flow, 2, FakeArguments.none().output(0, request).output(1, notes).signal(ann));
    definition.invoke(flow, 3, FakeArguments.none().output(0, request).signalTimedOut());
    definition.invoke(flow, 3, FakeArguments.none().output(0, request).signal(ann));

    assertThat(notes).isEqualTo(List.of("typo"));
    assertThat(decided).isEqualTo("review of spec approved by ann with 1 notes");
    assertThat(classes.load("shop.Review").getField("events").get(flow))
        .isEqualTo(List.of("remind about review of spec", "ann was early"));
    assertThat(
            compilation
                .generatedSourceFile("shop.ReviewFlow")
                .orElseThrow()
                .getCharContent(true)
                .toString())
        .contains(
            ".signal(SignalWait.of(\"approval\", TypeRef.of(Review.Approval.class))\n"
                + "              .timeout(Duration.parse(\"PT72H\"), false)"
                + ".when(Review::isFinal, \"isFinal\"))")
        .contains(".signal(SignalWait.of(\"reviewer-notes\", new TypeRef<List<String>>() {}))")
        .contains("return flow.notes(arguments.<List<String>>signal().orElseThrow());")
        .contains("flow.remind(arguments.<String>output(0), arguments.<Review.Approval>signal());")
        .contains("binding.signal(id, \"approval\", payload);");
  }

  @Test
  void primitiveAndWildcardPayloadsAndATaskThatWaitsFromTheRunsStart() throws Exception {
    CompiledClasses classes =
        new CompiledClasses(
            compileClean(
                source(
                    "shop.Counter",
                    "@Flow public class Counter {",
                    "  public static boolean positive(int count) { return count > 0; }",
                    "  @Task public int count(@Signal(value = \"count\", when = \"positive\") int n) {",
                    "    return n;",
                    "  }",
                    "  @Task @DependsOn(\"count\")",
                    "  public String show(",
                    "      int count,",
                    "      @Signal(value = \"label_text\", timeout = \"PT90S\")",
                    "      Optional<? extends CharSequence> label) {",
                    "    return label.map(CharSequence::toString).orElse(\"#\") + count;",
                    "  }",
                    "}")));
    FlowDescriptor descriptor = classes.descriptor("shop.CounterFlow");
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.CounterFlow");
    Object flow = definition.newInstance().orElseThrow();

    SignalWait<?> count = signal(descriptor, "count");
    assertThat(count.payload().type()).isEqualTo(Integer.class);
    assertThat(count.accepts(5)).isTrue();
    assertThat(count.accepts(-1)).isFalse();
    SignalWait<?> label = signal(descriptor, "show");
    assertThat(label.name()).isEqualTo("label_text");
    assertThat(label.payload().type()).isEqualTo(CharSequence.class);
    assertThat(label.timeout()).contains(Duration.ofSeconds(90));
    assertThat(label.emptyOnTimeout()).isTrue();
    assertThat(definition.invoke(flow, 0, FakeArguments.none().signal(7))).isEqualTo(7);
    assertThat(definition.invoke(flow, 1, FakeArguments.none().output(0, 7).signal("n=")))
        .isEqualTo("n=7");
    assertThat(definition.invoke(flow, 1, FakeArguments.none().output(0, 7).signalTimedOut()))
        .isEqualTo("#7");
    Class<?> flowClass = classes.load("shop.CounterFlow");
    assertThat(flowClass.getMethod("signalCount", RunId.class, Integer.class)).isNotNull();
    assertThat(flowClass.getMethod("signalLabelText", RunId.class, CharSequence.class)).isNotNull();
    assertThat(descriptor.mermaid())
        .isEqualTo(
            "graph TD\n"
                + "  signal_count[/count/] -.->|signal| count\n"
                + "  count --> show\n"
                + "  signal_label_text[/label_text/] -.->|signal| show");
  }

  @Test
  void signalsNameAndPayloadArePartOfTheShapeWhileItsTimeoutAndConditionAreNot() {
    String plain = shapeHash("public String hold(@Input String note)");
    String signal = shapeHash("public String hold(@Signal(\"note\") String note)");
    String timed =
        shapeHash(
            "public String hold(@Signal(value = \"note\", timeout = \"PT1M\", when = \"ok\")"
                + " String note)");
    String optional =
        shapeHash(
            "public String hold(@Signal(value = \"note\", timeout = \"PT1M\")"
                + " Optional<String> note)");
    String renamed = shapeHash("public String hold(@Signal(\"memo\") String note)");
    String retyped = shapeHash("public String hold(@Signal(\"note\") CharSequence note)");

    assertThat(timed).isEqualTo(signal);
    assertThat(optional).isEqualTo(signal);
    assertThat(plain).isNotEqualTo(signal);
    assertThat(renamed).isNotEqualTo(signal);
    assertThat(retyped).isNotEqualTo(signal);
  }

  private static String shapeHash(String method) {
    return new CompiledClasses(
            compileClean(
                source(
                    "shop.Note",
                    "@Flow public class Note {",
                    "  public static boolean ok(CharSequence note) { return true; }",
                    "  @Task public int start(@Input String note) { return 3; }",
                    "  @Task @DependsOn(\"start\") " + method + " {",
                    "    return null;",
                    "  }",
                    "}")))
        .descriptor("shop.NoteFlow")
        .shapeHash();
  }

  private static SignalWait<?> signal(FlowDescriptor descriptor, String task) {
    TaskDescriptor described = descriptor.task(task).orElseThrow();
    return described.signal().orElseThrow();
  }

  private static Object approval(CompiledClasses classes, String by, boolean approved) {
    try {
      return classes
          .load("shop.Review$Approval")
          .getDeclaredConstructor(String.class, boolean.class)
          .newInstance(by, approved);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
