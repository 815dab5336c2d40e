package dev.hypha.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.InvalidConfigurationException;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.testing.SharedStores;
import dev.hypha.spring.flows.Audit;
import dev.hypha.spring.flows.AuditFlow;
import dev.hypha.spring.flows.Ledger;
import dev.hypha.spring.internal.HyphaHealthIndicator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The starter on a shared store: a SQLite file named by {@code hypha.store}, and PostgreSQL through
 * the application's own DataSource ({@code spring.datasource.url}) when {@code
 * HYPHA_TEST_POSTGRES_URL} is set.
 */
class SharedStoreStarterTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  static List<String> kinds() {
    return SharedStores.kinds();
  }

  /** An application on a fresh store of {@code kind}, with the Audit flow as a bean. */
  private ApplicationContextRunner application(String kind, String store) {
    ApplicationContextRunner runner =
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HyphaAutoConfiguration.class))
            .withBean(Ledger.class)
            .withBean(Audit.class)
            .withPropertyValues("hypha.shutdown-grace=1s");
    return kind.equals("sqlite")
        ? runner.withPropertyValues("hypha.store=" + store, "hypha.shared=true")
        : runner
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=" + store);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aWorkerRunsTheTasksOfAFlowBeanOnTheBeanWithItsInjectedField(String kind) {
    String store = SharedStores.fresh(kind, dir);
    application(kind, store)
        .withPropertyValues("hypha.worker.id=worker-" + kind)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              AuditFlow audit = context.getBean(AuditFlow.class);

              List<Run<String>> runs =
                  List.of(audit.start("a"), audit.start("b"), audit.start("c"));

              for (Run<String> run : runs) {
                assertThat(run.await(WAIT)).startsWith("audited ");
              }
              // Had the worker run a task on an instance of its own, its Ledger would be null.
              assertThat(context.getBean(Ledger.class).entries())
                  .containsExactlyInAnyOrder("a", "b", "c");
              Health health = context.getBean(HyphaHealthIndicator.class).health();
              assertThat(health.getStatus()).isEqualTo(Status.UP);
              assertThat(health.getDetails())
                  .containsEntry("role", "worker")
                  .containsEntry("worker", "worker-" + kind)
                  .containsEntry("queues", List.of("audits", "default"))
                  .containsKey("lastHeartbeat");
              assertThat((String) health.getDetails().get("store")).doesNotContain("password");

              context.getBean(Hypha.class).close(); // the worker stops: its heartbeat with it

              Health down = context.getBean(HyphaHealthIndicator.class).health();
              assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            });
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void runsAClientStartedBeforeAnyWorkerRunOnTheBeanOfTheWorkerThatStartsLater(String kind) {
    String store = SharedStores.fresh(kind, dir);
    application(kind, store)
        .withPropertyValues("hypha.worker.enabled=false")
        .run(
            client -> {
              AuditFlow audit = client.getBean(AuditFlow.class);
              List<Run<String>> runs =
                  List.of(audit.start("x"), audit.start("y"), audit.start("z"));
              assertThat(client.getBean(HyphaHealthIndicator.class).health().getDetails())
                  .containsEntry("role", "client")
                  .doesNotContainKey("worker");

              // READY in the store when the worker opens: it must not claim them before Spring
              // binds the Audit bean, or they would run on an instance without its Ledger.
              application(kind, store)
                  .withPropertyValues("hypha.worker.queues=audits", "hypha.worker.id=late")
                  .withBean(SlowToStart.class)
                  .run(
                      worker -> {
                        for (Run<String> run : runs) {
                          assertThat(run.await(WAIT)).startsWith("audited ");
                        }
                        assertThat(worker.getBean(Ledger.class).entries())
                            .containsExactlyInAnyOrder("x", "y", "z");
                      });
              assertThat(client.getBean(Ledger.class).entries()).isEmpty();
            });
  }

  /**
   * A bean made after the Hypha opens and before the flow beans are bound, slow as a cache being
   * warmed: it holds the window in which a worker could claim work open for a while.
   */
  static final class SlowToStart {
    SlowToStart(Hypha hypha) throws InterruptedException {
      Thread.sleep(1_000);
    }
  }

  @Test
  void aDataSourceOfAnotherDatabaseIsRefusedWithTheFix() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(DataSourceAutoConfiguration.class, HyphaAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + dir.resolve("app.db"))
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("is not PostgreSQL")
                    .hasMessageEndingWith(
                        "set hypha.store to a SQLite file path such as hypha.db, or to a"
                            + " jdbc:postgresql:// URL"));
  }
}
