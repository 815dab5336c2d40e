package dev.hypha.samples.showcase;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.HyphaListener;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunEvent;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskEvent;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.showcase.Shop.Line;
import dev.hypha.samples.showcase.Shop.OrderRequest;
import dev.hypha.samples.showcase.Shop.Shipment;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The showcase: five orders through {@link OrderFulfilment} on the embedded store ({@code
 * ./hypha.db}), printing each task's progress as the engine commits it and the run history at the
 * end. One order is over the card limit: its {@code charge} fails, {@code ship} is skipped and its
 * {@code reserve} still completes.
 */
public final class Showcase {
  private Showcase() {}

  public static void main(String[] args) throws Exception {
    Path database = args.length > 0 ? Path.of(args[0]) : Hypha.DEFAULT_PATH;
    run(database, System.out);
  }

  /** Runs the showcase against {@code database}, printing to {@code out}; returns its runs. */
  public static List<Run<Shipment>> run(Path database, PrintStream out) throws Exception {
    List<OrderRequest> orders = orders();
    Progress progress = new Progress(out, orders.size());
    out.println(
        "Hypha showcase: " + orders.size() + " orders, database " + database.toAbsolutePath());
    out.println();
    try (Hypha hypha = Hypha.builder().path(database).listener(progress).open()) {
      OrderFulfilmentFlow flow = OrderFulfilmentFlow.bind(hypha, new OrderFulfilment());
      List<Run<Shipment>> runs = new ArrayList<>();
      for (OrderRequest order : orders) {
        runs.add(flow.start(order));
      }
      List<String> outcomes = new ArrayList<>();
      for (Run<Shipment> run : runs) {
        try {
          Shipment shipment = run.await(Duration.ofSeconds(30));
          outcomes.add(shortId(run) + "  shipped " + shipment.trackingNumber());
        } catch (RunFailedException e) {
          outcomes.add(shortId(run) + "  failed: " + e.error().describe());
        }
      }
      progress.awaitRunsEnded();
      out.println();
      out.println("Outcomes:");
      outcomes.forEach(line -> out.println("  " + line));
      out.println();
      printHistory(out, flow, runs.size());
      return runs;
    }
  }

  static List<OrderRequest> orders() {
    List<OrderRequest> orders = new ArrayList<>();
    String[] customers = {"ada", "grace", "linus", "barbara", "ken"};
    for (int i = 0; i < customers.length; i++) {
      int quantity = i == 3 ? 40 : i + 1; // barbara's order is over the card limit
      orders.add(
          new OrderRequest(
              "order-" + (101 + i),
              customers[i],
              List.of(
                  new Line("sku-book", quantity, new BigDecimal("29.90")),
                  new Line("sku-pen", 2, new BigDecimal("3.50")))));
    }
    return orders;
  }

  private static void printHistory(PrintStream out, OrderFulfilmentFlow flow, int count) {
    out.println("History of flow " + OrderFulfilmentFlow.NAME + ", newest first:");
    out.printf(
        Locale.ROOT, "  %-10s %-10s %-9s %-32s %s%n", "RUN", "STATE", "MILLIS", "TASKS", "ERROR");
    for (RunSummary summary : flow.history().latest(count)) {
      RunDetail detail = flow.history().detail(summary.id()).orElseThrow();
      long millis =
          summary
              .finishedAt()
              .map(end -> Duration.between(summary.startedAt(), end).toMillis())
              .orElse(-1L);
      out.printf(
          Locale.ROOT,
          "  %-10s %-10s %-9d %-32s %s%n",
          shortId(summary.id()),
          summary.state(),
          millis,
          tasks(detail),
          summary.error().map(error -> error.task() + ": " + error.message()).orElse(""));
    }
  }

  private static String tasks(RunDetail detail) {
    StringBuilder tasks = new StringBuilder();
    for (TaskRecord task : detail.tasks()) {
      if (tasks.length() > 0) {
        tasks.append(' ');
      }
      tasks.append(task.name()).append(symbol(task.state()));
    }
    return tasks.toString();
  }

  private static String symbol(TaskState state) {
    return switch (state) {
      case SUCCEEDED -> "+";
      case FAILED -> "!";
      case SKIPPED -> "-";
      default -> "?";
    };
  }

  private static String shortId(Run<?> run) {
    return shortId(run.id());
  }

  /** The random end of a run id: its start is a timestamp, the same for runs started together. */
  private static String shortId(dev.hypha.runtime.RunId id) {
    return id.value().substring(id.value().length() - 8);
  }

  /** Prints each committed change as it happens. */
  private static final class Progress implements HyphaListener {
    private final PrintStream out;
    private final CountDownLatch runsEnded;

    Progress(PrintStream out, int runs) {
      this.out = out;
      this.runsEnded = new CountDownLatch(runs);
    }

    @Override
    public void onRunEvent(RunEvent event) {
      out.printf(Locale.ROOT, "  run %s  %s%n", shortId(event.runId()), event.state());
      if (event.state().isFinal()) {
        runsEnded.countDown();
      }
    }

    @Override
    public void onTaskEvent(TaskEvent event) {
      out.printf(
          Locale.ROOT,
          "  run %s  %-8s %s%s%n",
          shortId(event.runId()),
          event.task(),
          event.state(),
          event.error().map(error -> " (" + error.message() + ")").orElse(""));
    }

    void awaitRunsEnded() throws InterruptedException {
      runsEnded.await(30, TimeUnit.SECONDS);
    }
  }
}
