package dev.hypha.cli.internal.commands;

import dev.hypha.cli.ExitCode;
import dev.hypha.cli.internal.GlobalOptions;
import dev.hypha.cli.internal.Terminal;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every {@code hypha} subcommand shares: the global options, prepared before it runs, its
 * output streams and the terminal they go to. A command object runs once; not thread-safe.
 */
abstract class Subcommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin GlobalOptions global;

  private Terminal terminal;

  @Override
  public final Integer call() throws Exception {
    global.prepare();
    try {
      return run().code();
    } finally {
      out().flush();
      err().flush();
    }
  }

  /** Does the command's work; failures are thrown and reported by the command line's handler. */
  abstract ExitCode run() throws Exception;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  Terminal terminal() {
    if (terminal == null) {
      terminal = Terminal.detect();
    }
    return terminal;
  }

  /** The history row of run {@code id}, or a not-found error that says how to list the runs. */
  static dev.hypha.runtime.RunSummary existingRun(
      dev.hypha.runtime.Hypha hypha, dev.hypha.runtime.RunId id) {
    return hypha
        .history()
        .summary(id)
        .orElseThrow(
            () ->
                new dev.hypha.cli.internal.CliException(
                    ExitCode.NOT_FOUND,
                    "no run " + id + " in " + hypha.location() + "; hypha runs lists the runs"));
  }

  /**
   * The not-found error for run {@code id} of flow {@code flow}, which is not on the class path: it
   * must be, for {@code why}.
   */
  static dev.hypha.cli.internal.CliException flowNotOnClassPath(
      dev.hypha.runtime.RunId id, String flow, String why) {
    return new dev.hypha.cli.internal.CliException(
        ExitCode.NOT_FOUND,
        "run "
            + id
            + " is a run of flow "
            + flow
            + ", which is not on the class path; pass --classpath with the application's jars"
            + " or classes, "
            + why);
  }

  /** The prefix of the command's messages on stderr, as {@code hypha start: }. */
  String prefix() {
    return "hypha " + spec.name() + ": ";
  }
}
