package dev.hypha.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;

/** Outputs cross the store as JSON and come back as exactly the declared type. */
class JsonTypesTest {
  @TempDir Path dir;

  record Money(BigDecimal amount, String currency) {}

  record Invoice(
      String id,
      List<Money> lines,
      Map<String, List<Integer>> tags,
      Optional<String> note,
      Optional<Money> discount,
      Instant issuedAt,
      LocalDate due,
      Duration terms) {}

  @EngineKind.All
  void recordsGenericsOptionalsAndJavaTimeSurviveTheStore(EngineKind engine) {
    TypeRef<Invoice> invoiceType = TypeRef.of(Invoice.class);
    TypeRef<List<Map<String, Integer>>> nested = new TypeRef<>() {};
    Invoice invoice =
        new Invoice(
            "inv-1",
            List.of(new Money(new BigDecimal("12.50"), "EUR")),
            Map.of("a", List.of(1, 2)),
            Optional.of("thanks"),
            Optional.empty(),
            Instant.parse("2026-11-23T10:15:30.123456Z"),
            LocalDate.of(2026, 12, 31),
            Duration.ofDays(30));
    LambdaFlow flow =
        LambdaFlow.builder("types")
            .input(invoiceType)
            .task("echo", invoiceType, args -> args.<Invoice>input())
            .task(
                "shape",
                nested,
                args -> {
                  Invoice read = args.output(0);
                  return List.of(Map.of(read.id(), read.lines().size()));
                },
                "echo")
            .task(
                "check",
                TypeRef.of(Boolean.class),
                args -> args.<Invoice>output(0).equals(invoice),
                "echo")
            .build();
    try (Hypha hypha = engine.open(dir.resolve("h.db"))) {
      var binding = hypha.bind(flow, flow);
      Run<Object> run = binding.start(invoice);
      @SuppressWarnings("unchecked")
      Map<String, Object> result = (Map<String, Object>) run.await(Duration.ofSeconds(20));
      assertThat(result.get("shape")).isEqualTo(List.of(Map.of("inv-1", 1)));
      assertThat(result.get("check")).isEqualTo(true);
      assertThat(binding.<Invoice>output(run.id(), 0)).contains(invoice);
      String stored = run.detail().task("echo").get().outputJson().get();
      assertThat(stored)
          .contains("\"issuedAt\":\"2026-11-23T10:15:30.123456Z\"")
          .contains("\"note\":\"thanks\"");
    }
  }
}
