package dev.hypha.samples.crash;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunFailedException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The process the fault-point crash test halts: opens the database with the serial engine as worker
 * {@code gen-1}, starts one run of {@link Relay} or {@link Unwind} and waits for its end. Prints
 * {@code started <run id>} once {@code start} returned and {@code ended <state>} once the run
 * ended; the fault armed through {@code -Dhypha.faults} is meant to halt it before {@code not
 * halted}.
 *
 * <pre>FaultWorker &lt;database&gt; &lt;side-effect log&gt; &lt;relay|unwind&gt;</pre>
 */
public final class FaultWorker {
  static final String GENERATION = "gen-1";
  static final String BATON = "baton";
  static final int SEED = 10;

  private FaultWorker() {}

  public static void main(String[] args) throws Exception {
    SideEffectLog log = new SideEffectLog(Path.of(args[1]));
    try (Hypha hypha =
        Hypha.builder().path(Path.of(args[0])).serial().workerId(GENERATION).open()) {
      Run<?> run =
          args[2].equals("relay")
              ? RelayFlow.bind(hypha, new Relay(log, GENERATION)).start(BATON)
              : UnwindFlow.bind(hypha, new Unwind(log, GENERATION)).start(SEED);
      System.out.println("started " + run.id());
      System.out.flush();
      try {
        run.await(Duration.ofSeconds(60));
      } catch (RunFailedException expected) {
        // Unwind fails by design.
      }
      System.out.println("ended " + run.state());
      System.out.println("not halted");
    }
  }
}
