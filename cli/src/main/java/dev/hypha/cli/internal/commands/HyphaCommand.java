package dev.hypha.cli.internal.commands;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code hypha}: the top command, which only dispatches to its subcommands. Not thread-safe. */
@Command(
    name = "hypha",
    mixinStandardHelpOptions = true,
    versionProvider = HyphaCommand.Version.class,
    description = "Inspect, start and run the flows of a Hypha store.",
    subcommands = {
      FlowsCommand.class,
      GraphCommand.class,
      RunsCommand.class,
      ShowCommand.class,
      StartCommand.class,
      SignalCommand.class,
      CancelCommand.class,
      RetryCommand.class,
      ServeCommand.class,
      WorkerCommand.class,
      WorkersCommand.class,
      CompletionCommand.class,
      HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      " 0:done; for start --wait, the run SUCCEEDED",
      " 1:the run FAILED or was CANCELLED, or had ended before a cancel or signal",
      " 2:usage: a bad option, argument, input JSON or setting",
      " 3:not found: no such flow, run or signal",
      " 4:the store cannot be used (missing, unreachable, locked, schema too new),"
          + " or the operation is not in this build",
      " 5:start --wait timed out; the run goes on",
      "70:an unexpected error; rerun with --verbose for the stack trace"
    },
    footer = "%nSee docs/CLI.md for examples.")
public final class HyphaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "a command is missing; hypha --help lists them");
  }

  /** The version in the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = HyphaCommand.class.getPackage().getImplementationVersion();
      return new String[] {"hypha " + (version == null ? "(development build)" : version)};
    }
  }
}
