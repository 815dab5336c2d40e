package dev.hypha.samples.documents;

import static dev.hypha.test.HistoryAssert.assertRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.samples.documents.Digitise.Document;
import dev.hypha.test.HyphaTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The document flow through the real processor: pages fan out, each read the way its kind needs
 * (the OCR of page 2 fails once and is retried), and the texts come back in page order.
 */
@HyphaTest
class DigitiseTest {
  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void eachPageIsReadTheWayItsKindNeedsAndTheTextsComeBackInPageOrder(
      HyphaTest.Engine engine, Hypha hypha) {
    Map<Integer, AtomicInteger> reads = new ConcurrentHashMap<>();
    Digitise.OcrService ocr =
        page -> {
          int attempt =
              reads.computeIfAbsent(page.number(), n -> new AtomicInteger()).incrementAndGet();
          if (page.number() == 2 && attempt == 1) {
            throw new IllegalStateException("the scanner jammed");
          }
          return "scanned text of page " + page.number();
        };
    DigitiseFlow flow = DigitiseFlow.bind(hypha, new Digitise(ocr));
    Run<String> run =
        flow.start(new Document("letter", Arrays.asList("  Dear reader,", null, null, "Bye.")));
    assertThat(run.await(Duration.ofSeconds(30)))
        .isEqualTo(
            "1: Dear reader,\n"
                + "2: scanned text of page 2\n"
                + "3: scanned text of page 3\n"
                + "4: Bye.\n");
    assertRun(run)
        .task("parse[0]")
        .hasOutput("{\"page\":1,\"text\":\"Dear reader,\"}")
        .and()
        .task("parse[1]")
        .hasOutput("{\"page\":4,\"text\":\"Bye.\"}")
        .and()
        .task("recognise[0]")
        .hasAttempts(2)
        .hasFailures("the scanner jammed")
        .and()
        .task("recognise[1]")
        .hasAttempts(1);
    assertThat(reads.get(3)).hasValue(1);
  }
}
