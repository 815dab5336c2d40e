package dev.hypha.samples.saga;

import dev.hypha.annotations.Compensates;
import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.OnFailure;
import dev.hypha.annotations.OnSuccess;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import dev.hypha.runtime.TaskError;
import dev.hypha.samples.saga.Orders.OrderRequest;
import dev.hypha.samples.saga.Orders.Payment;
import dev.hypha.samples.saga.Orders.Pickup;
import dev.hypha.samples.saga.Orders.Reservation;
import dev.hypha.samples.saga.Orders.Shipment;
import java.io.PrintStream;

/**
 * An order as a saga: reserve the stock, then book a courier and charge the card at the same time,
 * then ship. Each step that changes the world outside has a {@code @Compensates} method that undoes
 * it. When the card is declined, {@code chargePayment} fails after the stock was reserved (and the
 * courier booked): {@code ship} is skipped, the courier is cancelled and the stock released, in
 * reverse dependency order, and {@link #notifyCustomer} tells the customer why.
 *
 * <p>The warehouse, courier and payment provider are simulated by lines printed to {@code out}.
 */
@Flow
public class OrderSaga {
  /** Cards ending in these digits are declined, as with a payment provider's test cards. */
  static final String DECLINED_CARD_SUFFIX = "0002";

  private final PrintStream out;

  /** Prints to standard output. */
  public OrderSaga() {
    this(System.out);
  }

  public OrderSaga(PrintStream out) {
    this.out = out;
  }

  @Task
  public Reservation reserveStock(@Input OrderRequest order) {
    String id = "res-" + order.orderId();
    out.println("    warehouse: reserved " + order.skus() + " as " + id);
    return new Reservation(id, order.orderId(), order.skus());
  }

  @Task
  @DependsOn("reserveStock")
  public Pickup bookCourier(Reservation reserveStock) {
    String id = "pick-" + reserveStock.orderId();
    out.println("    courier: booked pick-up " + id);
    return new Pickup(id, reserveStock.orderId());
  }

  /** A declined card is final: {@code abortOn} keeps it from being retried like an outage. */
  @Task
  @DependsOn("reserveStock")
  @Retry(maxAttempts = 3, backoff = "PT0.05S", abortOn = CardDeclinedException.class)
  public Payment chargePayment(
      Reservation reserveStock, @Input OrderRequest order, TaskContext context) {
    if (order.card().endsWith(DECLINED_CARD_SUFFIX)) {
      throw new CardDeclinedException(
          "card ending " + DECLINED_CARD_SUFFIX + " was declined for " + order.amount());
    }
    // A real provider would be given context.idempotencyKey(), so a repeated attempt charges once.
    String id = "pay-" + order.orderId();
    out.println("    payments: charged " + order.amount() + " as " + id);
    return new Payment(id, order.amount());
  }

  @Task
  @DependsOn({"chargePayment", "bookCourier"})
  public Shipment ship(Payment chargePayment, Pickup bookCourier) {
    String tracking = "trk-" + bookCourier.orderId();
    out.println("    courier: parcel " + tracking + " handed over");
    return new Shipment(tracking, "res-" + bookCourier.orderId(), chargePayment.paymentId());
  }

  @Compensates("reserveStock")
  public void releaseStock(Reservation reservation) {
    out.println("    warehouse: released " + reservation.reservationId());
  }

  @Compensates("bookCourier")
  public void cancelCourier(Pickup pickup) {
    out.println("    courier: cancelled pick-up " + pickup.bookingId());
  }

  /** Runs only if a later step failed after the card was charged. */
  @Compensates("chargePayment")
  public void refund(Payment payment) {
    out.println("    payments: refunded " + payment.paymentId());
  }

  @OnSuccess
  public void confirm(Shipment shipment, @Input OrderRequest order) {
    out.println(
        "    mail to " + order.customer() + ": your order ships as " + shipment.trackingNumber());
  }

  @OnFailure
  public void notifyCustomer(TaskError error, @Input OrderRequest order) {
    out.println(
        "    mail to "
            + order.customer()
            + ": order "
            + order.orderId()
            + " was cancelled ("
            + error.message()
            + "); nothing was charged");
  }
}
