package dev.hypha.samples.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.Journal;
import dev.hypha.samples.sinks.StockCheck.Shelf;
import dev.hypha.samples.sinks.StockCheck.Valuation;
import dev.hypha.samples.sinks.StockCheck.Warehouse;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A flow with several final tasks has the generated {@code Result} record as its result, stored as
 * that record's JSON: after the process that ran it is gone, {@code history().result(id)} and
 * {@code run(id).await(...)} read it back as the record, each component equal to what its task
 * returned, and the stored JSON names the components as the record does ({@code lowStock} for the
 * task {@code low-stock}).
 */
class SeveralSinksTest {
  private static final Warehouse WAREHOUSE =
      new Warehouse(
          "north",
          List.of(
              new Shelf("bolt", 40, 12),
              new Shelf("nut", 3, 5),
              new Shelf("washer", 7, 2),
              new Shelf("nut", 2, 5)),
          6);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void theResultIsTheRecordOfTheSinksOutputsAndReadsBackAfterReopening(EngineKind engine)
      throws Exception {
    Path database = dir.resolve("stock.db");
    RunId id;
    StockCheckFlow.Result first;
    Journal journal = new Journal();
    try (Hypha hypha = engine.open(database)) {
      StockCheckFlow flow = StockCheckFlow.bind(hypha, new StockCheck(journal));
      Run<StockCheckFlow.Result> run = flow.start(WAREHOUSE);
      id = run.id();
      first = run.await(Duration.ofSeconds(30));
    }
    assertThat(journal.entries())
        .as("the sink without output ran")
        .containsExactly("audited 3 skus");
    assertThat(first.lowStock()).containsExactly("nut");
    assertThat(first.units()).isEqualTo(52);
    assertThat(first.valuation()).isEqualTo(new Valuation("north", 40 * 12 + 5 * 5 + 7 * 2));

    try (Hypha hypha = engine.open(database)) {
      StockCheckFlow flow = StockCheckFlow.bind(hypha, new StockCheck(new Journal()));
      StockCheckFlow.Outputs outputs = flow.outputs(id);
      StockCheckFlow.Result stored = flow.history().result(id).orElseThrow();
      assertThat(stored.lowStock()).isEqualTo(outputs.lowStock().orElseThrow());
      assertThat(stored.units()).isEqualTo(outputs.units().orElseThrow());
      assertThat(stored.valuation()).isEqualTo(outputs.valuation().orElseThrow());
      assertThat(stored).isEqualTo(first);
      assertThat(flow.run(id).await(Duration.ofSeconds(5))).isEqualTo(first);

      RunDetail detail = flow.history().detail(id).orElseThrow();
      JsonNode json = new ObjectMapper().readTree(detail.resultJson().orElseThrow());
      List<String> components =
          Arrays.stream(StockCheckFlow.Result.class.getRecordComponents())
              .map(RecordComponent::getName)
              .toList();
      List<String> fields = new ArrayList<>();
      json.fieldNames().forEachRemaining(fields::add);
      assertThat(components)
          .as("one component per final task with an output, named after the task")
          .containsExactlyInAnyOrder("lowStock", "units", "valuation");
      assertThat(fields)
          .as("the stored JSON is the record's")
          .containsExactlyElementsOf(components);
      assertThat(json.get("lowStock")).hasSize(1);
      assertThat(json.get("lowStock").get(0).asText()).isEqualTo("nut");
      assertThat(json.get("units").asInt()).isEqualTo(52);
      assertThat(json.get("valuation").get("cents").asLong()).isEqualTo(first.valuation().cents());
      assertThat(detail.task("low-stock").orElseThrow().outputJson())
          .as("the task keeps its name in the history")
          .contains("[\"nut\"]");
    }
  }
}
