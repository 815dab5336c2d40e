package dev.hypha.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test of the annotated class (or the annotated test method) a Hypha of its own, on a
 * fresh store, with a {@link TestClock}: declare a parameter of type {@code Hypha} or {@code
 * TestClock} on the test method (or on a {@code @BeforeEach} / {@code @AfterEach} method) and it is
 * injected. Within one test every injection is the same Hypha and the same clock; the Hypha is
 * closed, and its store deleted, after the test.
 *
 * <pre>{@code
 * @HyphaTest
 * class OrdersTest {
 *   @Test
 *   void chargesAfterTheBackoff(Hypha hypha, TestClock clock) {
 *     Run<Receipt> run = OrdersFlow.bind(hypha, new Orders()).start(order);
 *     run.await(Duration.ofSeconds(10));             // an hour of backoff, skipped
 *     HistoryAssert.assertRun(run).succeeded().task("charge").hasAttempts(2);
 *   }
 * }
 * }</pre>
 *
 * <p>On the method, it overrides the class's.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(HyphaExtension.class)
public @interface HyphaTest {
  /** The kinds of store a test can ask for. */
  enum Store {
    /** A SQLite file in a new temporary folder, run by the embedded engine of {@link #engine}. */
    SQLITE,
    /**
     * A fresh schema of the PostgreSQL server that the environment variable {@value
     * HyphaExtension#POSTGRES_URL} names (dropped after the test), opened as a shared store with a
     * worker in this process hosting every queue of the flows on the class path. The test fails
     * when the variable is not set: it is never skipped.
     */
    POSTGRES
  }

  /** The embedded engines a test on {@link Store#SQLITE} can run on. */
  enum Engine {
    /** One task at a time, in the order they became ready: the same history every time. */
    SERIAL,
    /** The default engine of applications, on four worker threads. */
    PARALLEL
  }

  /** The store of each test; {@link Store#SQLITE} by default. */
  Store store() default Store.SQLITE;

  /**
   * The engine of a test on {@link Store#SQLITE}; {@link Engine#SERIAL} by default. A parameterized
   * test with an {@code Engine} among its arguments runs on that one instead, so one test covers
   * both:
   *
   * <pre>{@code
   * @ParameterizedTest
   * @EnumSource(HyphaTest.Engine.class)
   * void approves(HyphaTest.Engine engine, Hypha hypha) { ... }
   * }</pre>
   *
   * <p>A {@link Store#POSTGRES} test runs on a shared store's worker (four threads) whatever this
   * says.
   */
  Engine engine() default Engine.SERIAL;

  /**
   * Whether the {@link TestClock} jumps to the next due time by itself while a thread awaits a run
   * and the engine only waits for time; true by default. With false it moves only by {@link
   * TestClock#advance}.
   */
  boolean skipTime() default true;
}
