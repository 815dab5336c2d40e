package dev.hypha.cli.internal.commands;

import dev.hypha.cli.ExitCode;
import dev.hypha.cli.internal.Converters;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunNotRetryableException;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.UnknownFlowException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hypha retry RUN}: runs a FAILED run again from where it failed ({@code Hypha.retry}). */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = {
      "Retry a FAILED run: its failed tasks run again as new attempts, and the tasks skipped"
          + " behind them once their inputs arrive; what succeeded does not run again. The workers"
          + " of the run's queues execute it.",
      "The run's flow must be on the class path (--classpath).",
      "Exits 1 if the run cannot be retried (not FAILED, compensated, or a kind of flow retry"
          + " does not handle yet), printing why."
    })
final class RetryCommand extends Subcommand {
  @Parameters(
      index = "0",
      paramLabel = "RUN",
      converter = Converters.RunIdConverter.class,
      description = "The run's id.")
  RunId id;

  @Override
  ExitCode run() {
    try (Hypha hypha = global.openExisting()) {
      RunSummary run = existingRun(hypha, id);
      try {
        hypha.retry(id);
      } catch (RunNotRetryableException e) {
        err().println(prefix() + e.getMessage());
        return ExitCode.RUN_FAILED;
      } catch (UnknownFlowException e) {
        throw flowNotOnClassPath(id, e.flow(), "against whose flow a retry checks the run");
      }
      out()
          .println("retried run " + id + " of flow " + run.flow() + ": its failed tasks run again");
      return ExitCode.OK;
    }
  }
}
