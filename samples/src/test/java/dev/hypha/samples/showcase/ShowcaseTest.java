package dev.hypha.samples.showcase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.showcase.Shop.Shipment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowcaseTest {
  @TempDir Path dir;

  @Test
  void fourOrdersShipAndTheOneOverTheCardLimitFailsWithoutItsShipment() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    Path database = dir.resolve("hypha.db");
    List<Run<Shipment>> runs =
        Showcase.run(database, new PrintStream(printed, true, StandardCharsets.UTF_8));
    String output = printed.toString(StandardCharsets.UTF_8);

    assertThat(runs)
        .extracting(Run::state)
        .containsExactly(
            RunState.SUCCEEDED,
            RunState.SUCCEEDED,
            RunState.SUCCEEDED,
            RunState.FAILED,
            RunState.SUCCEEDED);
    assertThat(output)
        .contains("shipped trk-order-101")
        .contains("failed: " + OrderFulfilment.PaymentDeclinedException.class.getName())
        .contains("History of flow order-fulfilment, newest first:")
        .contains("load+ charge! reserve+ ship-")
        .contains("charge: barbara's card was declined for 1203.00");

    try (Hypha hypha = Hypha.open(database)) {
      OrderFulfilmentFlow flow = OrderFulfilmentFlow.bind(hypha, new OrderFulfilment());
      Run<Shipment> declined = flow.run(runs.get(3).id());
      assertThat(declined.detail().task("ship").get().state()).isEqualTo(TaskState.SKIPPED);
      OrderFulfilmentFlow.Outputs outputs = flow.outputs(declined.id());
      assertThat(outputs.reserve())
          .hasValueSatisfying(
              stock -> assertThat(stock.skus()).containsExactly("sku-book", "sku-pen"));
      assertThat(outputs.charge()).isEmpty();
      assertThat(outputs.ship()).isEmpty();
      assertThat(flow.run(runs.get(0).id()).resultNow())
          .hasValueSatisfying(shipment -> assertThat(shipment.orderId()).isEqualTo("order-101"));
      assertThat(flow.history().failedSince(java.time.Instant.EPOCH)).hasSize(1);

      // The generated class starts runs without waiting for their commit, too.
      Shipment shipped =
          flow.startAsync(Showcase.orders().get(0))
              .thenApply(run -> run.await(java.time.Duration.ofSeconds(20)))
              .get(20, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(shipped.orderId()).isEqualTo("order-101");
    }
  }
}
