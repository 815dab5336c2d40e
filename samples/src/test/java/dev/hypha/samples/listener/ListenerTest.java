package dev.hypha.samples.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.HyphaListener;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunEvent;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskEvent;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.EventLog;
import dev.hypha.samples.flaky.CatalogImport;
import dev.hypha.samples.flaky.CatalogImport.ImportRequest;
import dev.hypha.samples.flaky.CatalogImportFlow;
import dev.hypha.samples.flaky.FlakySupplier;
import dev.hypha.samples.saga.OrderSaga;
import dev.hypha.samples.saga.OrderSagaFlow;
import dev.hypha.samples.saga.Orders.OrderRequest;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@link HyphaListener} hears every committed change of the samples' runs, retries and handlers
 * included, in the order of the history; a listener that throws breaks neither the runs nor the
 * other listeners.
 */
class ListenerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aListenerHearsEachAttemptOfARetriedTask(EngineKind engine) throws Exception {
    EventLog events = new EventLog();
    Throwing throwing = new Throwing();
    try (Hypha hypha =
        engine.builder(dir.resolve("events.db")).listener(throwing).listener(events).open()) {
      Run<CatalogImport.Published> run =
          CatalogImportFlow.bind(hypha, new CatalogImport(new FlakySupplier(2), QUIET))
              .start(new ImportRequest("tea.example", "autumn"));
      run.await(WAIT);
      assertThat(events.awaitEnd(run.id(), WAIT)).isTrue();

      List<TaskEvent> download = changes(events.task(run.id(), "importProducts"));
      assertThat(download)
          .extracting(TaskEvent::state, TaskEvent::attempt)
          .containsExactly(
              tuple(TaskState.RUNNING, 1),
              tuple(TaskState.READY, 1),
              tuple(TaskState.RUNNING, 2),
              tuple(TaskState.READY, 2),
              tuple(TaskState.RUNNING, 3),
              tuple(TaskState.SUCCEEDED, 3));
      assertThat(download.get(1).error().get().message()).contains("call 1 of the supplier's API");
      assertThat(download.get(3).error().get().message()).contains("call 2 of the supplier's API");
      assertThat(download.get(1).at())
          .isEqualTo(
              run.detail()
                  .task("importProducts")
                  .get()
                  .failures()
                  .get(0)
                  .finishedAt()
                  .plusMillis(50));
      assertThat(events.run(run.id()))
          .extracting(RunEvent::state)
          .containsExactly(RunState.RUNNING, RunState.SUCCEEDED);
      assertLastEventsMatchTheHistory(events, run.detail());
      assertThat(throwing.calls.get()).isEqualTo(events.all(run.id()).size());
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aListenerHearsAFailureItsCompensationsAndTheCallbackInOrder(EngineKind engine)
      throws Exception {
    EventLog events = new EventLog();
    Throwing throwing = new Throwing();
    try (Hypha hypha =
        engine.builder(dir.resolve("events.db")).listener(throwing).listener(events).open()) {
      Run<?> run =
          OrderSagaFlow.bind(hypha, new OrderSaga(QUIET))
              .start(
                  new OrderRequest(
                      "order-9",
                      "linus",
                      "4000-0000-0000-0002",
                      List.of("sku-1"),
                      new BigDecimal("12.00")));
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      assertThat(events.awaitEnd(run.id(), WAIT)).isTrue();

      assertThat(changes(events.task(run.id(), "chargePayment")))
          .extracting(TaskEvent::state)
          .containsExactly(TaskState.RUNNING, TaskState.FAILED);
      assertThat(changes(events.task(run.id(), "chargePayment")).get(1).error().get().type())
          .endsWith("CardDeclinedException");
      assertThat(events.task(run.id(), "ship"))
          .extracting(TaskEvent::state)
          .containsExactly(TaskState.SKIPPED);
      List<String> ends =
          events.all(run.id()).stream()
              .map(
                  event ->
                      event instanceof TaskEvent task
                          ? task.task() + " " + task.state()
                          : "run " + ((RunEvent) event).state())
              .filter(
                  line ->
                      line.startsWith("run ")
                          || line.endsWith("SUCCEEDED")
                          || line.endsWith("FAILED"))
              .toList();
      assertThat(ends)
          .containsSubsequence(
              "run RUNNING",
              "reserveStock SUCCEEDED",
              "chargePayment FAILED",
              "compensate:bookCourier SUCCEEDED",
              "compensate:reserveStock SUCCEEDED",
              "on-failure:notifyCustomer SUCCEEDED",
              "run FAILED")
          .endsWith("run FAILED");
      RunEvent failed = events.run(run.id()).get(1);
      assertThat(failed.error().get().task()).isEqualTo("chargePayment");
      assertLastEventsMatchTheHistory(events, run.detail());
      assertThat(throwing.calls.get()).isEqualTo(events.all(run.id()).size());
    }
  }

  /** The task's changes of state, without the READY of a task queued for a free slot. */
  private static List<TaskEvent> changes(List<TaskEvent> events) {
    return events.stream()
        .filter(event -> event.state() != TaskState.READY || event.error().isPresent())
        .toList();
  }

  private static void assertLastEventsMatchTheHistory(EventLog events, RunDetail detail) {
    for (TaskRecord row : detail.tasks()) {
      List<TaskEvent> heard = events.task(detail.id(), row.name());
      assertThat(heard).as(row.name()).isNotEmpty();
      TaskEvent last = heard.get(heard.size() - 1);
      assertThat(last.state()).as(row.name()).isEqualTo(row.state());
      assertThat(last.attempt()).as(row.name()).isEqualTo(row.attempt());
    }
  }

  /** Throws on every event it hears. */
  private static final class Throwing implements HyphaListener {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public void onRunEvent(RunEvent event) {
      calls.incrementAndGet();
      throw new IllegalStateException("listener bug on " + event.state());
    }

    @Override
    public void onTaskEvent(TaskEvent event) {
      calls.incrementAndGet();
      throw new IllegalStateException("listener bug on " + event.task());
    }
  }
}
