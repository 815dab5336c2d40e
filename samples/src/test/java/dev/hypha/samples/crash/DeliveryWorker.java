package dev.hypha.samples.crash;

import dev.hypha.runtime.HyphaListener;
import dev.hypha.runtime.TaskEvent;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.EngineKind;
import java.nio.file.Path;

/**
 * The first process of the retry-backoff crash test: starts a {@link Delivery} and prints {@code
 * waiting <run id> <due>} once the failed first delivery attempt is committed and the task waits
 * READY for its second; then it waits for the test to kill it.
 *
 * <pre>DeliveryWorker &lt;database&gt; &lt;side-effect log&gt; &lt;SERIAL|PARALLEL&gt;</pre>
 */
public final class DeliveryWorker {
  private DeliveryWorker() {}

  public static void main(String[] args) throws Exception {
    HyphaListener announcer =
        new HyphaListener() {
          @Override
          public void onTaskEvent(TaskEvent event) {
            if (event.task().equals("deliver")
                && event.state() == TaskState.READY
                && event.error().isPresent()) {
              System.out.println("waiting " + event.runId() + " " + event.at());
              System.out.flush();
            }
          }
        };
    try (var hypha =
        EngineKind.valueOf(args[2]).builder(Path.of(args[0])).listener(announcer).open()) {
      DeliveryFlow flow =
          DeliveryFlow.bind(hypha, new Delivery(new SideEffectLog(Path.of(args[1])), "gen-1"));
      flow.start("parcel-1");
      Thread.sleep(60_000);
      System.out.println("not killed");
    }
  }
}
