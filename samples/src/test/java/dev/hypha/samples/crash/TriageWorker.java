package dev.hypha.samples.crash;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.samples.EngineKind;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The first process of the branch crash test: starts a {@link Triage} of 4 (the fast way), which
 * halts the JVM inside {@code check}.
 *
 * <pre>TriageWorker &lt;database&gt; &lt;side-effect log&gt; &lt;SERIAL|PARALLEL&gt;</pre>
 */
public final class TriageWorker {
  private TriageWorker() {}

  public static void main(String[] args) throws Exception {
    try (Hypha hypha = EngineKind.valueOf(args[2]).open(Path.of(args[0]))) {
      TriageFlow flow =
          TriageFlow.bind(hypha, new Triage(new SideEffectLog(Path.of(args[1])), "gen-1", true));
      Run<String> run = flow.start(4);
      run.await(Duration.ofSeconds(60));
      System.out.println("not halted");
    }
  }
}
