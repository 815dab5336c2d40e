package dev.hypha.cli.internal.commands;

import dev.hypha.cli.ExitCode;
import dev.hypha.runtime.Worker;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hypha worker}: the runtime's worker process ({@link Worker}) with the store of {@code
 * --db} and the flows of {@code --classpath}. The options go to it as they are; it reads them, runs
 * until SIGTERM or Ctrl-C, and exits with its own codes (2 bad arguments, 3 a flow of --flows
 * missing, 4 the store cannot be opened), which are the command's.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Run a worker on the store: it claims and runs the tasks of the given queues, of every flow"
          + " on the class path (--classpath) with a public no-argument constructor.",
      "Runs until SIGTERM or Ctrl-C, then lets running tasks finish for the grace period.",
      "A SQLite file that does not exist yet is created."
    })
final class WorkerCommand extends Subcommand {
  @Option(
      names = "--queues",
      paramLabel = "a,b",
      description = "The queues to host (default: default, where tasks without a queue are).")
  String queues;

  @Option(names = "--threads", paramLabel = "N", description = "Task threads (default: 8).")
  Integer threads;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The worker's name in the history (default: <pid>@<host>).")
  String name;

  @Option(
      names = "--flows",
      paramLabel = "x,y",
      description = "Fail (exit 3) unless these flows are on the class path.")
  String flows;

  @Option(
      names = "--lease",
      paramLabel = "DURATION",
      description = "How long a claim lasts without a heartbeat, as 30s or PT30S (default: 30s).")
  String lease;

  @Option(
      names = "--poll",
      paramLabel = "DURATION",
      description = "How often an idle worker looks for work (default: 200ms).")
  String poll;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      description = "How long running tasks may finish on shutdown (default: 10s).")
  String grace;

  @Override
  ExitCode run() {
    out().flush();
    // Worker.main runs until the JVM stops, and exits the JVM itself with a non-zero code.
    Worker.main(arguments().toArray(String[]::new));
    return ExitCode.OK;
  }

  /** The worker's command line: the store, and each option that was given. */
  List<String> arguments() {
    List<String> args = new ArrayList<>(List.of("--db", global.db()));
    add(args, "--queues", queues);
    add(args, "--threads", threads == null ? null : threads.toString());
    add(args, "--name", name);
    add(args, "--flows", flows);
    add(args, "--lease", lease);
    add(args, "--poll", poll);
    add(args, "--grace", grace);
    return args;
  }

  private static void add(List<String> args, String option, String value) {
    if (value != null) {
      args.add(option);
      args.add(value);
    }
  }
}
