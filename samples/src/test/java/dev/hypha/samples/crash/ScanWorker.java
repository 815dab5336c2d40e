package dev.hypha.samples.crash;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.Eventually;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The first process of the fan-out crash test: starts a {@link Scan} of 10 pages whose instance for
 * page 5 never returns, and prints {@code halfway <run id>} once pages 0 to 3 are recorded
 * SUCCEEDED and page 5's attempt RUNNING; then waits to be killed.
 *
 * <pre>ScanWorker &lt;database file or JDBC URL&gt; &lt;side-effect log&gt; &lt;kind&gt;</pre>
 *
 * where kind is SERIAL or PARALLEL (an embedded engine on the file) or SHARED (a client and worker
 * of the shared store at the URL).
 */
public final class ScanWorker {
  private ScanWorker() {}

  /** Opens the store as the crash test's processes do: a shared store with a short lease. */
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
      ScanFlow flow =
          ScanFlow.bind(hypha, new Scan(new SideEffectLog(Path.of(args[1])), "gen-1", 5));
      RunId id = flow.start(10).id();
      boolean halfway =
          Eventually.within(
              Duration.ofSeconds(60),
              () -> {
                RunDetail detail = hypha.history().detail(id).orElseThrow();
                for (int page = 0; page < 4; page++) {
                  if (state(detail, "read[" + page + "]") != TaskState.SUCCEEDED) {
                    return false;
                  }
                }
                return state(detail, "read[5]") == TaskState.RUNNING;
              });
      if (!halfway) {
        System.out.println("never halfway: " + hypha.history().detail(id).orElseThrow());
        System.exit(1);
      }
      System.out.println("halfway " + id);
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE); // until killed
    }
  }

  private static TaskState state(RunDetail detail, String task) {
    return detail.task(task).map(TaskRecord::state).orElse(TaskState.PENDING);
  }
}
