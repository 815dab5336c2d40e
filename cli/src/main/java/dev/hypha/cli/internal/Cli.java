package dev.hypha.cli.internal;

import dev.hypha.cli.internal.commands.HyphaCommand;
import java.io.PrintWriter;
import picocli.CommandLine;

/** Builds the picocli command line of {@code hypha} and runs it. Stateless. */
public final class Cli {
  private Cli() {}

  /** The {@code hypha} command line, writing to {@code out} and {@code err}. */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new HyphaCommand());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    // --input @file is the command's own syntax, not one of picocli's argument files.
    commandLine.setExpandAtFiles(false);
    commandLine.setExecutionExceptionHandler(new Failures());
    commandLine.setParameterExceptionHandler(new UsageErrors());
    return commandLine;
  }

  /** Runs {@code args} and returns the exit status. */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    return commandLine(out, err).execute(args);
  }
}
