package dev.hypha.samples.showcase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.InvalidInputException;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.UnknownFlowException;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.samples.showcase.Shop.Shipment;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flows are found through ServiceLoader and started by name with JSON, as the REST API will. */
class StartByNameTest {
  @TempDir Path dir;

  @Test
  void theGeneratedDescriptorsAreFoundOnTheClassPath() {
    try (Hypha hypha = Hypha.open(dir.resolve("h.db"))) {
      assertThat(hypha.flows())
          .extracting(FlowDescriptor::name)
          .contains("order-fulfilment", "nightly-report");
      FlowDescriptor orders =
          hypha.flows().stream()
              .filter(flow -> flow.name().equals("order-fulfilment"))
              .findFirst()
              .orElseThrow();
      assertThat(orders.queues()).containsExactly("default", "payments", "warehouse");
      assertThat(orders.edges()).hasSize(4);
      assertThat(orders.mermaid()).contains("load --> charge");
      assertThat(orders.shapeHash()).isEqualTo(OrderFulfilmentFlow.descriptor().shapeHash());
    }
  }

  @Test
  void aFlowStartedByNameWithJsonRunsOnANewInstanceOfItsClass() {
    try (Hypha hypha = Hypha.open(dir.resolve("h.db"))) {
      Run<Object> run =
          hypha.start(
              "order-fulfilment",
              """
              {"orderId": "order-7", "customer": "ada",
               "lines": [{"sku": "sku-book", "quantity": 2, "unitPrice": 10.5}]}""");
      Shipment shipment = (Shipment) run.await(Duration.ofSeconds(20));
      assertThat(shipment.orderId()).isEqualTo("order-7");
      assertThat(run.detail().task("charge").get().outputJson().get()).contains("\"amount\":21.0");
    }
  }

  @Test
  void anUnknownFlowOrABadInputIsRefusedWithWhatToFix() {
    try (Hypha hypha = Hypha.open(dir.resolve("h.db"))) {
      assertThatThrownBy(() -> hypha.start("order-fulfillment", "{}"))
          .isInstanceOf(UnknownFlowException.class)
          .hasMessageContaining("no flow named 'order-fulfillment'")
          .hasMessageContaining("order-fulfilment");
      assertThatThrownBy(
              () ->
                  hypha.start(
                      "order-fulfilment",
                      "{\"orderId\": \"o\", \"lines\": [{\"sku\": \"a\", \"quantity\": \"many\"}]}"))
          .isInstanceOf(InvalidInputException.class)
          .hasMessageContaining("the input of flow order-fulfilment is not a valid")
          .hasMessageContaining("field lines[0].quantity")
          .hasMessageContaining("\"many\"");
      assertThat(hypha.history().find(dev.hypha.runtime.RunQuery.builder().build()).items())
          .isEmpty();
    }
  }
}
