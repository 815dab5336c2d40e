package dev.hypha.cli.internal;

import dev.hypha.cli.ExitCode;
import dev.hypha.runtime.InvalidConfigurationException;
import dev.hypha.runtime.InvalidInputException;
import dev.hypha.runtime.InvalidQueryException;
import dev.hypha.runtime.RunEndedException;
import dev.hypha.runtime.StoreException;
import dev.hypha.runtime.UnknownFlowException;
import dev.hypha.runtime.UnknownRunException;
import dev.hypha.runtime.UnknownSignalException;
import java.io.PrintWriter;
import java.sql.SQLException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command threw into one line on stderr and an {@link ExitCode}: the runtime's
 * exceptions by kind, {@link CliException} by its own code, anything else as an unexpected error
 * whose stack trace {@code --verbose} prints. Stateless.
 */
final class Failures implements IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
    PrintWriter err = command.getErr();
    ExitCode code = exitCode(failure);
    String prefix = "hypha " + command.getCommandName() + ": ";
    if (code == ExitCode.INTERNAL) {
      err.println(
          prefix
              + "unexpected error: "
              + failure
              + (verbose(parsed) ? "" : "; rerun with --verbose for the stack trace"));
    } else if (!(failure instanceof dev.hypha.runtime.HyphaException
        || failure instanceof CliException)) {
      // A database error the runtime let through: say what the driver said.
      err.println(
          prefix + "the store cannot be used: " + firstLine(sqlCause(failure).getMessage()));
    } else {
      err.println(prefix + firstLine(failure.getMessage()));
    }
    if (verbose(parsed)) {
      failure.printStackTrace(err);
    }
    err.flush();
    return code.code();
  }

  /** The exit code of {@code failure}. */
  static ExitCode exitCode(Throwable failure) {
    if (failure instanceof CliException cli) {
      return cli.exitCode();
    }
    if (failure instanceof StoreException) {
      return ExitCode.STORE;
    }
    if (failure instanceof UnknownFlowException
        || failure instanceof UnknownRunException
        || failure instanceof UnknownSignalException) {
      return ExitCode.NOT_FOUND;
    }
    if (failure instanceof InvalidInputException
        || failure instanceof InvalidQueryException
        || failure instanceof InvalidConfigurationException) {
      return ExitCode.USAGE;
    }
    if (failure instanceof RunEndedException) {
      return ExitCode.RUN_FAILED;
    }
    if (sqlCause(failure) != null) {
      return ExitCode.STORE;
    }
    return ExitCode.INTERNAL;
  }

  /** The database driver's error behind {@code failure}, or null. */
  private static SQLException sqlCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        return sql;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  private static boolean verbose(ParseResult parsed) {
    ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    return last.hasMatchedOption("--verbose");
  }

  private static String firstLine(String message) {
    if (message == null || message.isBlank()) {
      return "failed without a message; rerun with --verbose for the stack trace";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
