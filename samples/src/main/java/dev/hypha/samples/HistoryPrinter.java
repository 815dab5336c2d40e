package dev.hypha.samples;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.SkipReason;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Prints a run's history as the samples show it: one line per row (kind, name, state, latest
 * attempt), then one line per failed attempt with its error. Tasks come in the flow's dependency
 * order; the handlers the runtime ran (compensations, callbacks) follow in the order they ran.
 */
public final class HistoryPrinter {
  private HistoryPrinter() {}

  public static void print(PrintStream out, RunDetail detail) {
    out.printf(
        Locale.ROOT,
        "run %s  %s%s%n",
        detail.id(),
        detail.state(),
        detail
            .summary()
            .error()
            .map(error -> "  (" + error.task() + ": " + error.message() + ")")
            .orElse(""));
    for (TaskRecord row : inRunOrder(detail.tasks())) {
      out.printf(
          Locale.ROOT,
          "    %-12s %-28s %-10s attempt %d%s%n",
          row.kind(),
          row.name(),
          row.state(),
          row.attempt(),
          row.skipReason()
              .map(
                  reason ->
                      reason == SkipReason.NOT_TAKEN ? "  (not taken)" : "  (upstream failed)")
              .orElse(""));
      for (AttemptRecord failure : row.failures()) {
        out.printf(
            Locale.ROOT,
            "        attempt %d %s: %s%n",
            failure.attempt(),
            failure.timedOut() ? "timed out" : "failed",
            describe(failure.error()));
      }
      if (row.error().isPresent() && !sameAsLastFailure(row)) {
        out.printf(
            Locale.ROOT,
            "        %s: %s%n",
            row.state() == TaskState.RECOVERED ? "recovered from" : "error",
            describe(row.error().get()));
      }
    }
  }

  /** {@code SimpleType: message}: the stack trace's first line without the package. */
  public static String describe(TaskError error) {
    String type = error.type().substring(error.type().lastIndexOf('.') + 1);
    type = type.substring(type.lastIndexOf('$') + 1);
    return error.message().isEmpty() ? type : type + ": " + error.message();
  }

  private static List<TaskRecord> inRunOrder(List<TaskRecord> rows) {
    List<TaskRecord> ordered = new ArrayList<>();
    List<TaskRecord> handlers = new ArrayList<>();
    for (TaskRecord row : rows) {
      (row.kind() == TaskKind.TASK ? ordered : handlers).add(row);
    }
    handlers.sort(Comparator.comparing(row -> row.startedAt().orElse(Instant.MAX)));
    ordered.addAll(handlers);
    return ordered;
  }

  private static boolean sameAsLastFailure(TaskRecord row) {
    if (row.failures().isEmpty()) {
      return false;
    }
    TaskError last = row.failures().get(row.failures().size() - 1).error();
    TaskError error = row.error().get();
    return last.type().equals(error.type()) && last.message().equals(error.message());
  }
}
