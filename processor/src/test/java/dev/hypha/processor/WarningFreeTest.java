package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Generated code must compile cleanly in builds that treat every lint warning as an error. */
class WarningFreeTest {

  @Test
  void generatedCodeCompilesWithoutWarningsUnderXlintAllAndWerror() {
    JavaFileObject kitchenSink =
        source(
            "shop.KitchenSink",
            "@Flow public class KitchenSink {",
            "  public record Pair(String left, int right) {}",
            "  @Task public int[] seeds(@Input long start) { return new int[] {(int) start}; }",
            "  @Task @DependsOn(\"seeds\") public List<Pair> pairs(int[] seeds) {",
            "    return List.of(new Pair(\"a\", seeds[0]));",
            "  }",
            "  @Task @DependsOn(\"pairs\")",
            "  public Map<String, List<? extends Number>> index(List<Pair> pairs) { return Map.of(); }",
            "  @Task @DependsOn(\"pairs\") public void audit() {}",
            "  @Task @DependsOn(\"pairs\") public Optional<String> first(TaskContext context) {",
            "    return Optional.empty();",
            "  }",
            "  public static class Nested {",
            "  }",
            "  @Flow(name = \"nested-flow\") public static class Inner {",
            "    @Task public Nested make() throws Exception { return new Nested(); }",
            "  }",
            "}");

    Compilation compilation =
        Flows.compiler()
            .withOptions("-Xlint:all", "-Werror")
            .compile(kitchenSink, SampleFlows.orderFulfilment());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("shop.KitchenSinkFlow");
    assertThat(compilation).generatedSourceFile("shop.KitchenSink_InnerFlow");
    assertThat(compilation).generatedSourceFile("shop.OrderFulfilmentFlow");
  }

  @Test
  void fanOutsCompileWithoutWarningsUnderXlintAllAndWerror() {
    JavaFileObject generic =
        source(
            "shop.Tallies",
            "@Flow public class Tallies {",
            "  @Task public List<Map<String, List<Integer>>> groups() { return List.of(); }",
            "  @Task @DependsOn(\"groups\")",
            "  public long[] sum(@ForEach Map<String, ? extends List<Integer>> group) {",
            "    return new long[] {group.size()};",
            "  }",
            "  @Task public List<? extends Number> numbers() { return List.of(1, 2.5); }",
            "  @Task @DependsOn({\"numbers\", \"sum\"})",
            "  public Optional<Double> half(@ForEach Number number, List<long[]> sum) {",
            "    return Optional.of(number.doubleValue() / 2);",
            "  }",
            "  @Task @DependsOn(\"half\")",
            "  public void print(@ForEach Optional<Double> half) {}",
            "}");

    Compilation compilation =
        Flows.compiler()
            .withOptions("-Xlint:all", "-Werror")
            .compile(generic, SampleFlows.restock(), SampleFlows.domains());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("shop.TalliesFlow")
        .contentsAsUtf8String()
        .contains("arguments.<Map<String, List<Integer>>>element()");
  }

  @Test
  void loopsCompileWithoutWarningsUnderXlintAllAndWerror() {
    JavaFileObject generic =
        source(
            "shop.Rounds",
            "@Flow public class Rounds {",
            "  @Task public Map<String, List<Integer>> scores() { return Map.of(); }",
            "  @Task @DependsOn(\"scores\")",
            "  public Step<Map<String, List<Integer>>, ? extends Number> settle(",
            "      @Loop(max = 3) Map<String, List<Integer>> scores, TaskContext context) {",
            "    return scores.isEmpty() ? Step.done(0) : Step.again(Map.of());",
            "  }",
            "  @Task public long seed() { return 1L; }",
            "  @Task @DependsOn({\"seed\", \"settle\"})",
            "  public Step<Long, Void> count(@Loop long seed, Number settle) {",
            "    return seed > 3 ? Step.done(null) : Step.again(seed + 1);",
            "  }",
            "  @OnFault(task = \"count\", value = IllegalStateException.class)",
            "  public Step<Long, Void> stop() { return Step.done(null); }",
            "}");

    Compilation compilation =
        Flows.compiler()
            .withOptions("-Xlint:all", "-Werror")
            .compile(generic, SampleFlows.negotiation());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("shop.RoundsFlow")
        .contentsAsUtf8String()
        .contains("arguments.<Map<String, List<Integer>>>element()");
  }

  @Test
  void signalsCompileWithoutWarningsUnderXlintAllAndWerror() {
    JavaFileObject generic =
        source(
            "shop.Waits",
            "@Flow public class Waits {",
            "  public static boolean some(Map<String, List<Integer>> scores) {",
            "    return !scores.isEmpty();",
            "  }",
            "  public static boolean positive(long n) { return n > 0; }",
            "  @Task public Map<String, List<Integer>> scores(",
            "      @Signal(value = \"scores\", when = \"some\") Map<String, List<Integer>> s) {",
            "    return s;",
            "  }",
            "  @Task @DependsOn(\"scores\")",
            "  public long count(",
            "      Map<String, List<Integer>> scores,",
            "      @Signal(value = \"count-limit\", when = \"positive\", timeout = \"PT1M\") long n) {",
            "    return n;",
            "  }",
            "  @Task @DependsOn(\"count\")",
            "  public void note(",
            "      @Signal(value = \"note\", timeout = \"PT5S\") Optional<? extends Number> note,",
            "      TaskContext context) {}",
            "}");

    Compilation compilation =
        Flows.compiler()
            .withOptions("-Xlint:all", "-Werror")
            .compile(generic, SampleFlows.review());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("shop.WaitsFlow")
        .contentsAsUtf8String()
        .contains("arguments.<Map<String, List<Integer>>>signal().orElseThrow()");
  }

