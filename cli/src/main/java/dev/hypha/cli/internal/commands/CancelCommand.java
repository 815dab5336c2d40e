package dev.hypha.cli.internal.commands;

import dev.hypha.cli.ExitCode;
import dev.hypha.cli.internal.Converters;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code hypha cancel RUN}: cancels a run that has not ended. */
@Command(
    name = "cancel",
    mixinStandardHelpOptions = true,
    description = {
      "Cancel a run: its unfinished tasks become CANCELLED and the run ends CANCELLED.",
      "Exits 1 if the run had already ended."
    })
final class CancelCommand extends Subcommand {
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
      if (hypha.cancel(id)) {
        out().println("cancelled run " + id + " of flow " + run.flow());
        return ExitCode.OK;
      }
      RunSummary ended = hypha.history().summary(id).orElse(run);
      err()
          .println(
              prefix()
                  + "run "
                  + id
                  + " had already ended "
                  + ended.state()
                  + "; nothing to cancel");
      return ExitCode.RUN_FAILED;
    }
  }
}
