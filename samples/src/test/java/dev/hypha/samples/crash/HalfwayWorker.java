package dev.hypha.samples.crash;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.Eventually;
import dev.hypha.samples.approvals.ExpenseApprovalFlow;
import dev.hypha.samples.subflows.BillingFlow;
import dev.hypha.samples.subflows.Checkout;
import dev.hypha.samples.subflows.CheckoutFlow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The first process of the fan-out and loop crash tests: starts a run that holds one instance
 * forever, and prints {@code halfway <run id>} once the instances before it are recorded SUCCEEDED
 * and its attempt RUNNING; then waits to be killed.
 *
 * <ul>
 *   <li>{@code scan}: a {@link Scan} of 10 pages, held at page 5 (pages 0 to 3 recorded);
 *   <li>{@code countdown}: a {@link Countdown} from 6, held at iteration 3 (0 to 2 recorded);
 *   <li>{@code approval}: an expense approval, once both its tasks wait for the decision signal;
 *   <li>{@code subflow}: a checkout whose child billing run holds in its book task.
 * </ul>
 *
 * <pre>
 * HalfwayWorker &lt;database file or JDBC URL&gt; &lt;side-effect log&gt; &lt;kind&gt; &lt;scan|countdown&gt;
 * </pre>
 *
 * where kind is SERIAL or PARALLEL (an embedded engine on the file) or SHARED (a client and worker
 * of the shared store at the URL).
 */
public final class HalfwayWorker {
  private HalfwayWorker() {}

  /** Opens the store as the crash tests' processes do: a shared store with a short lease. */
  static Hypha open(String kind, String store) {
    return switch (kind) {
      case "SERIAL" -> Hypha.builder().path(Path.of(store)).serial().open();
      case "PARALLEL" -> Hypha.builder().path(Path.of(store)).parallel(4).open();
      default ->
          Hypha.builder()
              .database(store)
              .worker("default")
              .parallel(4)
              .lease(Duration.ofSeconds(2))
              .pollInterval(Duration.ofMillis(50))
              .open();
    };
  }

  public static void main(String[] args) throws Exception {
    try (Hypha hypha = open(args[2], args[0])) {
      SideEffectLog log = new SideEffectLog(Path.of(args[1]));
      RunId id;
      Predicate<RunDetail> halfway;
      if (args[3].equals("subflow")) {
        BillingFlow.bind(hypha, SubFlowCrashTest.billing(log, "gen-1", true));
        id = CheckoutFlow.bind(hypha, new Checkout()).start(SubFlowCrashTest.ORDER).id();
        // The book task's row is RUNNING from its claim on a shared store, a moment before its
        // method is called: wait for the method's side effect too, or the kill may come first.
        halfway = detail -> childBooking(hypha) && logged(Path.of(args[1]), "book ");
      } else if (args[3].equals("approval")) {
        id =
            ExpenseApprovalFlow.bind(hypha, SignalCrashTest.approval(log, "gen-1"))
                .start(SignalCrashTest.EXPENSE)
                .id();
        halfway = detail -> waiting(detail, "decide") && waiting(detail, "remind");
      } else if (args[3].equals("countdown")) {
        id = CountdownFlow.bind(hypha, new Countdown(log, "gen-1", 3)).start(6).id();
        halfway = detail -> recorded(detail, "tick", 3);
      } else {
        id = ScanFlow.bind(hypha, new Scan(log, "gen-1", 5)).start(10).id();
        // As for the book task above: read[5]'s method has begun once it logged.
        halfway =
            detail ->
                recorded(detail, "read", 4)
                    && running(detail, "read[5]")
                    && logged(Path.of(args[1]), "read[5] ");
      }
      boolean reached =
          Eventually.within(
              Duration.ofSeconds(60), () -> halfway.test(hypha.history().detail(id).orElseThrow()));
      if (!reached) {
        System.out.println("never halfway: " + hypha.history().detail(id).orElseThrow());
        System.exit(1);
      }
      System.out.println("halfway " + id);
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE); // until killed
    }
  }

  /**
   * Whether instances 0 to {@code count - 1} of {@code task} are recorded SUCCEEDED and, for a
   * loop, instance {@code count} is RUNNING.
   */
  private static boolean recorded(RunDetail detail, String task, int count) {
    for (int instance = 0; instance < count; instance++) {
      if (state(detail, task + "[" + instance + "]") != TaskState.SUCCEEDED) {
        return false;
      }
    }
    return !task.equals("tick") || running(detail, "tick[" + count + "]");
  }

  /** Whether the one billing run's book task is RUNNING: the child is half way. */
  /** Whether a task's method has written a side effect starting with {@code prefix}. */
  private static boolean logged(Path log, String prefix) {
    try {
      return SideEffectLog.read(log).stream().anyMatch(line -> line.startsWith(prefix));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static boolean childBooking(Hypha hypha) {
    return hypha
        .history()
        .find(dev.hypha.runtime.RunQuery.builder().flow(BillingFlow.NAME).build())
        .items()
        .stream()
        .findFirst()
        .flatMap(child -> hypha.history().detail(child.id()))
        .map(child -> running(child, "book"))
        .orElse(false);
  }

  /** Whether {@code task} waits for its signal: READY, no attempt begun. */
  private static boolean waiting(RunDetail detail, String task) {
    return detail
        .task(task)
        .map(row -> row.state() == TaskState.READY && row.attempt() == 0)
        .orElse(false);
  }

  private static boolean running(RunDetail detail, String task) {
    return state(detail, task) == TaskState.RUNNING;
  }

  private static TaskState state(RunDetail detail, String task) {
    return detail.task(task).map(TaskRecord::state).orElse(TaskState.PENDING);
  }
}
