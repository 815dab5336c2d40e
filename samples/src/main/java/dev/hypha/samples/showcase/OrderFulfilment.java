package dev.hypha.samples.showcase;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import dev.hypha.samples.showcase.Shop.Charge;
import dev.hypha.samples.showcase.Shop.Line;
import dev.hypha.samples.showcase.Shop.Order;
import dev.hypha.samples.showcase.Shop.OrderRequest;
import dev.hypha.samples.showcase.Shop.Shipment;
import dev.hypha.samples.showcase.Shop.Stock;
import java.math.BigDecimal;

/**
 * Loads an order, then charges the customer and reserves the stock at the same time, then ships.
 * The processor turns this class into {@code OrderFulfilmentFlow}; a payment of more than 1,000 is
 * declined, which fails {@code charge} and skips {@code ship} while {@code reserve} still runs.
 */
@Flow
public class OrderFulfilment {
  static final BigDecimal CARD_LIMIT = new BigDecimal("1000");

  @Task
  public Order load(@Input OrderRequest request) {
    BigDecimal total =
        request.lines().stream()
            .map(line -> line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())))
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    return new Order(request.orderId(), request.customer(), request.lines(), total);
  }

  @Task(queue = "payments")
  @DependsOn("load")
  public Charge charge(Order load, TaskContext context) {
    if (load.total().compareTo(CARD_LIMIT) > 0) {
      throw new PaymentDeclinedException(
          load.customer() + "'s card was declined for " + load.total());
    }
    // A real payment API would be given context.idempotencyKey(), so that an attempt repeated
    // after a crash charges the card once.
    return new Charge("pay-" + load.orderId() + "-" + context.attempt(), load.total());
  }

  @Task(queue = "warehouse")
  @DependsOn("load")
  public Stock reserve(Order order) {
    return new Stock("res-" + order.orderId(), order.lines().stream().map(Line::sku).toList());
  }

  @Task(queue = "warehouse")
  @DependsOn({"charge", "reserve"})
  public Shipment ship(Charge charge, Stock reserve) {
    return new Shipment(
        "trk-" + reserve.reservationId().substring(4),
        reserve.reservationId().substring(4),
        charge.paymentId(),
        (reserve.skus().size() + 1) / 2);
  }

  /** Thrown by {@link #charge} for a payment over the card limit. */
  public static final class PaymentDeclinedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PaymentDeclinedException(String message) {
      super(message);
    }
  }
}
