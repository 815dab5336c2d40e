package dev.hypha.samples.saga;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.samples.HistoryPrinter;
import dev.hypha.samples.ProgressPrinter;
import dev.hypha.samples.saga.Orders.OrderRequest;
import dev.hypha.samples.saga.Orders.Shipment;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The saga sample: two orders through {@link OrderSaga}, one after the other. The first is paid and
 * ships. The second's card is declined after its stock was reserved and its courier booked: both
 * are undone, newest first, and the customer is told. Prints each change as it is committed, then
 * both runs' history with every row's kind, state, attempt and failures.
 *
 * <pre>
 * SagaDemo [db]    the database file, ./saga-demo.db by default
 * </pre>
 */
public final class SagaDemo {
  static final Path DEFAULT_DATABASE = Path.of("saga-demo.db");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private SagaDemo() {}

  public static void main(String[] args) throws Exception {
    run(args.length > 0 ? Path.of(args[0]) : DEFAULT_DATABASE, System.out);
  }

  /** Runs both orders against {@code database}, printing to {@code out}; returns their history. */
  public static List<RunDetail> run(Path database, PrintStream out) throws Exception {
    ProgressPrinter progress = new ProgressPrinter(out);
    List<RunDetail> history = new ArrayList<>();
    try (Hypha hypha = Hypha.builder().path(database).listener(progress).open()) {
      OrderSagaFlow flow = OrderSagaFlow.bind(hypha, new OrderSaga(out));
      for (OrderRequest order : orders()) {
        out.println("Order " + order.orderId() + " for " + order.customer() + ":");
        Run<Shipment> run = flow.start(order);
        String outcome;
        try {
          outcome = "shipped as " + run.await(WAIT).trackingNumber();
        } catch (RunFailedException e) {
          outcome = "failed: " + HistoryPrinter.describe(e.error());
        }
        progress.awaitRunsEnded(1, WAIT);
        out.println("  " + outcome);
        history.add(run.detail());
        out.println();
      }
      out.println("History of flow " + OrderSagaFlow.NAME + ":");
      history.forEach(detail -> HistoryPrinter.print(out, detail));
    }
    return history;
  }

  /** The orders the demo places: one that ships, one whose card is declined. */
  public static List<OrderRequest> orders() {
    return List.of(
        new OrderRequest(
            "order-7",
            "ada",
            "4242-4242-4242-4242",
            List.of("sku-book", "sku-lamp"),
            new BigDecimal("89.90")),
        new OrderRequest(
            "order-8",
            "grace",
            "4000-0000-0000-0002",
            List.of("sku-desk", "sku-chair"),
            new BigDecimal("640.00")));
  }
}
