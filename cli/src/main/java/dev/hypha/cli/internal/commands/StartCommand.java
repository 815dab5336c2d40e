package dev.hypha.cli.internal.commands;

import dev.hypha.cli.ExitCode;
import dev.hypha.cli.internal.CliException;
import dev.hypha.cli.internal.Converters;
import dev.hypha.cli.internal.FlowCatalog;
import dev.hypha.cli.internal.JsonArgument;
import dev.hypha.cli.internal.JsonShapes;
import dev.hypha.cli.internal.RunProgress;
import dev.hypha.cli.internal.Table;
import dev.hypha.cli.internal.Times;
import dev.hypha.cli.internal.WorkerLiveness;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hypha start FLOW}: starts a run as a client of the store, and with {@code --wait} follows
 * it to its end. The client executes nothing: a worker on the same store ({@code hypha worker}, or
 * an application) runs the tasks. When no live worker hosts one of the flow's queues, a warning
 * says which and how to start one, and {@code --wait} goes on waiting until its timeout, since a
 * worker may start meanwhile.
 */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start a run of a flow and print its id; with --wait, show its progress and exit with its"
          + " outcome.",
      "The run is executed by a worker on the same store (hypha worker, or an application);"
          + " without a live worker for the flow's queues it waits for one, and a warning says so."
    })
final class StartCommand extends Subcommand {
  /** How often {@code --wait} reads the run. */
  private static final Duration POLL = Duration.ofMillis(200);

  /** How often {@code --wait} looks again for queues without a live worker. */
  private static final Duration WORKER_CHECK = Duration.ofSeconds(15);

  @Parameters(index = "0", paramLabel = "FLOW", description = "The flow's name.")
  String flow;

  @Option(
      names = "--input",
      paramLabel = "JSON",
      description =
          "The run's input: JSON, @file for a file's content or @- for standard input;"
              + " may be left out for a flow without @Input.")
  String input;

  @Option(
      names = "--key",
      paramLabel = "KEY",
      description =
          "An idempotency key: if a run of the flow was started with it, that run is"
              + " the one printed (and waited for), and nothing new starts.")
  String key;

