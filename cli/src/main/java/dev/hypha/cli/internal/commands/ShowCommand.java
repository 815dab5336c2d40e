package dev.hypha.cli.internal.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypha.cli.ExitCode;
import dev.hypha.cli.internal.CliException;
import dev.hypha.cli.internal.Converters;
import dev.hypha.cli.internal.JsonShapes;
import dev.hypha.cli.internal.Table;
import dev.hypha.cli.internal.Times;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.SkipReason;
import dev.hypha.runtime.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hypha show RUN}: one run and its tasks. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show one run: its state, input, result and error, then a table of its tasks.")
final class ShowCommand extends Subcommand {
  /** Values longer than this are cut in the human output; --json has them whole. */
  private static final int VALUE_WIDTH = 200;

  @Parameters(
      index = "0",
      paramLabel = "RUN",
      converter = Converters.RunIdConverter.class,
      description = "The run's id.")
  RunId id;

  @Option(names = "--json", description = "Print the RunDetail as JSON.")
  boolean json;

  @Override
  ExitCode run() {
    RunDetail detail;
    String location;
    try (Hypha hypha = global.openExisting()) {
      location = hypha.location();
      detail = hypha.history().detail(id).orElse(null);
    }
    if (detail == null) {
      throw new CliException(
          ExitCode.NOT_FOUND, "no run " + id + " in " + location + "; hypha runs lists the runs");
    }
    JsonNode shape = JsonShapes.runDetail(detail);
    if (json) {
      out().println(JsonShapes.write(shape));
      return ExitCode.OK;
    }
    header(detail, shape);
    out().println();
    out().print(tasks(detail).render());
    return ExitCode.OK;
  }

  private void header(RunDetail detail, JsonNode shape) {
    RunSummary run = detail.summary();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("run", run.id().value());
    fields.put("flow", run.flow() + " (shape " + run.shapeHash() + ")");
    fields.put("state", run.state().name());
    fields.put("started", Times.instant(run.startedAt()));
    if (run.finishedAt().isPresent()) {
      Duration took = Duration.between(run.startedAt(), run.finishedAt().get());
      fields.put(
          "finished",
          Times.instant(run.finishedAt().get()) + " (took " + Times.duration(took) + ")");
    } else {
      fields.put("running for", Times.duration(Duration.between(run.startedAt(), Instant.now())));
    }
    run.error()
        .ifPresent(
            error ->
                fields.put(
                    "error", "task " + error.task() + ": " + Table.firstLine(error.describe())));
    fields.put("input", Table.cut(JsonShapes.compact(shape.get("input")), VALUE_WIDTH));
    if (detail.resultJson().isPresent()) {
      fields.put("result", Table.cut(JsonShapes.compact(shape.get("result")), VALUE_WIDTH));
    }
    int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
    fields.forEach(
        (name, value) -> {
          String shown = name.equals("state") ? terminal().state(value, value) : value;
          out().println(name + " ".repeat(width - name.length()) + "  " + shown);
        });
  }

  private Table tasks(RunDetail detail) {
    Table table =
        new Table("TASK", "STATE", "ATTEMPT", "QUEUE", "WORKER", "STARTED", "TOOK", "ERROR / SKIP")
            .style(
                1,
                (cell, padded) -> terminal().state(cell, cell) + padded.substring(cell.length()));
    for (TaskRecord task : detail.tasks()) {
      table.row(
          task.name(),
          task.state(),
          task.attempt(),
          task.queue(),
          task.worker().orElse(null),
          task.startedAt().map(Times::instantSeconds).orElse(null),
          Times.between(task.startedAt(), task.finishedAt()),
          note(task));
    }
    return table;
  }

  /** The error's first line, why the task was skipped, or how many attempts failed before. */
  private static String note(TaskRecord task) {
    if (task.error().isPresent()) {
      return Table.cut(Table.firstLine(task.error().get().describe()), 120);
    }
    if (task.skipReason().isPresent()) {
      SkipReason reason = task.skipReason().get();
      return "skipped: " + reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
    if (!task.failures().isEmpty()) {
      return task.failures().size() + " failed attempt(s) before";
    }
    return null;
  }
}
