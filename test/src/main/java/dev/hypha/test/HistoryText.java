package dev.hypha.test;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.TaskRecord;

/** A run's history as text, for failure messages: one line per task, one per failed attempt. */
final class HistoryText {
  private static final int MAX_VALUE = 80;

  private HistoryText() {}

  /** {@code run <id> of flow <name>}: how messages name a run. */
  static String name(RunDetail run) {
    return "run " + run.id() + " of flow " + run.summary().flow();
  }

  static String of(RunDetail run) {
    StringBuilder text = new StringBuilder();
    text.append("history of ")
        .append(name(run))
        .append(": ")
        .append(run.state())
        .append(", started ")
        .append(run.summary().startedAt());
    run.summary().finishedAt().ifPresent(at -> text.append(", ended ").append(at));
    int width = run.tasks().stream().mapToInt(task -> task.name().length()).max().orElse(0);
    for (TaskRecord task : run.tasks()) {
      text.append("\n  ")
          .append(pad(task.name(), width))
          .append("  ")
          .append(pad(task.state().name(), 9))
          .append("  attempt ")
          .append(task.attempt());
      task.readyAt().ifPresent(at -> text.append(", ready at ").append(at));
      task.skipReason().ifPresent(reason -> text.append(", ").append(reason));
      task.outputJson().ifPresent(json -> text.append(", output ").append(shorten(json)));
      task.error().ifPresent(error -> text.append(", error ").append(shorten(error.describe())));
      for (AttemptRecord failure : task.failures()) {
        text.append("\n  ")
            .append(" ".repeat(width))
            .append("    attempt ")
            .append(failure.attempt())
            .append(' ')
            .append(failure.outcome())
            .append(" at ")
            .append(failure.finishedAt())
            .append(": ")
            .append(shorten(failure.error().describe()));
      }
    }
    return text.toString();
  }

  static String shorten(String value) {
    String line = value.replace('\n', ' ');
    return line.length() <= MAX_VALUE ? line : line.substring(0, MAX_VALUE - 3) + "...";
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
