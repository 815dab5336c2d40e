package dev.hypha.processor;

import static dev.hypha.processor.Flows.compileClean;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compares generated sources with the reviewed copies under {@code src/test/resources/goldens}. Run
 * with {@code -Dhypha.updateGoldens=true} to rewrite them after a deliberate generator change, then
 * review the diff.
 */
class GoldenFileTest {
  private static final Path GOLDENS = Path.of("src/test/resources/goldens");
  private static final boolean UPDATE = Boolean.getBoolean("hypha.updateGoldens");

  @Test
  void representativeFlowMatchesItsGolden() throws IOException {
    Compilation compilation = compileClean(SampleFlows.orderFulfilment());

    assertMatchesGolden(compilation, "shop.OrderFulfilmentFlow");
  }

  @Test
  void flowWithSeveralSinksAndNoInputMatchesItsGolden() throws IOException {
    Compilation compilation = compileClean(SampleFlows.inventory());

    assertMatchesGolden(compilation, "shop.InventoryFlow");
  }

  @Test
  void branchingFlowMatchesItsGolden() throws IOException {
    Compilation compilation = compileClean(SampleFlows.approval());

    assertMatchesGolden(compilation, "shop.ApprovalFlow");
  }

  @Test
  void fanningOutFlowMatchesItsGolden() throws IOException {
    Compilation compilation = compileClean(SampleFlows.restock());

    assertMatchesGolden(compilation, "shop.RestockFlow");
  }

  @Test
  void routingFlowMatchesItsGolden() throws IOException {
    Compilation compilation = compileClean(SampleFlows.domains());

    assertMatchesGolden(compilation, "shop.DomainsFlow");
  }

  @Test
  void loopingFlowMatchesItsGolden() throws IOException {
    Compilation compilation = compileClean(SampleFlows.negotiation());

    assertMatchesGolden(compilation, "shop.NegotiationFlow");
  }

  @Test
  void flowWaitingForSignalsMatchesItsGolden() throws IOException {
    Compilation compilation = compileClean(SampleFlows.review());

    assertMatchesGolden(compilation, "shop.ReviewFlow");
  }

  @Test
  void flowStartingASubFlowMatchesItsGolden() throws IOException {
    Compilation compilation = compileClean(SampleFlows.checkout(), SampleFlows.billing());

    assertMatchesGolden(compilation, "shop.CheckoutFlow");
  }

  @Test
  void serviceFileMatchesItsGolden() throws IOException {
    Compilation compilation = compileClean(SampleFlows.orderFulfilment(), SampleFlows.inventory());
    String text =
        compilation
            .generatedFile(
                javax.tools.StandardLocation.CLASS_OUTPUT,
                "META-INF/services/dev.hypha.runtime.spi.FlowDefinition")
            .orElseThrow()
            .getCharContent(true)
            .toString();

    assertMatches(text, GOLDENS.resolve("META-INF/services/dev.hypha.runtime.spi.FlowDefinition"));
  }

  private static void assertMatchesGolden(Compilation compilation, String className)
      throws IOException {
    JavaFileObject generated = compilation.generatedSourceFile(className).orElseThrow();
    Path golden = GOLDENS.resolve(className.replace('.', '/') + ".java");
    assertMatches(generated.getCharContent(true).toString(), golden);
  }

  private static void assertMatches(String actual, Path golden) throws IOException {
    if (UPDATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
      System.out.println("Rewrote golden " + golden);
      return;
    }
    assertThat(golden)
        .as("golden %s is missing; run with -Dhypha.updateGoldens=true to create it", golden)
        .exists();
    assertThat(actual)
        .as(
            "generated code differs from %s; if intended, rerun with -Dhypha.updateGoldens=true",
            golden)
        .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
