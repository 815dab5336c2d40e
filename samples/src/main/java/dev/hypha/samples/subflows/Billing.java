package dev.hypha.samples.subflows;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import java.math.BigDecimal;

/**
 * A flow of its own that other flows call as a sub-flow (Bureaucrat's call): a charge is checked,
 * then booked in the ledger, which issues the invoice. {@link Checkout} starts it as the child of
 * its {@code bill} task with {@code BillingFlow.sub(charge)}.
 */
@Flow
public class Billing {
  /** What to bill. */
  public record Charge(String order, BigDecimal amount) {}

  /** What billing gives back. */
  public record Invoice(String number, String order, BigDecimal amount) {}

  /** Books charges; an external system, so given to the flow's constructor. */
  public interface Ledger {
    String book(Charge charge);
  }

  private final Ledger ledger;

  public Billing(Ledger ledger) {
    this.ledger = ledger;
  }

  @Task
  public Charge check(@Input Charge charge) {
    if (charge.amount().signum() <= 0) {
      throw new IllegalArgumentException(
          "order " + charge.order() + " has nothing to bill: " + charge.amount());
    }
    return charge;
  }

  @Task
  @DependsOn("check")
  public Invoice book(Charge check) {
    return new Invoice(ledger.book(check), check.order(), check.amount());
  }
}
