package dev.hypha.processor;

import static dev.hypha.processor.Flows.source;

import javax.tools.JavaFileObject;

/** Flow sources shared by several tests. */
final class SampleFlows {
  private SampleFlows() {}

  /**
   * The representative flow: records, a renamed task, a queue, a diamond, a checked exception, a
   * TaskContext parameter, a void task and a generic output.
   */
  static JavaFileObject orderFulfilment() {
    return source(
        "shop.OrderFulfilment",
        "/** Loads, charges, reserves and ships an order. */",
        "@Flow",
        "public class OrderFulfilment {",
        "  public record OrderRequest(String id) {}",
        "  public record Order(String id, int cents) {}",
        "  public record Charge(String order, int cents) {}",
        "  public record Stock(String order, boolean reserved) {}",
        "  public record Shipment(String order, String tracking) {}",
        "",
        "  @Task",
        "  public Order load(@Input OrderRequest request) {",
        "    return new Order(request.id(), 1250);",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"load\")",
        "  public Charge charge(Order load) throws java.io.IOException {",
        "    if (load.cents() < 0) throw new java.io.IOException(\"payment service down\");",
        "    return new Charge(load.id(), load.cents());",
        "  }",
        "",
        "  @Task(queue = \"stock\")",
        "  @DependsOn(\"load\")",
        "  public Stock reserve(Order order) {",
        "    return new Stock(order.id(), true);",
        "  }",
        "",
        "  @Task",
        "  @DependsOn({\"charge\", \"reserve\"})",
        "  public Shipment ship(Charge charge, Stock reserve, TaskContext context) {",
        "    return new Shipment(charge.order(), context.idempotencyKey());",
        "  }",
        "",
        "  @Task(name = \"notify-customer\")",
        "  @DependsOn(\"ship\")",
        "  public void notifyCustomer(Shipment shipment) {}",
        "",
        "  @Task",
        "  @DependsOn(\"load\")",
        "  public List<Map<String, Integer>> metrics(@From(\"load\") Order placed) {",
        "    return List.of(Map.of(placed.id(), placed.cents()));",
        "  }",
        "}");
  }

  /** A flow without input whose two sinks make a {@code Result} record; primitives included. */
  static JavaFileObject inventory() {
    return source(
        "shop.Inventory",
        "@Flow(name = \"inventory-check\")",
        "public class Inventory {",
        "  @Task",
        "  public List<String> skus() {",
        "    return List.of(\"a\", \"b\");",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"skus\")",
        "  public int count(List<String> skus) {",
        "    return skus.size();",
        "  }",
        "",
        "  @Task(name = \"low-stock\", queue = \"warehouse\")",
        "  @DependsOn(\"skus\")",
        "  public Set<String> lowStock(Collection<String> all) {",
        "    return new TreeSet<>(all);",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"skus\")",
        "  public void log() {}",
        "}");
  }
}
