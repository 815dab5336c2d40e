package dev.hypha.samples.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SagaDemoTest {
  @TempDir Path dir;

  @Test
  void theDeclinedOrderReleasesItsStockAndCancelsItsCourierThenNotifiesTheCustomer()
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<RunDetail> history =
        SagaDemo.run(
            dir.resolve("saga.db"), new PrintStream(printed, true, StandardCharsets.UTF_8));
    String output = printed.toString(StandardCharsets.UTF_8);

    RunDetail paid = history.get(0);
    assertThat(paid.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(paid.tasks())
        .extracting(TaskRecord::name, TaskRecord::kind, TaskRecord::state)
        .containsExactlyInAnyOrder(
            row("reserveStock", TaskKind.TASK, TaskState.SUCCEEDED),
            row("bookCourier", TaskKind.TASK, TaskState.SUCCEEDED),
            row("chargePayment", TaskKind.TASK, TaskState.SUCCEEDED),
            row("ship", TaskKind.TASK, TaskState.SUCCEEDED),
            row("on-success:confirm", TaskKind.ON_SUCCESS, TaskState.SUCCEEDED));

    RunDetail declined = history.get(1);
    assertThat(declined.state()).isEqualTo(RunState.FAILED);
    assertThat(declined.summary().error().get().task()).isEqualTo("chargePayment");
    assertThat(declined.tasks())
        .extracting(TaskRecord::name, TaskRecord::kind, TaskRecord::state)
        .containsExactlyInAnyOrder(
            row("reserveStock", TaskKind.TASK, TaskState.SUCCEEDED),
            row("bookCourier", TaskKind.TASK, TaskState.SUCCEEDED),
            row("chargePayment", TaskKind.TASK, TaskState.FAILED),
            row("ship", TaskKind.TASK, TaskState.SKIPPED),
            row("compensate:bookCourier", TaskKind.COMPENSATION, TaskState.SUCCEEDED),
            row("compensate:reserveStock", TaskKind.COMPENSATION, TaskState.SUCCEEDED),
            row("on-failure:notifyCustomer", TaskKind.ON_FAILURE, TaskState.SUCCEEDED));
    TaskRecord charge = declined.task("chargePayment").orElseThrow();
    assertThat(charge.attempt()).as("a declined card is not retried").isEqualTo(1);
    assertThat(charge.failures())
        .singleElement()
        .satisfies(
            failure -> {
              assertThat(failure.error().type()).isEqualTo(CardDeclinedException.class.getName());
              assertThat(failure.error().message())
                  .isEqualTo("card ending 0002 was declined for 640.00");
            });
    Instant courierCancelled = finishedAt(declined, "compensate:bookCourier");
    assertThat(declined.task("compensate:reserveStock").get().startedAt().get())
        .as("the stock is released after the courier, which depends on it, is cancelled")
        .isAfterOrEqualTo(courierCancelled);
    assertThat(declined.task("on-failure:notifyCustomer").get().startedAt().get())
        .isAfterOrEqualTo(finishedAt(declined, "compensate:reserveStock"));

    assertThat(output)
        .contains("shipped as trk-order-7")
        .contains("mail to ada: your order ships as trk-order-7")
        .contains("failed: CardDeclinedException: card ending 0002 was declined for 640.00")
        .contains("History of flow order-saga:");
    assertThat(output.lines().map(String::strip).toList())
        .containsSubsequence(
            "warehouse: reserved [sku-desk, sku-chair] as res-order-8",
            "courier: cancelled pick-up pick-order-8",
            "warehouse: released res-order-8",
            "mail to grace: order order-8 was cancelled (card ending 0002 was declined for"
                + " 640.00); nothing was charged")
        .doesNotContain("payments: refunded pay-order-8")
        .containsSubsequence(
            "run "
                + declined.id()
                + "  FAILED  (chargePayment: card ending 0002 was declined"
                + " for 640.00)",
            "TASK         chargePayment                FAILED     attempt 1",
            "attempt 1 failed: CardDeclinedException: card ending 0002 was declined for 640.00",
            "TASK         ship                         SKIPPED    attempt 0  (upstream failed)",
            "COMPENSATION compensate:bookCourier       SUCCEEDED  attempt 1",
            "COMPENSATION compensate:reserveStock      SUCCEEDED  attempt 1",
            "ON_FAILURE   on-failure:notifyCustomer    SUCCEEDED  attempt 1");
  }

  @Test
  void itsMainPrintsBothRunsHistory() throws Exception {
    Path database = dir.resolve("main.db");
    try (ChildJvm child = ChildJvm.start(SagaDemo.class, database.toString())) {
      assertThat(child.waitFor(60_000)).as(child.output()).isZero();
      assertThat(child.output().lines().map(String::strip))
          .containsSubsequence(
              "History of flow order-saga:",
              "TASK         ship                         SUCCEEDED  attempt 1",
              "ON_SUCCESS   on-success:confirm           SUCCEEDED  attempt 1",
              "TASK         chargePayment                FAILED     attempt 1",
              "COMPENSATION compensate:bookCourier       SUCCEEDED  attempt 1",
              "COMPENSATION compensate:reserveStock      SUCCEEDED  attempt 1",
              "ON_FAILURE   on-failure:notifyCustomer    SUCCEEDED  attempt 1");
    }
    try (Hypha hypha = Hypha.open(database)) {
      assertThat(hypha.history().find(RunQuery.builder().build()).items())
          .extracting(RunSummary::state)
          .containsExactlyInAnyOrder(RunState.SUCCEEDED, RunState.FAILED);
    }
  }

  private static Tuple row(String name, TaskKind kind, TaskState state) {
    return tuple(name, kind, state);
  }

  private static Instant finishedAt(RunDetail detail, String row) {
    return detail.task(row).orElseThrow().finishedAt().orElseThrow();
  }
}
