package dev.hypha.cli.internal.commands;

import dev.hypha.cli.ExitCode;
import dev.hypha.cli.internal.CliException;
import dev.hypha.cli.internal.Converters;
import dev.hypha.cli.internal.JsonArgument;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunEndedException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.UnknownFlowException;
import dev.hypha.runtime.UnknownRunException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hypha signal RUN NAME --payload JSON}: sends a signal to a running run. */
@Command(
    name = "signal",
    mixinStandardHelpOptions = true,
    description = {
      "Send the signal NAME with a JSON payload to a running run; the tasks waiting for it take it.",
      "The run's flow must be on the class path (--classpath): the payload is checked against its"
          + " type."
    })
final class SignalCommand extends Subcommand {
  @Parameters(
      index = "0",
      paramLabel = "RUN",
      converter = Converters.RunIdConverter.class,
      description = "The run's id.")
  RunId id;

  @Parameters(index = "1", paramLabel = "NAME", description = "The signal's name.")
  String name;

  @Option(
      names = "--payload",
      required = true,
      paramLabel = "JSON",
      description = "The payload: JSON, @file for a file's content or @- for standard input.")
  String payload;

  @Override
  ExitCode run() {
    String json = JsonArgument.read(payload, "--payload");
    try (Hypha hypha = global.openExisting()) {
      try {
        hypha.signal(id, name, json);
      } catch (UnknownRunException e) {
        throw new CliException(
            ExitCode.NOT_FOUND,
            "no run " + id + " in " + hypha.location() + "; hypha runs lists the runs");
      } catch (UnknownFlowException e) {
        throw flowNotOnClassPath(id, e.flow(), "whose types check the payload");
      } catch (RunEndedException e) {
        throw new CliException(
            ExitCode.RUN_FAILED,
            "run "
                + id
                + " has already ended "
                + e.state()
                + "; a signal reaches only a RUNNING run, nothing was sent");
      }
    }
    out().println("sent signal " + name + " to run " + id);
    return ExitCode.OK;
  }
}
