package dev.hypha.processor;

import static dev.hypha.processor.Flows.compileClean;
import static dev.hypha.processor.Flows.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.testing.compile.Compilation;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Flows that fan out with {@code @ForEach}, compiled and called through their generated code. */
class GeneratedFanOutTest {
  private static final JavaFileObject PAGING =
      source(
          "shop.Paging",
          "@Flow public class Paging {",
          "  public record Document(String text) {}",
          "  public record Page(int number, String text) {}",
          "  public record Text(String words) {}",
          "  public record Summary(int pages, String words) {}",
          "  @Task public List<Page> split(@Input Document doc) {",
          "    List<Page> pages = new ArrayList<>();",
          "    for (String part : doc.text().split(\"/\")) {",
          "      pages.add(new Page(pages.size() + 1, part));",
          "    }",
          "    return pages;",
          "  }",
          "  @Task @DependsOn(\"split\") @Retry(maxAttempts = 3)",
          "  public Text ocr(@ForEach(concurrency = 4) Page page, @Input Document doc) {",
          "    return new Text(page.number() + \":\" + page.text().toUpperCase()",
          "        + \" of \" + doc.text().length());",
          "  }",
          "  @Task @DependsOn(\"ocr\") public Summary collect(List<Text> ocr) {",
          "    return new Summary(ocr.size(), String.join(\" \", ocr.stream()",
          "        .map(Text::words).toList()));",
          "  }",
          "  @OnFault(task = \"ocr\", value = IllegalStateException.class)",
          "  public Text unreadable(@Input Document doc) { return new Text(\"?\"); }",
          "}");

  @Test
  void fanOutIsDescribedWithItsListItsElementAndTheListOfItsOutputs() {
    FlowDescriptor descriptor =
        new CompiledClasses(compileClean(PAGING)).descriptor("shop.PagingFlow");

    TaskDescriptor ocr = descriptor.task("ocr").orElseThrow();
    assertThat(ocr.forEach()).contains("split");
    assertThat(ocr.element().type().getTypeName()).isEqualTo("shop.Paging$Page");
    assertThat(ocr.elementOutput().type().getTypeName()).isEqualTo("shop.Paging$Text");
    assertThat(ocr.concurrency()).isEqualTo(4);
    assertThat(ocr.output().type().getTypeName()).isEqualTo("java.util.List<shop.Paging$Text>");
    assertThat(ocr.dependsOn()).containsExactly("split");
    assertThat(ocr.guard("split")).isEmpty();
    assertThat(ocr.isOptional("split")).isFalse();
    assertThat(ocr.retry().maxAttempts()).isEqualTo(3);
    assertThat(descriptor.task("split").orElseThrow().forEach()).isEmpty();
    assertThat(descriptor.task("collect").orElseThrow().forEach()).isEmpty();
    assertThat(descriptor.result().type().getTypeName()).isEqualTo("shop.Paging$Summary");
    assertThat(descriptor.mermaid())
        .isEqualTo("graph TD\n  split -->|for each| ocr\n  ocr --> collect");
  }

