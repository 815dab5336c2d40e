package dev.hypha.samples.subflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.subflows.Billing.Invoice;
import dev.hypha.samples.subflows.Checkout.Order;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sub-flow sample through the real processor: a checkout bills its order with a child run of
 * the billing flow, typed end to end; the runs are linked in the history; a billing that fails
 * fails the checkout's task with its error.
 */
class CheckoutTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final AtomicInteger invoices = new AtomicInteger();

  private Billing billing() {
    return new Billing(charge -> "INV-" + invoices.incrementAndGet());
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void theCheckoutGetsTheInvoiceOfItsChildBillingRun(EngineKind engine) {
    try (Hypha hypha = engine.open(dir.resolve("checkout.db"))) {
      BillingFlow.bind(hypha, billing());
      CheckoutFlow checkout = CheckoutFlow.bind(hypha, new Checkout());
      Run<String> run =
          checkout.start(new Order("ord-1", List.of(new BigDecimal("9.50"), new BigDecimal("3"))));
      assertThat(run.await(WAIT)).isEqualTo("order ord-1: 12.50 on invoice INV-1");
      assertThat(checkout.outputs(run.id()).bill())
          .hasValue(new Invoice("INV-1", "ord-1", new BigDecimal("12.50")));
      TaskRecord bill = run.detail().task("bill").orElseThrow();
      String childJson = bill.inputJson().orElseThrow();
      RunId child = RunId.of(childJson.substring(1, childJson.length() - 1));
      RunDetail billed = hypha.history().detail(child).orElseThrow();
      assertThat(billed.summary().flow()).isEqualTo(BillingFlow.NAME);
      assertThat(billed.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(hypha.history().count(RunQuery.builder().flow(BillingFlow.NAME).build()))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aBillingThatFailsFailsTheCheckoutsTaskWithItsError(EngineKind engine) {
    try (Hypha hypha = engine.open(dir.resolve("checkout.db"))) {
      BillingFlow.bind(hypha, billing());
      CheckoutFlow checkout = CheckoutFlow.bind(hypha, new Checkout());
      Run<String> run = checkout.start(new Order("ord-2", List.of()));
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      TaskRecord bill = run.detail().task("bill").orElseThrow();
      assertThat(bill.state()).isEqualTo(TaskState.FAILED);
      assertThat(bill.error().orElseThrow().message())
          .contains("of flow billing failed: task check: order ord-2 has nothing to bill: 0");
      assertThat(run.detail().task("receipt").map(TaskRecord::state)).hasValue(TaskState.SKIPPED);
      assertThat(invoices).hasValue(0);
    }
  }
}
