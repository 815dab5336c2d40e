package dev.hypha.samples.spring;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import org.springframework.stereotype.Component;

/**
 * A flow that is a Spring bean: its tasks run on this bean, with the {@link Warehouse} Spring
 * injected. {@code OrderFulfilmentFlow}, generated next to it, is a bean too.
 */
@Flow
@Component
public class OrderFulfilment {
  private final Warehouse warehouse;

  public OrderFulfilment(Warehouse warehouse) {
    this.warehouse = warehouse;
  }

  /** What a customer orders. */
  public record OrderRequest(String id, String item, int quantity) {}

  /** Stock held for an order. */
  public record Reservation(String order, String item, int quantity, int reservedOfItem) {}

  /** The order on its way. */
  public record Shipment(String order, String label) {}

  @Task
  public Reservation reserve(@Input OrderRequest request) {
    int total = warehouse.reserve(request.item(), request.quantity());
    return new Reservation(request.id(), request.item(), request.quantity(), total);
  }

  @Task
  @DependsOn("reserve")
  public Shipment ship(Reservation reserve) {
    return new Shipment(reserve.order(), reserve.quantity() + " x " + reserve.item());
  }
}
