package dev.hypha.samples.parity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.samples.flaky.CatalogImport;
import dev.hypha.samples.flaky.CatalogImport.ImportRequest;
import dev.hypha.samples.flaky.CatalogImportFlow;
import dev.hypha.samples.flaky.FlakySupplier;
import dev.hypha.samples.recovery.NightlyReport;
import dev.hypha.samples.recovery.NightlyReport.ReportRequest;
import dev.hypha.samples.recovery.NightlyReportFlow;
import dev.hypha.samples.saga.OrderSaga;
import dev.hypha.samples.saga.OrderSagaFlow;
import dev.hypha.samples.saga.Orders;
import dev.hypha.samples.saga.SagaDemo;
import dev.hypha.samples.showcase.OrderFulfilment;
import dev.hypha.samples.showcase.OrderFulfilmentFlow;
import dev.hypha.samples.showcase.Shop.Line;
import dev.hypha.samples.showcase.Shop.OrderRequest;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The serial and the parallel engine give the same history for the sample flows: the same states,
 * attempts, outputs and errors for every task of every run. Only timestamps and worker ids differ.
 */
class EngineParityTest {
  @TempDir Path dir;

  /** One task of one run with what may not differ between engines. */
  record TaskOutcome(
      String task,
      String kind,
      String state,
      int attempt,
      String output,
      String errorType,
      String errorMessage,
      List<String> failures) {
    static TaskOutcome of(TaskRecord task) {
      return new TaskOutcome(
          task.name(),
          task.kind().name(),
          task.state().name(),
          task.attempt(),
          task.outputJson().orElse(null),
          task.error().map(error -> error.type()).orElse(null),
          task.error().map(error -> error.message()).orElse(null),
          task.failures().stream()
              .map(
                  failure ->
                      failure.attempt()
                          + (failure.timedOut() ? " timed out " : " failed ")
                          + failure.error().describe())
              .toList());
    }
  }

  record RunOutcome(String state, String input, String result, List<TaskOutcome> tasks) {
    static RunOutcome of(RunDetail detail) {
      return new RunOutcome(
          detail.state().name(),
          detail.inputJson(),
          detail.resultJson().orElse(null),
          detail.tasks().stream().map(TaskOutcome::of).toList());
    }
  }

  @ParameterizedTest(name = "{0} runs per flow")
  @ValueSource(ints = {1, 12})
  void serialAndParallelEnginesRecordTheSameHistory(int runsPerFlow) throws Exception {
    List<RunOutcome> serial =
        history(Hypha.builder().path(dir.resolve("serial.db")).serial(), runsPerFlow);
    List<RunOutcome> parallel =
        history(Hypha.builder().path(dir.resolve("parallel.db")).parallel(8), runsPerFlow);
    assertThat(parallel).hasSize(2 * runsPerFlow).containsExactlyElementsOf(serial);
    assertThat(serial).extracting(RunOutcome::state).contains("SUCCEEDED");
    if (runsPerFlow > 1) {
      assertThat(serial).extracting(RunOutcome::state).contains("FAILED");
    }
  }

  /** The samples with retries, compensations and callbacks, one run after the other. */
  @Test
  void theSagaAndRetrySamplesRecordTheSameHistoryOnBothEngines() throws Exception {
    List<RunOutcome> serial = failureHandling(Hypha.builder().path(dir.resolve("s.db")).serial());
    List<RunOutcome> parallel =
        failureHandling(Hypha.builder().path(dir.resolve("p.db")).parallel(8));
    assertThat(parallel).hasSize(3).containsExactlyElementsOf(serial);
    assertThat(serial)
        .extracting(RunOutcome::state)
        .containsExactly("SUCCEEDED", "FAILED", "SUCCEEDED");
  }

  private static List<RunOutcome> failureHandling(Hypha.Builder builder) throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    try (Hypha hypha = builder.open()) {
      OrderSagaFlow orders = OrderSagaFlow.bind(hypha, new OrderSaga(quiet));
      CatalogImportFlow imports =
          CatalogImportFlow.bind(hypha, new CatalogImport(new FlakySupplier(2), quiet));
      List<Run<?>> runs = new ArrayList<>();
      for (Orders.OrderRequest order : SagaDemo.orders()) {
        runs.add(orders.start(order));
        awaitEnd(runs.get(runs.size() - 1));
      }
      runs.add(imports.start(new ImportRequest("tea.example", "winter")));
      awaitEnd(runs.get(runs.size() - 1));
      List<RunOutcome> outcomes = new ArrayList<>();
      for (Run<?> run : runs) {
        outcomes.add(RunOutcome.of(run.detail()));
      }
      return outcomes;
    }
  }

  private static void awaitEnd(Run<?> run) {
    try {
      run.await(Duration.ofSeconds(30));
    } catch (RunFailedException expected) {
      // Failures are part of the history being compared.
    }
  }

  private static List<RunOutcome> history(Hypha.Builder builder, int runsPerFlow) throws Exception {
    try (Hypha hypha = builder.open()) {
      OrderFulfilmentFlow orders = OrderFulfilmentFlow.bind(hypha, new OrderFulfilment());
      NightlyReportFlow reports = NightlyReportFlow.bind(hypha, new NightlyReport());
      List<Run<?>> runs = new ArrayList<>();
      for (int i = 0; i < runsPerFlow; i++) {
        runs.add(
            orders.start(
                new OrderRequest(
                    "order-" + i,
                    "customer-" + i,
                    List.of(new Line("sku-" + i, 1 + i * 7, new BigDecimal("19.99"))))));
        runs.add(
            reports.start(
                new ReportRequest(
                    "day-" + i, i % 4 == 3 ? List.of(i, -i) : List.of(i, i + 1, 2 * i))));
      }
      List<RunOutcome> outcomes = new ArrayList<>();
      for (Run<?> run : runs) {
        try {
          run.await(Duration.ofSeconds(30));
        } catch (RunFailedException expected) {
          // Failures are part of the history being compared.
        }
        outcomes.add(RunOutcome.of(run.detail()));
      }
      return outcomes;
    }
  }
}
