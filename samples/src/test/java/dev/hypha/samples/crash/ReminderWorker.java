package dev.hypha.samples.crash;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.Eventually;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The first process of the delay crash test: starts a {@link Reminder} and prints {@code waiting
 * <run id>} once {@code remind} is READY with its due time in the store, then waits to be killed.
 *
 * <pre>ReminderWorker &lt;database&gt; &lt;side-effect log&gt; &lt;SERIAL|PARALLEL&gt;</pre>
 */
public final class ReminderWorker {
  private ReminderWorker() {}

  public static void main(String[] args) throws Exception {
    try (Hypha hypha = EngineKind.valueOf(args[2]).open(Path.of(args[0]))) {
      ReminderFlow flow =
          ReminderFlow.bind(hypha, new Reminder(new SideEffectLog(Path.of(args[1])), "gen-1"));
      RunId id = flow.start("order-9").id();
      boolean waiting =
          Eventually.within(
              Duration.ofSeconds(60),
              () ->
                  hypha.history().detail(id).orElseThrow().task("remind").orElseThrow().state()
                      == TaskState.READY);
      if (!waiting) {
        System.out.println("remind never waited");
        System.exit(1);
      }
      System.out.println("waiting " + id);
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE); // until killed
    }
  }
}
