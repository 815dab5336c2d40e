package dev.hypha.samples.subflows;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.SubFlow;
import dev.hypha.samples.subflows.Billing.Charge;
import dev.hypha.samples.subflows.Billing.Invoice;
import java.math.BigDecimal;
import java.util.List;

/**
 * A flow that calls another: the order is priced, then billed by a run of {@link Billing}, started
 * as the child of the {@code bill} task; the receipt takes the child's result, an {@link Invoice},
 * like any task's output. A failed billing fails {@code bill} with its error; cancelling a checkout
 * cancels its billing.
 */
@Flow
public class Checkout {
  /** An order: its items and their prices. */
  public record Order(String id, List<BigDecimal> prices) {}

  @Task
  public Charge price(@Input Order order) {
    return new Charge(order.id(), order.prices().stream().reduce(BigDecimal.ZERO, BigDecimal::add));
  }

  @Task
  @DependsOn("price")
  public SubFlow<Invoice> bill(Charge price) {
    return BillingFlow.sub(price);
  }

  @Task
  @DependsOn("bill")
  public String receipt(Invoice bill) {
    return "order " + bill.order() + ": " + bill.amount() + " on invoice " + bill.number();
  }
}
