package dev.hypha.samples.subflows;

import static dev.hypha.test.HistoryAssert.assertRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.samples.subflows.Billing.Invoice;
import dev.hypha.samples.subflows.Checkout.Order;
import dev.hypha.test.HyphaTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sub-flow sample through the real processor: a checkout bills its order with a child run of
 * the billing flow, typed end to end; the runs are linked in the history; a billing that fails
 * fails the checkout's task with its error.
 */
@HyphaTest
class CheckoutTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final AtomicInteger invoices = new AtomicInteger();

  private Billing billing() {
    return new Billing(charge -> "INV-" + invoices.incrementAndGet());
  }

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void theCheckoutGetsTheInvoiceOfItsChildBillingRun(HyphaTest.Engine engine, Hypha hypha) {
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
    assertThat(assertRun(hypha, child).succeeded().detail().summary().flow())
        .isEqualTo(BillingFlow.NAME);
    assertThat(hypha.history().count(RunQuery.builder().flow(BillingFlow.NAME).build()))
        .isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void aBillingThatFailsFailsTheCheckoutsTaskWithItsError(HyphaTest.Engine engine, Hypha hypha) {
    BillingFlow.bind(hypha, billing());
    CheckoutFlow checkout = CheckoutFlow.bind(hypha, new Checkout());
    Run<String> run = checkout.start(new Order("ord-2", List.of()));
    assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
    assertRun(run).task("receipt").skipped();
    TaskRecord bill = assertRun(run).task("bill").failed().record();
    assertThat(bill.error().orElseThrow().message())
        .contains("of flow billing failed: task check: order ord-2 has nothing to bill: 0");
    assertThat(invoices).hasValue(0);
  }
}