  @Test
  void instanceReadsItsElementAndTheCollectorTheListOfOutputs() throws Exception {
    Compilation compilation = compileClean(PAGING);
    CompiledClasses classes = new CompiledClasses(compilation);
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.PagingFlow");
    Object flow = definition.newInstance().orElseThrow();
    Object doc = record(classes, "shop.Paging$Document", "ab/cd");

    Object pages = definition.invoke(flow, 0, FakeArguments.input(doc));
    assertThat(pages).asList().hasSize(2);
    Object first =
        definition.invoke(flow, 1, FakeArguments.input(doc).element(((List<?>) pages).get(0)));
    Object second =
        definition.invoke(flow, 1, FakeArguments.input(doc).element(((List<?>) pages).get(1)));
    Object summary =
        definition.invoke(flow, 2, FakeArguments.none().output(1, List.of(first, second)));
    Object standIn = definition.invoke(flow, 3, FakeArguments.input(doc));

    assertThat(first).hasToString("Text[words=1:AB of 5]");
    assertThat(second).hasToString("Text[words=2:CD of 5]");
    assertThat(summary).hasToString("Summary[pages=2, words=1:AB of 5 2:CD of 5]");
    assertThat(standIn).hasToString("Text[words=?]");
    assertThat(definition.result(FakeArguments.none().output(2, summary))).isSameAs(summary);
    assertThatThrownBy(() -> definition.invoke(flow, 1, FakeArguments.input(doc)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("not an invocation of an instance of a fan-out or a loop");
    String generated =
        compilation
            .generatedSourceFile("shop.PagingFlow")
            .orElseThrow()
            .getCharContent(true)
            .toString();
    assertThat(generated)
        .contains(
            "return flow.ocr(arguments.<Paging.Page>element(), arguments.<Paging.Document>input());")
        .contains(
            ".forEach(\"split\", TypeRef.of(Paging.Page.class), TypeRef.of(Paging.Text.class), 4)")
        .contains("public Optional<List<Paging.Text>> ocr()");
  }

  @Test
  void voidAndPrimitiveFanOutsAndAFanOutOverAFanOutsOutputs() throws Exception {
    JavaFileObject source =
        source(
            "shop.Names",
            "@Flow public class Names {",
            "  public final List<String> greeted = new ArrayList<>();",
            "  @Task public List<String> names() { return List.of(\"ann\", \"bo\"); }",
            "  @Task @DependsOn(\"names\") public void greet(@ForEach String name) {",
            "    greeted.add(name);",
            "  }",
            "  @Task @DependsOn(\"names\") public int length(@ForEach String names) {",
            "    return names.length();",
            "  }",
            "  @Task @DependsOn(\"length\") public long square(@ForEach Number length) {",
            "    return length.longValue() * length.longValue();",
            "  }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));
    FlowDescriptor descriptor = classes.descriptor("shop.NamesFlow");
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.NamesFlow");
    Object flow = definition.newInstance().orElseThrow();

    TaskDescriptor greet = descriptor.task("greet").orElseThrow();
    assertThat(greet.output().isVoid()).isTrue();
    assertThat(greet.elementOutput().isVoid()).isTrue();
    assertThat(greet.element().type()).isEqualTo(String.class);
    assertThat(greet.concurrency()).isZero();
    TaskDescriptor length = descriptor.task("length").orElseThrow();
    assertThat(length.forEach()).contains("names");
    assertThat(length.elementOutput().type()).isEqualTo(Integer.class);
    assertThat(length.output().type().getTypeName()).isEqualTo("java.util.List<java.lang.Integer>");
    TaskDescriptor square = descriptor.task("square").orElseThrow();
    assertThat(square.forEach()).contains("length");
    assertThat(square.element().type()).isEqualTo(Integer.class);
    assertThat(square.elementOutput().type()).isEqualTo(Long.class);
    assertThat(descriptor.result().type().getTypeName())
        .isEqualTo("java.util.List<java.lang.Long>");

    assertThat(definition.invoke(flow, 1, FakeArguments.none().element("ann"))).isNull();
    assertThat(definition.invoke(flow, 2, FakeArguments.none().element("ann"))).isEqualTo(3);
    assertThat(definition.invoke(flow, 3, FakeArguments.none().element(3))).isEqualTo(9L);
    assertThat(classes.load("shop.Names").getField("greeted").get(flow)).isEqualTo(List.of("ann"));
    assertThat(definition.result(FakeArguments.none().output(3, List.of(9L, 4L))))
        .isEqualTo(List.of(9L, 4L));
  }

  @Test
  void fanOutIsPartOfTheShapeWhileItsConcurrencyIsNot() {
    String fanOut = shapeHash("@ForEach(concurrency = 4) Page page", "Text");
    String limited = shapeHash("@ForEach(concurrency = 1) Page page", "Text");
    String whole = shapeHash("List<Page> split", "List<Text>");

    assertThat(limited).isEqualTo(fanOut);
    assertThat(whole).isNotEqualTo(fanOut);
  }

  @Test
  void fanOutWhoseListMayBeAbsentIsSkippedWithItAndMayBeAbsentItself() {
    FlowDescriptor descriptor =
        new CompiledClasses(
                compileClean(
                    source(
                        "shop.Batches",
                        "@Flow public class Batches {",
                        "  @Task public Optional<String> find() { return Optional.of(\"a,b\"); }",
                        "  @Task @DependsOn(\"find\") public List<String> split(String find) {",
                        "    return List.of(find.split(\",\"));",
                        "  }",
                        "  @Task @DependsOn(\"split\") public int size(@ForEach String item) {",
                        "    return item.length();",
                        "  }",
                        "  @OnSuccess public void done(Optional<List<Integer>> sizes) {}",
                        "}")))
            .descriptor("shop.BatchesFlow");

    TaskDescriptor size = descriptor.task("size").orElseThrow();
    assertThat(size.forEach()).contains("split");
    assertThat(size.guard("split")).isEmpty();
    assertThat(descriptor.result().type().getTypeName())
        .isEqualTo("java.util.Optional<java.util.List<java.lang.Integer>>");
  }

  private static String shapeHash(String parameter, String output) {
    return new CompiledClasses(
            compileClean(
                source(
                    "shop.Scan",
                    "@Flow public class Scan {",
                    "  public record Page(int number) {}",
                    "  public record Text(String words) {}",
                    "  @Task public List<Page> split() { return List.of(); }",
                    "  @Task @DependsOn(\"split\") public " + output + " ocr(" + parameter + ") {",
                    "    return null;",
                    "  }",
                    "}")))
        .descriptor("shop.ScanFlow")
        .shapeHash();
  }

  private static Object record(CompiledClasses classes, String name, Object... components) {
    try {
      return classes.load(name).getDeclaredConstructors()[0].newInstance(components);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
