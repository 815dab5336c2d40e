package dev.hypha.cli.internal.commands;

import dev.hypha.cli.ExitCode;
import dev.hypha.cli.internal.CliException;
import dev.hypha.cli.internal.Converters;
import dev.hypha.cli.internal.JsonShapes;
import dev.hypha.cli.internal.Table;
import dev.hypha.cli.internal.Times;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Page;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hypha runs}: one page of the run history, newest first. */
@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = {
      "List runs, newest first: id, flow, state, start, duration and error.",
      "One page at a time; the next one with --after <token>."
    })
final class RunsCommand extends Subcommand {
  @Option(names = "--flow", paramLabel = "FLOW", description = "Only runs of this flow.")
  String flow;

  @Option(
      names = "--state",
      paramLabel = "STATE",
      split = ",",
      description = "Only runs in these states: ${COMPLETION-CANDIDATES} (comma-separated).")
  List<RunState> states = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      converter = Converters.SinceConverter.class,
      description =
          "Only runs started at or after this instant (2025-05-01T10:00:00Z) or this long ago"
              + " (PT1H, 1h, 30m, 2d).")
  Instant since;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "" + RunQuery.DEFAULT_LIMIT,
      description = "The page size, 1 to " + RunQuery.MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--after",
      paramLabel = "TOKEN",
      description = "Continue after the page that printed this token.")
  String after;

  @Option(names = "--json", description = "Print {\"runs\": [RunSummary], \"next\": token}.")
  boolean json;

  @Override
  ExitCode run() {
    if (limit < 1 || limit > RunQuery.MAX_LIMIT) {
      throw new CliException(
          ExitCode.USAGE,
          "--limit must be between 1 and "
              + RunQuery.MAX_LIMIT
              + ", was "
              + limit
              + "; read further pages with --after <token>");
    }
    RunQuery query =
        RunQuery.builder()
            .flow(flow)
            .state(states.toArray(RunState[]::new))
            .startedFrom(since)
            .limit(limit)
            .after(after)
            .build();
    Page<RunSummary> page;
    try (Hypha hypha = global.openExisting()) {
      page = hypha.history().find(query);
    }
    if (json) {
      out().println(JsonShapes.write(JsonShapes.page(page)));
      return ExitCode.OK;
    }
    if (page.items().isEmpty()) {
      out().println(after == null ? "no runs match" : "no more runs");
      return ExitCode.OK;
    }
    Instant now = Instant.now();
    Table table =
        new Table("ID", "FLOW", "STATE", "STARTED", "DURATION", "ERROR")
            .style(
                2,
                (cell, padded) -> terminal().state(cell, cell) + padded.substring(cell.length()));
    for (RunSummary run : page.items()) {
      table.row(
          run.id(),
          run.flow(),
          run.state(),
          Times.instantSeconds(run.startedAt()),
          duration(run, now),
          run.error().map(RunsCommand::error).orElse(null));
    }
    out().print(table.render());
    page.nextPageToken().ifPresent(token -> out().println("next page: --after " + token));
    return ExitCode.OK;
  }

  private static String duration(RunSummary run, Instant now) {
    if (run.finishedAt().isPresent()) {
      return Times.duration(Duration.between(run.startedAt(), run.finishedAt().get()));
    }
    return Times.duration(Duration.between(run.startedAt(), now)) + " so far";
  }

  private static String error(TaskError error) {
    return Table.cut(error.task() + ": " + Table.firstLine(error.describe()), 100);
  }
}
