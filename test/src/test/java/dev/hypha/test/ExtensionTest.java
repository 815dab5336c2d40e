package dev.hypha.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.Hypha;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** What each test gets: one Hypha and clock for the test, a store of its own, removed after it. */
@HyphaTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionTest {
  private static Path firstStore;
  private Hypha fromBeforeEach;
  private TestClock clockFromBeforeEach;

  @BeforeEach
  void before(Hypha hypha, TestClock clock) {
    fromBeforeEach = hypha;
    clockFromBeforeEach = clock;
  }

  @Test
  @Order(1)
  void oneTestSeesOneHyphaAndOneClockOnAFreshStore(Hypha hypha, TestClock clock) {
    assertThat(hypha).isSameAs(fromBeforeEach);
    assertThat(clock).isSameAs(clockFromBeforeEach);
    assertThat(clock.instant()).isEqualTo(TestClock.START);
    assertThat(hypha.path()).exists();
    assertThat(hypha.history().count(dev.hypha.runtime.RunQuery.builder().build())).isZero();
    firstStore = hypha.path();
  }

  @Test
  @Order(2)
  void theNextTestHasAnotherStoreAndTheFirstIsGone(Hypha hypha) {
    assertThat(firstStore).isNotNull();
    assertThat(hypha.path()).isNotEqualTo(firstStore);
    assertThat(Files.exists(firstStore.getParent())).isFalse();
  }

  @Test
  void postgresWithoutTheVariableFailsNamingIt() {
    assertThatThrownBy(() -> PostgresSchema.serverUrl(Map.<String, String>of()::get))
        .isInstanceOf(HyphaTestException.class)
        .hasMessage(
            "@HyphaTest(store = POSTGRES) needs a PostgreSQL server, but the environment variable"
                + " HYPHA_TEST_POSTGRES_URL is not set; set it to a JDBC URL such as"
                + " jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    assertThatThrownBy(() -> PostgresSchema.serverUrl(Map.of("HYPHA_TEST_POSTGRES_URL", " ")::get))
        .isInstanceOf(HyphaTestException.class);
    assertThat(PostgresSchema.serverUrl(Map.of("HYPHA_TEST_POSTGRES_URL", " jdbc:x ")::get))
        .isEqualTo("jdbc:x");
  }
}
