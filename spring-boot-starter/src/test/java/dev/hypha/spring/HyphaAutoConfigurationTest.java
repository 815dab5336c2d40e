package dev.hypha.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.micrometer.HyphaMetrics;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.InvalidConfigurationException;
import dev.hypha.spring.flows.Audit;
import dev.hypha.spring.flows.AuditFlow;
import dev.hypha.spring.flows.Ledger;
import dev.hypha.spring.flows.StrandedFlow;
import dev.hypha.spring.internal.HyphaHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter on the embedded engine: beans, backing off, failures that name their fix. */
class HyphaAutoConfigurationTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HyphaAutoConfiguration.class))
        .withPropertyValues("hypha.store=" + dir.resolve("runs.db"));
  }

  @Test
  void aFlowBeanIsBoundSoItsTasksRunWithItsInjectedFields() {
    runner()
        .withBean(Ledger.class)
        .withBean(Audit.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              AuditFlow audit = context.getBean(AuditFlow.class);

              assertThat(audit.start("invoice-1").await(WAIT)).isEqualTo("audited invoice-1 (1)");
              assertThat(context.getBean(Ledger.class).entries()).containsExactly("invoice-1");
            });
  }

  @Test
  void aFlowWithoutAnyInstanceFailsWhenInjectedAndNamesTheFix() {
    runner()
        .withBean(Ledger.class)
        .withBean(Audit.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed(); // made lazily: an unused flow harms nobody
              assertThat(
                      org.assertj.core.api.Assertions.catchThrowable(
                          () -> context.getBean(StrandedFlow.class)))
                  .rootCause()
                  .isInstanceOf(InvalidConfigurationException.class)
                  .hasMessageContaining("dev.hypha.spring.flows.Stranded is not a Spring bean")
                  .hasMessageEndingWith("annotate it with @Component (or declare a @Bean of it)");
            });
  }

  @Test
  void twoBeansOfOneFlowClassAreRefused() {
    runner()
        .withBean(Ledger.class)
        .withBean("audit1", Audit.class)
        .withBean("audit2", Audit.class)
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("[audit1, audit2]")
                    .hasMessageEndingWith("keep one bean of the flow class"));
  }

  @Test
  void theHealthIndicatorReportsTheEmbeddedEngine() {
    runner()
        .withBean(Ledger.class)
        .withBean(Audit.class)
        .withPropertyValues("hypha.worker.id=app-1")
        .run(
            context -> {
              HyphaHealthIndicator indicator = context.getBean(HyphaHealthIndicator.class);
              Health up = indicator.health();
              assertThat(up.getStatus()).isEqualTo(Status.UP);
              assertThat(up.getDetails())
                  .containsEntry("role", "embedded")
                  .containsEntry("worker", "app-1")
                  .containsEntry("store", dir.resolve("runs.db").toString());
            });
  }

  @Test
  void hyphaMetricsIsBoundWhenTheApplicationHasAMeterRegistry() {
    runner()
        .withBean(Ledger.class)
        .withBean(Audit.class)
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(
            context -> {
              assertThat(context).hasSingleBean(HyphaMetrics.class);
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              context.getBean(HyphaMetrics.class).bindTo(registry);
              context.getBean(AuditFlow.class).start("a").await(WAIT);
              // Listeners hear of changes on a thread of their own, after the commit.
              dev.hypha.runtime.Waits.until(
                  () -> registry.find("hypha.runs.ended").counter() != null,
                  "the run's end counted");
              assertThat(registry.get("hypha.runs.started").tag("flow", "audit").counter().count())
                  .isEqualTo(1.0);
            });
    runner()
        .withBean(Ledger.class)
        .withBean(Audit.class)
        .run(context -> assertThat(context).doesNotHaveBean(HyphaMetrics.class));
  }

  @Test
  void anApplicationsOwnHyphaMakesTheStarterBackOff() {
    runner()
        .withBean(Hypha.class, () -> Hypha.open(dir.resolve("own.db")))
        .run(
            context -> {
              assertThat(context).hasSingleBean(Hypha.class);
              assertThat(context).doesNotHaveBean(HyphaHealthIndicator.class);
              assertThat(context.getBean(Hypha.class).location()).endsWith("own.db");
            });
  }
}
