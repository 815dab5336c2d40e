package dev.hypha.samples.spring;

import dev.hypha.runtime.Run;
import org.springframework.stereotype.Service;

/** A service that starts runs through the injected generated flow, as a controller would. */
@Service
public class Orders {
  private final OrderFulfilmentFlow fulfilment;

  public Orders(OrderFulfilmentFlow fulfilment) {
    this.fulfilment = fulfilment;
  }

  /** Starts the fulfilment of an order; once per order id (the business key). */
  public Run<OrderFulfilment.Shipment> place(String id, String item, int quantity) {
    return fulfilment.start(new OrderFulfilment.OrderRequest(id, item, quantity), id);
  }
}