  @Option(names = "--wait", description = "Wait for the run to end; exit with its outcome.")
  boolean wait;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "PT5M",
      converter = Converters.DurationConverter.class,
      description =
          "With --wait, how long to wait (PT5M, 5m, 90s; default: ${DEFAULT-VALUE}); then exit 5,"
              + " and the run goes on.")
  Duration timeout;

  @Option(
      names = "--json",
      description = "Print the RunSummary as JSON; with --wait, the RunDetail at the end.")
  boolean json;

  @Override
  ExitCode run() throws InterruptedException {
    try (Hypha hypha = global.openOrCreate()) {
      FlowDescriptor descriptor =
          hypha.flows().stream()
              .filter(candidate -> candidate.name().equals(flow))
              .findFirst()
              .orElseThrow(
                  () ->
                      FlowCatalog.unknown(
                          flow, hypha.flows().stream().map(FlowDescriptor::name).toList()));
      String inputJson = inputJson(descriptor);
      Optional<RunSummary> earlier =
          key == null ? Optional.empty() : hypha.history().byKey(flow, key);
      RunId id =
          key == null ? hypha.start(flow, inputJson).id() : hypha.start(flow, inputJson, key).id();
      if (earlier.isPresent() && earlier.get().id().equals(id)) {
        err()
            .println(
                prefix()
                    + "run "
                    + id
                    + " was started with key '"
                    + key
                    + "' already ("
                    + earlier.get().state()
                    + "); no new run started");
      }
      Set<String> warned = new LinkedHashSet<>();
      warnUnserved(hypha, descriptor.queues(), warned);
      if (!wait) {
        RunSummary summary = hypha.history().summary(id).orElseThrow();
        out().println(json ? JsonShapes.write(JsonShapes.runSummary(summary)) : id.value());
        return ExitCode.OK;
      }
      if (!json) {
        out().println(id.value());
        out().flush();
      }
      return await(hypha, id, warned);
    }
  }

  private String inputJson(FlowDescriptor descriptor) {
    if (input != null) {
      return JsonArgument.read(input, "--input");
    }
    if (descriptor.input().isVoid()) {
      return "null";
    }
    throw new CliException(
        ExitCode.USAGE,
        "flow "
            + flow
            + " takes an input of type "
            + descriptor.input()
            + "; pass it with --input JSON, --input @file or --input @-");
  }

  private ExitCode await(Hypha hypha, RunId id, Set<String> warned) throws InterruptedException {
    RunProgress progress = new RunProgress(out(), terminal().tty());
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextCheck = System.nanoTime() + WORKER_CHECK.toNanos();
    while (true) {
      RunDetail detail = hypha.history().detail(id).orElseThrow();
      if (!json) {
        progress.show(detail);
      }
      if (detail.state().isFinal()) {
        progress.end();
        return ended(detail);
      }
      if (System.nanoTime() - deadline >= 0) {
        progress.end();
        if (json) {
          out().println(JsonShapes.write(JsonShapes.runDetail(detail)));
        }
        err()
            .println(
                prefix()
                    + "run "
                    + id
                    + " is still RUNNING after "
                    + timeout
                    + "; it goes on (follow it with hypha show "
                    + id
                    + ", or wait longer with --timeout)");
        return ExitCode.STILL_RUNNING;
      }
      if (System.nanoTime() - nextCheck >= 0) {
        nextCheck = System.nanoTime() + WORKER_CHECK.toNanos();
        Set<String> waiting = new LinkedHashSet<>();
        for (TaskRecord task : detail.tasks()) {
          if (task.state() == TaskState.READY) {
            waiting.add(task.queue());
          }
        }
        waiting.removeAll(warned);
        if (!waiting.isEmpty()) {
          progress.end();
          warnUnserved(hypha, waiting, warned);
        }
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private ExitCode ended(RunDetail detail) {
    RunSummary run = detail.summary();
    if (json) {
      out().println(JsonShapes.write(JsonShapes.runDetail(detail)));
    }
    String took =
        run.finishedAt()
            .map(end -> Times.duration(Duration.between(run.startedAt(), end)))
            .orElse("?");
    if (run.state() == RunState.SUCCEEDED) {
      if (!json) {
        out().println("run " + run.id() + " SUCCEEDED in " + took);
        detail.resultJson().ifPresent(result -> out().println("result: " + result));
      }
      return ExitCode.OK;
    }
    if (run.state() == RunState.FAILED) {
      String cause =
          run.error()
              .map(
                  error ->
                      ": task " + error.task() + " failed: " + Table.firstLine(error.describe()))
              .orElse("");
      err().println(prefix() + "run " + run.id() + " FAILED after " + took + cause);
    } else {
      err().println(prefix() + "run " + run.id() + " was " + run.state() + " after " + took);
    }
    err().println(prefix() + "hypha show " + run.id() + " shows every task");
    return ExitCode.RUN_FAILED;
  }

  /**
   * Warns once for each of {@code queues} that no live worker hosts: the run's tasks there wait
   * until a worker starts.
   */
  private void warnUnserved(Hypha hypha, Collection<String> queues, Set<String> warned) {
    Set<String> unserved =
        WorkerLiveness.unserved(queues, hypha.history().workers(), Instant.now());
    unserved.removeAll(warned);
    if (unserved.isEmpty()) {
      return;
    }
    warned.addAll(unserved);
    String names = String.join(", ", unserved.stream().map(q -> "'" + q + "'").toList());
    err()
        .println(
            prefix()
                + "warning: no live worker on "
                + hypha.location()
                + " hosts queue"
                + (unserved.size() > 1 ? "s " : " ")
                + names
                + " of flow "
                + flow
                + ", so the run's tasks there wait; start one on the same store: hypha worker --db "
                + hypha.location()
                + (global.classpath() == null ? "" : " --classpath " + global.classpath())
                + " --queues "
                + String.join(",", unserved));
    err().flush();
  }
}
