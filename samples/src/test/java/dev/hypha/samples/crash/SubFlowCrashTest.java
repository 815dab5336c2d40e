package dev.hypha.samples.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.testing.SharedStores;
import dev.hypha.samples.ChildJvm;
import dev.hypha.samples.subflows.Billing;
import dev.hypha.samples.subflows.BillingFlow;
import dev.hypha.samples.subflows.Checkout;
import dev.hypha.samples.subflows.Checkout.Order;
import dev.hypha.samples.subflows.CheckoutFlow;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A process killed with SIGKILL while a child run is under way (the checkout's billing half done:
 * its charge checked, its booking running): the next process finds the child again (no second
 * billing run), finishes it from the booking on, and the checkout ends with its invoice. On the
 * embedded engines and on shared stores.
 */
class SubFlowCrashTest {
  static final Order ORDER = new Order("ord-9", List.of(new BigDecimal("20.00")));

  @TempDir Path dir;

  /**
   * The billing flow whose ledger writes each booking to {@code log}, tagged {@code tag}; with
   * {@code hold}, a booking never returns (the process is killed meanwhile).
   */
  static Billing billing(SideEffectLog log, String tag, boolean hold) {
    return new Billing(
        charge -> {
          log.append("book " + charge.order() + " " + tag);
          if (hold) {
            try {
              Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return "INV-" + tag;
        });
  }

  static List<String> kinds() {
    return FanOutCrashTest.kinds();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void aParentKilledWhileItsChildRunsFindsTheSameChildAfterTheRestart(String kind)
      throws Exception {
    boolean shared = kind.startsWith("SHARED");
    String store =
        shared
            ? SharedStores.fresh(kind.substring("SHARED ".length()), dir)
            : dir.resolve("checkout.db").toString();
    String engine = shared ? "SHARED" : kind;
    Path log = dir.resolve("side-effects.log");
    try (ChildJvm child =
        ChildJvm.start(HalfwayWorker.class, store, log.toString(), engine, "subflow")) {
      assertThat(child.awaitLine("halfway ", 60_000)).as(child.output()).isTrue();
      assertThat(child.kill()).as(child.output()).isEqualTo(137);
    }
    assertThat(SideEffectLog.read(log)).containsExactly("book ord-9 gen-1");

    try (Hypha hypha = HalfwayWorker.open(engine, store)) {
      BillingFlow.bind(hypha, billing(new SideEffectLog(log), "gen-2", false));
      CheckoutFlow checkout = CheckoutFlow.bind(hypha, new Checkout());
      List<RunSummary> parents =
          hypha.history().find(RunQuery.builder().flow(CheckoutFlow.NAME).build()).items();
      assertThat(parents).hasSize(1);
      assertThat(checkout.run(parents.get(0).id()).await(Duration.ofSeconds(30)))
          .isEqualTo("order ord-9: 20.00 on invoice INV-gen-2");
      List<RunSummary> children =
          hypha.history().find(RunQuery.builder().flow(BillingFlow.NAME).build()).items();
      assertThat(children).as("the same child, found again").hasSize(1);
      RunDetail billed = hypha.history().detail(children.get(0).id()).orElseThrow();
      assertThat(billed.state()).isEqualTo(RunState.SUCCEEDED);
      assertThat(billed.task("check").map(TaskRecord::attempt)).as("not run again").hasValue(1);
      assertThat(billed.task("book").map(TaskRecord::attempt)).hasValue(2);
      RunDetail parent = hypha.history().detail(parents.get(0).id()).orElseThrow();
      assertThat(parent.task("price").map(TaskRecord::attempt)).hasValue(1);
    }
    assertThat(SideEffectLog.read(log)).containsExactly("book ord-9 gen-1", "book ord-9 gen-2");
  }
}
