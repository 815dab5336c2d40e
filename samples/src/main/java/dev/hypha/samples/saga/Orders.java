package dev.hypha.samples.saga;

import java.math.BigDecimal;
import java.util.List;

/** The records the order saga passes between its tasks. */
public final class Orders {
  private Orders() {}

  /** What a customer ordered and how they pay. */
  public record OrderRequest(
      String orderId, String customer, String card, List<String> skus, BigDecimal amount) {}

  /** Stock held in the warehouse for an order. */
  public record Reservation(String reservationId, String orderId, List<String> skus) {}

  /** A courier pick-up booked for an order. */
  public record Pickup(String bookingId, String orderId) {}

  /** A charge the payment provider accepted. */
  public record Payment(String paymentId, BigDecimal amount) {}

  /** The parcel on its way. */
  public record Shipment(String trackingNumber, String reservationId, String paymentId) {}
}
