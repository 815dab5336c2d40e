package dev.hypha.samples.documents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.documents.Digitise.Document;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The document flow through the real processor: pages fan out, each read the way its kind needs
 * (the OCR of page 2 fails once and is retried), and the texts come back in page order.
 */
class DigitiseTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void eachPageIsReadTheWayItsKindNeedsAndTheTextsComeBackInPageOrder(EngineKind engine) {
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
    try (Hypha hypha = engine.open(dir.resolve("documents.db"))) {
      DigitiseFlow flow = DigitiseFlow.bind(hypha, new Digitise(ocr));
      Run<String> run =
          flow.start(new Document("letter", Arrays.asList("  Dear reader,", null, null, "Bye.")));
      assertThat(run.await(Duration.ofSeconds(30)))
          .isEqualTo(
              "1: Dear reader,\n"
                  + "2: scanned text of page 2\n"
                  + "3: scanned text of page 3\n"
                  + "4: Bye.\n");
      RunDetail detail = run.detail();
      assertThat(detail.task("parse[0]").flatMap(TaskRecord::outputJson))
          .hasValue("{\"page\":1,\"text\":\"Dear reader,\"}");
      assertThat(detail.task("parse[1]").flatMap(TaskRecord::outputJson))
          .hasValue("{\"page\":4,\"text\":\"Bye.\"}");
      TaskRecord jammed = detail.task("recognise[0]").orElseThrow();
      assertThat(jammed.attempt()).isEqualTo(2);
      assertThat(jammed.failures()).hasSize(1);
      assertThat(detail.task("recognise[1]").orElseThrow().attempt()).isEqualTo(1);
      assertThat(reads.get(3)).hasValue(1);
    }
  }
}
