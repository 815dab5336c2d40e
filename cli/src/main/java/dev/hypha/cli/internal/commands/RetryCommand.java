package dev.hypha.cli.internal.commands;

import dev.hypha.cli.ExitCode;
import dev.hypha.cli.internal.CliException;
import dev.hypha.cli.internal.Converters;
import dev.hypha.runtime.RunId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hypha retry RUN}: not available yet. The runtime of this build has no {@code Hypha.retry};
 * when it has, this is the one place to call it from.
 */
@Command(
    name = "retry",
    mixinStandardHelpOptions = true,
    description = {
      "Retry a failed run (not available in this build: the runtime has no Hypha.retry yet;"
          + " exits 4)."
    })
final class RetryCommand extends Subcommand {
  /** What {@code hypha retry} says until the runtime can retry a run. */
  static final String NOT_AVAILABLE =
      "retry is not available in this build: the runtime has no Hypha.retry yet";

  @Parameters(
      index = "0",
      paramLabel = "RUN",
      converter = Converters.RunIdConverter.class,
      description = "The run's id.")
  RunId id;

  @Override
  ExitCode run() {
    throw new CliException(ExitCode.STORE, NOT_AVAILABLE);
  }
}
