package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compileClean;
import static dev.hypha.processor.Flows.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Generated code reads like code a person would write: lines within 100 columns, no imports of
 * {@code java.lang} types, the Mermaid graph once (in the descriptor).
 */
class GeneratedLayoutTest {
  private static final int COLUMNS = 100;

  /**
   * Long but ordinary names everywhere: nested types, generic outputs, several sinks, policies and
   * handlers. (A single name longer than a line cannot be wrapped, nor can a declaration's type.)
   */
  private static JavaFileObject longNames() {
    return source(
        "shop.WarehouseReplenishment",
        "@Flow(name = \"warehouse-replenishment\", deadline = \"PT12H\")",
        "@Retry(maxAttempts = 4, backoff = \"PT2S\", retryOn = java.io.UncheckedIOException.class)",
        "public class WarehouseReplenishment {",
        "  public record ReplenishmentRequest(String warehouse, List<String> skus) {}",
        "  public record StockLevel(String sku, int units) {}",
        "  public record PurchaseOrder(String supplier, Map<String, Integer> units) {}",
        "  public static class SupplierUnavailableException extends Exception {",
        "    private static final long serialVersionUID = 1L;",
        "  }",
        "",
        "  @Task(name = \"collect-stock-levels\", queue = \"warehouse-inventory\")",
        "  public Map<String, List<StockLevel>> collectStockLevels(",
        "      @Input ReplenishmentRequest request) { return Map.of(); }",
        "",
        "  @Task(name = \"propose-purchase-orders\")",
        "  @DependsOn(\"collect-stock-levels\")",
        "  @Retry(maxAttempts = 7, backoff = \"PT0.25S\", maxBackoff = \"PT1M\", jitter = 0.25,",
        "      retryOn = {java.io.UncheckedIOException.class, IllegalStateException.class},",
        "      abortOn = {IllegalArgumentException.class, UnsupportedOperationException.class})",
        "  @Timeout(\"PT30S\")",
        "  public List<PurchaseOrder> proposePurchaseOrders(",
        "      Map<String, List<StockLevel>> stockLevels, @Input ReplenishmentRequest request,",
        "      TaskContext context) throws SupplierUnavailableException { return List.of(); }",
        "",
        "  @Task(name = \"summarise-stock-levels\")",
        "  @DependsOn(\"collect-stock-levels\")",
        "  public Map<String, Map<String, List<Integer>>> summariseStockLevels(",
        "      Map<String, List<StockLevel>> stockLevels) { return Map.of(); }",
        "",
        "  @Compensates(\"propose-purchase-orders\")",
        "  @Retry(maxAttempts = 3, backoff = \"PT0.5S\", maxBackoff = \"PT10S\", jitter = 0.1)",
        "  public void withdrawPurchaseOrders(List<PurchaseOrder> orders, TaskContext context) {}",
        "",
        "  @OnFault(task = \"propose-purchase-orders\",",
        "      value = {SupplierUnavailableException.class, java.io.UncheckedIOException.class})",
        "  public List<PurchaseOrder> proposeNoPurchaseOrders(",
        "      Exception unavailable, @Input ReplenishmentRequest request) {",
        "    return List.of();",
        "  }",
        "}");
  }

  @Test
  void noGeneratedLineIsLongerThan100Columns() throws IOException {
    for (String generated : generatedSources()) {
      String[] lines = generated.split("\n");
      for (int line = 0; line < lines.length; line++) {
        assertThat(lines[line].length())
            .as("line %d of\n%s", line + 1, generated)
            .isLessThanOrEqualTo(COLUMNS);
      }
    }
  }

  @Test
  void noJavaLangTypeIsImported() throws IOException {
    for (String generated : generatedSources()) {
      assertThat(generated).doesNotContain("import java.lang.");
    }
  }

  @Test
  void theMermaidGraphIsWrittenOnceInTheDescriptor() throws IOException {
    String generated =
        generatedSource(compileClean(SampleFlows.orderFulfilment()), "shop.OrderFulfilmentFlow");

    assertThat(occurrences(generated, "load --> charge")).isEqualTo(1);
    assertThat(generated).contains(".mermaid(").contains("descriptor().mermaid()");
  }

  @Test
  void typesOfTheFlowsPackageNamedLikeJavaLangTypesDoNotShadowThem() {
    JavaFileObject flow =
        source(
            "shop.Shadowed",
            "@Flow public class Shadowed {",
            "  @Task public java.lang.String name() throws java.lang.Exception { return \"n\"; }",
            "  @Task public java.lang.Integer size() { return 1; }",
            "}");
    List<JavaFileObject> sources =
        List.of(
            flow,
            source("shop.String", "public class String {}"),
            source("shop.Exception", "public class Exception {}"),
            source("shop.Integer", "public class Integer {}"),
            source("shop.Override", "public @interface Override {}"),
            source("shop.Object", "public class Object {}"));

    Compilation compilation =
        Flows.compiler().withOptions("-Xlint:all", "-Werror").compile(sources);

    assertThat(compilation).succeededWithoutWarnings();
  }

  private static List<String> generatedSources() throws IOException {
    Compilation compilation =
        compileClean(SampleFlows.orderFulfilment(), SampleFlows.inventory(), longNames());
    return List.of(
        generatedSource(compilation, "shop.OrderFulfilmentFlow"),
        generatedSource(compilation, "shop.InventoryFlow"),
        generatedSource(compilation, "shop.WarehouseReplenishmentFlow"));
  }

  private static String generatedSource(Compilation compilation, String className)
      throws IOException {
    return compilation.generatedSourceFile(className).orElseThrow().getCharContent(true).toString();
  }

  private static int occurrences(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
