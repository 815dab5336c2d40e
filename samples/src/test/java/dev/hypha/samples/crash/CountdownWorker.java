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
 * The first process of the loop crash test: starts a {@link Countdown} from 6 whose iteration at 3
 * never returns, and prints {@code halfway <run id>} once iterations 0 to 2 are recorded SUCCEEDED
 * and iteration 3's attempt RUNNING; then waits to be killed.
 *
 * <pre>CountdownWorker &lt;database file or JDBC URL&gt; &lt;side-effect log&gt; &lt;kind&gt;</pre>
 *
 * where kind is SERIAL or PARALLEL (an embedded engine on the file) or SHARED (a client and worker
 * of the shared store at the URL).
 */
public final class CountdownWorker {
  private CountdownWorker() {}

  public static void main(String[] args) throws Exception {
    try (Hypha hypha = ScanWorker.open(args[2], args[0])) {
      CountdownFlow flow =
          CountdownFlow.bind(hypha, new Countdown(new SideEffectLog(Path.of(args[1])), "gen-1", 5));
      RunId id = flow.start(10).id();
      boolean halfway =
          Eventually.within(
              Duration.ofSeconds(60),
              () -> {
                RunDetail detail = hypha.history().detail(id).orElseThrow();
                for (int iteration = 0; iteration < 3; iteration++) {
                  if (state(detail, "tick[" + iteration + "]") != TaskState.SUCCEEDED) {
                    return false;
                  }
                }
                return state(detail, "tick[3]") == TaskState.RUNNING;
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