  @Test
  void subFlowsCompileWithoutWarningsUnderXlintAllAndWerror() {
    JavaFileObject child =
        source(
            "shop.Tally",
            "@Flow public class Tally {",
            "  @Task public Map<String, List<Integer>> tally(@Input long[] seeds) {",
            "    return Map.of(\"seeds\", List.of(seeds.length));",
            "  }",
            "}");
    JavaFileObject quiet =
        source("shop.Quiet", "@Flow public class Quiet {", "  @Task public void hush() {}", "}");
    JavaFileObject parent =
        source(
            "shop.Tallies",
            "@Flow public class Tallies {",
            "  @Task public SubFlow<Map<String, List<Integer>>> tally(@Input long[] seeds) {",
            "    return TallyFlow.sub(seeds);",
            "  }",
            "  @Task @DependsOn(\"tally\") public SubFlow<Void> hush() { return QuietFlow.sub(); }",
            "  @Task @DependsOn({\"tally\", \"hush\"})",
            "  public int size(Map<String, ? extends List<Integer>> tally) { return tally.size(); }",
            "  @OnFault(task = \"tally\", value = IllegalStateException.class)",
            "  public Map<String, List<Integer>> none() { return Map.of(); }",
            "  @Compensates(\"tally\") public void drop(Map<String, List<Integer>> tally) {}",
            "}");

    Compilation compilation =
        Flows.compiler()
            .withOptions("-Xlint:all", "-Werror")
            .compile(child, quiet, parent, SampleFlows.checkout(), SampleFlows.billing());

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("shop.TallyFlow")
        .contentsAsUtf8String()
        .contains("public static SubFlow<Map<String, List<Integer>>> sub(long[] input) {");
    assertThat(compilation)
        .generatedSourceFile("shop.TalliesFlow")
        .contentsAsUtf8String()
        .contains("return flow.tally(arguments.<long[]>input());");
  }

  @Test
  void userTypesNamedLikeGeneratedOrRuntimeTypesAreQualified() {
    JavaFileObject flow =
        source(
            "shop.Run",
            "@Flow public class Run {",
            "  @Task public Result result() { return new Result(\"r\"); }",
            "  @Task public Outputs outputs() { return new Outputs(1); }",
            "  @Task public Definition definition() { return new Definition(); }",
            "}");
    JavaFileObject result = source("shop.Result", "public record Result(String value) {}");
    JavaFileObject outputs = source("shop.Outputs", "public record Outputs(int count) {}");
    JavaFileObject definition = source("shop.Definition", "public class Definition {}");

    Compilation compilation =
        Flows.compiler()
            .withOptions("-Xlint:all", "-Werror")
            .compile(flow, result, outputs, definition);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("shop.RunFlow")
        .contentsAsUtf8String()
        .contains("public record Result(shop.Result result, shop.Outputs outputs,");
  }

  @Test
  void callingADeprecatedTaskMethodIsNotAWarning() {
    JavaFileObject flow =
        source(
            "shop.Legacy",
            "@Flow public class Legacy {",
            "  /** @deprecated use the new flow */",
            "  @Deprecated @Task public String old() { return \"old\"; }",
            "}");

    Compilation compilation = Flows.compiler().withOptions("-Xlint:all", "-Werror").compile(flow);

    assertThat(compilation).succeededWithoutWarnings();
  }

  @Test
  void failureHandlingCompilesWithoutWarnings() {
    StringBuilder many = new StringBuilder();
    for (String type :
        List.of(
            "IllegalStateException",
            "IllegalArgumentException",
            "ArithmeticException",
            "ArrayStoreException",
            "ClassCastException",
            "NullPointerException",
            "NegativeArraySizeException",
            "SecurityException",
            "UnsupportedOperationException",
            "IndexOutOfBoundsException",
            "java.io.IOException")) {
      many.append(many.length() == 0 ? "" : ", ").append(type).append(".class");
    }
    JavaFileObject flow =
        source(
            "shop.Careful",
            "@Flow(deadline = \"P1D\") @Retry(retryOn = {" + many + "})",
            "public class Careful {",
            "  @Task public int count() throws java.io.IOException { return 1; }",
            "  @Task public void audit() {}",
            "  @Task @Timeout(\"PT0.25S\") @Retry(abortOn = {" + many + "})",
            "  public Map<String, List<Integer>> index() { return Map.of(); }",
            "  @OnFault(task = \"count\", value = {" + many + "})",
            "  public Integer guess(Object error) { return 0; }",
            "  @OnFault(task = \"audit\", value = Exception.class) public void ignore() {}",
            "  @Compensates(\"index\") public void drop(Map<String, ? extends List<Integer>> index) {}",
            "  /** @deprecated kept for old runs */",
            "  @Deprecated @OnSuccess public void done(Record result, TaskContext context) {}",
            "  @OnFailure public void alert(Object error) {}",
            "}");

    Compilation compilation = Flows.compiler().withOptions("-Xlint:all", "-Werror").compile(flow);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("shop.CarefulFlow")
        .contentsAsUtf8String()
        .contains("arguments.<Throwable>exception()");
  }
}
