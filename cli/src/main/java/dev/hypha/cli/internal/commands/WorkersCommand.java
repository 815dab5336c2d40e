package dev.hypha.cli.internal.commands;

import dev.hypha.cli.ExitCode;
import dev.hypha.cli.internal.JsonShapes;
import dev.hypha.cli.internal.Table;
import dev.hypha.cli.internal.Times;
import dev.hypha.cli.internal.WorkerLiveness;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.WorkerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hypha workers}: the worker processes that have used the store. */
@Command(
    name = "workers",
    mixinStandardHelpOptions = true,
    description = {
      "List the workers that have used the store: queues, start, last heartbeat and whether they"
          + " are live.",
      "A READY task waits for a live worker on its queue."
    })
final class WorkersCommand extends Subcommand {
  @Option(names = "--json", description = "Print {\"workers\": [Worker]} as JSON.")
  boolean json;

  @Override
  ExitCode run() {
    List<WorkerRecord> workers;
    try (Hypha hypha = global.openExisting()) {
      workers = hypha.history().workers();
    }
    if (json) {
      out().println(JsonShapes.write(JsonShapes.workers(workers)));
      return ExitCode.OK;
    }
    if (workers.isEmpty()) {
      out().println("no worker has used this store; start one with hypha worker");
      return ExitCode.OK;
    }
    Instant now = Instant.now();
    Table table = new Table("WORKER", "QUEUES", "STARTED", "LAST SEEN", "STATUS");
    for (WorkerRecord worker : workers) {
      table.row(
          worker.worker(),
          String.join(",", worker.queues()),
          Times.instantSeconds(worker.startedAt()),
          Times.instantSeconds(worker.lastSeen()),
          status(worker, now));
    }
    out().print(table.render());
    return ExitCode.OK;
  }

  private static String status(WorkerRecord worker, Instant now) {
    if (worker.stoppedAt().isPresent()) {
      return "stopped " + Times.instantSeconds(worker.stoppedAt().get());
    }
    if (WorkerLiveness.live(worker, now)) {
      return "live";
    }
    return "not seen for " + Times.duration(Duration.between(worker.lastSeen(), now));
  }
}
