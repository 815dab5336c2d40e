package dev.hypha.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunState;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample application as its users meet it: generated flows and flow beans injected. */
@SpringBootTest
class SpringSampleTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("hypha-spring-sample");
    registry.add("hypha.store", () -> dir.resolve("runs.db").toString());
  }

  @Autowired OrderFulfilmentFlow fulfilment;
  @Autowired Orders orders;
  @Autowired Warehouse warehouse;
  @Autowired GreetingFlow greeting;
  @Autowired PackingFlow packing;
  @Autowired HealthIndicator hyphaHealthIndicator;
  @Autowired MeterRegistry meters;

  @Test
  void anInjectedGeneratedFlowStartsRunsOnTheFlowBeanWithItsInjectedDependencies() {
    int before = warehouse.reserved("tea");

    Run<OrderFulfilment.Shipment> run =
        fulfilment.start(new OrderFulfilment.OrderRequest("o-1", "tea", 3));

    assertThat(run.await(WAIT)).isEqualTo(new OrderFulfilment.Shipment("o-1", "3 x tea"));
    // The task ran on the bean Spring made: it reserved through the application's Warehouse.
    assertThat(warehouse.reserved("tea")).isEqualTo(before + 3);
    assertThat(fulfilment.outputs(run.id()).reserve())
        .hasValueSatisfying(r -> assertThat(r.reservedOfItem()).isEqualTo(before + 3));
  }

  @Test
  void aServiceStartsRunsThroughTheGeneratedFlowItGetsInjected() {
    Run<OrderFulfilment.Shipment> first = orders.place("o-2", "rice", 1);
    Run<OrderFulfilment.Shipment> again = orders.place("o-2", "rice", 1);

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(first.await(WAIT).label()).isEqualTo("1 x rice");
    assertThat(fulfilment.history().detail(first.id()).orElseThrow().state())
        .isEqualTo(RunState.SUCCEEDED);
  }

  @Test
  void aFlowThatIsNoBeanIsBoundToANewInstance() {
    assertThat(greeting.start("Ada").await(WAIT)).isEqualTo("Hello, Ada");
  }

  @Test
  void aFlowBeanGetsTheApplicationsBeans() {
    assertThat(packing.start("o-3").await(WAIT)).isEqualTo("label:box(o-3)");
  }

  @Test
  void theHealthIndicatorReportsTheEmbeddedStore() {
    var health = hyphaHealthIndicator.health();

    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(health.getDetails()).containsEntry("role", "embedded");
    assertThat((String) health.getDetails().get("store")).endsWith("runs.db");
  }

  @Test
  void runsAreCountedInTheApplicationsMeterRegistry() throws InterruptedException {
    greeting.start("Grace").await(WAIT);

    // Hypha's listeners count on a thread of their own, after the commit: wait for the count.
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (meters.find("hypha.runs.started").tag("flow", "greeting").counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum()
            < 1
        && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(meters.get("hypha.runs.started").tag("flow", "greeting").counter().count())
        .isGreaterThanOrEqualTo(1.0);
  }
}
