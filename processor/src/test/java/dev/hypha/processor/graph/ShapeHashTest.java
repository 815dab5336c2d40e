package dev.hypha.processor.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  @Test
  void canonicalTextMarksBranchesAndJoinsOnly() {
    List<GraphTask> branching =
        List.of(
            new GraphTask("decide", "default", "shop.Decision", List.of()),
            new GraphTask(
                "approve",
                "default",
                "shop.Letter",
                List.of("decide"),
                Map.of("decide", GraphEdge.variant("shop.Approved", "Approved"))),
            new GraphTask("coupon", "default", "java.util.Optional<java.lang.String>", List.of()),
            new GraphTask(
                "redeem",
                "default",
                "java.lang.Integer",
                List.of("coupon"),
                Map.of("coupon", GraphEdge.present())),
            new GraphTask(
                "send",
                "default",
                "java.lang.String",
                List.of("decide", "approve"),
                Map.of("approve", GraphEdge.optional())));

    assertThat(ShapeHash.canonicalText(branching))
        .isEqualTo(
            """
            approve|default|shop.Letter|decide[variant:shop.Approved]
            coupon|default|java.util.Optional<java.lang.String>|
            decide|default|shop.Decision|
            redeem|default|java.lang.Integer|coupon[present]
            send|default|java.lang.String|approve[optional],decide
            """);
  }

  @Test
  void hashChangesWithTheKindOfAnEdgeAndTheSubtypeABranchNeeds() {
    GraphTask plain = new GraphTask("charge", "default", "shop.Charge", List.of("load"));
    String hash = ShapeHash.of(replace(1, plain));

    assertThat(hash).isEqualTo(ShapeHash.of(FLOW));
    assertThat(ShapeHash.of(replace(1, withEdge(plain, GraphEdge.present())))).isNotEqualTo(hash);
    assertThat(ShapeHash.of(replace(1, withEdge(plain, GraphEdge.optional())))).isNotEqualTo(hash);
    assertThat(ShapeHash.of(replace(1, withEdge(plain, GraphEdge.variant("shop.A", "A")))))
        .isNotEqualTo(hash)
        .isNotEqualTo(ShapeHash.of(replace(1, withEdge(plain, GraphEdge.variant("shop.B", "B")))));
  }

  @Test
  void fanOutIsMarkedAndChangesTheHash() {
    GraphTask plain = new GraphTask("charge", "default", "shop.Charge", List.of("load"));
    GraphTask fanOut = withEdge(plain, GraphEdge.forEach());

    assertThat(ShapeHash.canonicalText(replace(1, fanOut)))
        .contains("charge|default|shop.Charge|load[for-each]\n");
    assertThat(ShapeHash.of(replace(1, fanOut)))
        .isNotEqualTo(ShapeHash.of(FLOW))
        .isNotEqualTo(ShapeHash.of(replace(1, withEdge(plain, GraphEdge.optional()))));
  }

  @Test
  void routeOfAFanOutIsMarkedAndChangesTheHash() {
    GraphTask plain = new GraphTask("charge", "default", "shop.Charge", List.of("load"));
    GraphTask routed = withEdge(plain, GraphEdge.forEach("shop.Lookup.Dns", "Dns"));

    assertThat(ShapeHash.canonicalText(replace(1, routed)))
        .contains("charge|default|shop.Charge|load[for-each:shop.Lookup.Dns]\n");
    assertThat(ShapeHash.of(replace(1, routed)))
        .isNotEqualTo(ShapeHash.of(replace(1, withEdge(plain, GraphEdge.forEach()))))
        .isNotEqualTo(
            ShapeHash.of(replace(1, withEdge(plain, GraphEdge.forEach("shop.Lookup.Geo", "Geo")))));
  }

  @Test
  void loopIsMarkedAndChangesTheHash() {
    GraphTask plain = new GraphTask("charge", "default", "shop.Charge", List.of("load"));
    GraphTask loop = withEdge(plain, GraphEdge.loop());

    assertThat(ShapeHash.canonicalText(replace(1, loop)))
        .contains("charge|default|shop.Charge|load[loop]\n");
    assertThat(ShapeHash.of(replace(1, loop)))
        .isNotEqualTo(ShapeHash.of(FLOW))
        .isNotEqualTo(ShapeHash.of(replace(1, withEdge(plain, GraphEdge.forEach()))));
  }

  @Test
  void signalIsMarkedWithItsNameAndPayloadAndChangesTheHash() {
    GraphTask plain = new GraphTask("charge", "default", "shop.Charge", List.of("load"));
    GraphTask waiting = withSignal(plain, "approval", "shop.Approval");

    assertThat(ShapeHash.canonicalText(replace(1, waiting)))
        .contains("charge|default|shop.Charge|load|signal:approval:shop.Approval\n");
    assertThat(ShapeHash.of(replace(1, waiting)))
        .isNotEqualTo(ShapeHash.of(FLOW))
        .isNotEqualTo(ShapeHash.of(replace(1, withSignal(plain, "approved", "shop.Approval"))))
        .isNotEqualTo(ShapeHash.of(replace(1, withSignal(plain, "approval", "shop.Decision"))));
    assertThat(ShapeHash.of(replace(1, withSignal(plain, "approval", "shop.Approval"))))
        .isEqualTo(ShapeHash.of(replace(1, waiting)));
  }

  @Test
  void subFlowIsMarkedAndChangesTheHash() {
    GraphTask plain = new GraphTask("charge", "default", "shop.Charge", List.of("load"));
    GraphTask subFlow = plain.startingSubFlow();

    assertThat(ShapeHash.canonicalText(replace(1, subFlow)))
        .contains("charge|default|shop.Charge|load|sub-flow\n");
    assertThat(ShapeHash.of(replace(1, subFlow))).isNotEqualTo(ShapeHash.of(FLOW));
    assertThat(ShapeHash.canonicalText(replace(1, withSignal(plain, "go", "shop.Go"))))
        .doesNotContain("sub-flow");
  }

  private static GraphTask withSignal(GraphTask task, String name, String payload) {
    return new GraphTask(
        task.name(),
        task.queue(),
        task.outputType(),
        task.dependsOn(),
        task.edges(),
        Optional.of(new GraphSignal(name, payload)));
  }

  private static GraphTask withEdge(GraphTask task, GraphEdge edge) {
    return new GraphTask(
        task.name(),
        task.queue(),
        task.outputType(),
        task.dependsOn(),
        Map.of(task.dependsOn().get(0), edge));
  }

  private static List<GraphTask> replace(int index, GraphTask task) {
    List<GraphTask> tasks = new java.util.ArrayList<>(FLOW);
    tasks.set(index, task);
    return tasks;
  }
}
