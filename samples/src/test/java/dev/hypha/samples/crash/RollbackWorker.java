package dev.hypha.samples.crash;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.samples.EngineKind;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The first process of the compensation crash test: starts a {@link Rollback} that halts the JVM in
 * the middle of its second compensation. Prints {@code started <run id>} first.
 *
 * <pre>RollbackWorker &lt;database&gt; &lt;side-effect log&gt; &lt;SERIAL|PARALLEL&gt;</pre>
 */
public final class RollbackWorker {
  private RollbackWorker() {}

  public static void main(String[] args) throws Exception {
    try (Hypha hypha = EngineKind.valueOf(args[2]).open(Path.of(args[0]))) {
      RollbackFlow flow =
          RollbackFlow.bind(
              hypha, new Rollback(new SideEffectLog(Path.of(args[1])), "gen-1", true));
      Run<?> run = flow.start(10);
      run.await(Duration.ofSeconds(60));
      System.out.println("not halted");
    }
  }
}
