package dev.hypha.samples.showcase;

import java.math.BigDecimal;
import java.util.List;

/** The records the order flow passes between its tasks. */
public final class Shop {
  private Shop() {}

  /** What a customer asked for. */
  public record OrderRequest(String orderId, String customer, List<Line> lines) {}

  /** One product and quantity. */
  public record Line(String sku, int quantity, BigDecimal unitPrice) {}

  /** The order as loaded, with its total. */
  public record Order(String orderId, String customer, List<Line> lines, BigDecimal total) {}

  /** A successful payment. */
  public record Charge(String paymentId, BigDecimal amount) {}

  /** Reserved stock. */
  public record Stock(String reservationId, List<String> skus) {}

  /** The parcel on its way. */
  public record Shipment(String trackingNumber, String orderId, String paymentId, int parcels) {}
}
