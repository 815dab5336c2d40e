package dev.hypha.processor.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShapeHashTest {
  private static final List<GraphTask> FLOW =
      List.of(
          new GraphTask("load", "default", "shop.Order", List.of()),
          new GraphTask("charge", "default", "shop.Charge", List.of("load")),
          new GraphTask("reserve", "stock", "shop.Stock", List.of("load")),
          new GraphTask("ship", "default", "shop.Shipment", List.of("reserve", "charge")));

  @Test
  void hashIsSixteenHexCharacters() {
    assertThat(ShapeHash.of(FLOW)).matches("[0-9a-f]{16}");
  }

  @Test
  void canonicalTextSortsTasksAndDependencies() {
    assertThat(ShapeHash.canonicalText(FLOW))
        .isEqualTo(
            """
            charge|default|shop.Charge|load
            load|default|shop.Order|
            reserve|stock|shop.Stock|load
            ship|default|shop.Shipment|charge,reserve
            """);
  }

  @Test
  void hashDoesNotDependOnDeclarationOrder() {
    List<GraphTask> reordered =
        List.of(
            new GraphTask("ship", "default", "shop.Shipment", List.of("charge", "reserve")),
            FLOW.get(2),
            FLOW.get(0),
            FLOW.get(1));

    assertThat(ShapeHash.of(reordered)).isEqualTo(ShapeHash.of(FLOW));
  }

  @Test
  void hashChangesWithEdgesQueuesTypesAndNames() {
    String hash = ShapeHash.of(FLOW);

    assertThat(
            ShapeHash.of(
                replace(3, new GraphTask("ship", "default", "shop.Shipment", List.of("charge")))))
        .isNotEqualTo(hash);
    assertThat(
            ShapeHash.of(
                replace(2, new GraphTask("reserve", "default", "shop.Stock", List.of("load")))))
        .isNotEqualTo(hash);
    assertThat(ShapeHash.of(replace(0, new GraphTask("load", "default", "shop.Order2", List.of()))))
        .isNotEqualTo(hash);
    assertThat(
            ShapeHash.of(
                replace(1, new GraphTask("pay", "default", "shop.Charge", List.of("load")))))
        .isNotEqualTo(hash);
  }

  private static List<GraphTask> replace(int index, GraphTask task) {
    List<GraphTask> tasks = new java.util.ArrayList<>(FLOW);
    tasks.set(index, task);
    return tasks;
  }
}
