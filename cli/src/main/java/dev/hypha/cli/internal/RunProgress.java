package dev.hypha.cli.internal;

import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import java.io.PrintWriter;
import java.util.List;

/**
 * The progress of a run being waited for, as a bar of its tasks done: redrawn in place with {@code
 * \r} on a terminal, one line per change elsewhere (a log, a pipe, CI). Not thread-safe.
 */
public final class RunProgress {
  private static final int BAR_WIDTH = 24;

  private final PrintWriter out;
  private final boolean redraw;
  private String last = "";

  public RunProgress(PrintWriter out, boolean redraw) {
    this.out = out;
    this.redraw = redraw;
  }

  /** Shows {@code detail}'s progress if it changed since the last call. */
  public void show(RunDetail detail) {
    String line = line(detail);
    if (line.equals(last)) {
      return;
    }
    if (redraw) {
      int leftover = Math.max(0, last.length() - line.length());
      out.print("\r" + line + " ".repeat(leftover));
    } else {
      out.println(line);
    }
    out.flush();
    last = line;
  }

  /** Ends the progress display, so that what follows starts on a line of its own. */
  public void end() {
    if (redraw && !last.isEmpty()) {
      out.println();
      out.flush();
    }
  }

  /** {@code [#########...............] 3/8 tasks done, running: charge, reserve}. */
  static String line(RunDetail detail) {
    List<TaskRecord> tasks = detail.tasks();
    long done = tasks.stream().filter(task -> task.state().isFinal()).count();
    int total = tasks.size();
    int filled = total == 0 ? 0 : (int) (BAR_WIDTH * done / total);
    StringBuilder line = new StringBuilder("[");
    line.append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
    line.append(done).append('/').append(total).append(" tasks done");
    List<String> running =
        tasks.stream()
            .filter(task -> task.state() == TaskState.RUNNING)
            .map(TaskRecord::name)
            .toList();
    if (!running.isEmpty()) {
      line.append(", running: ")
          .append(String.join(", ", running.subList(0, Math.min(3, running.size()))));
      if (running.size() > 3) {
        line.append(" and ").append(running.size() - 3).append(" more");
      }
    }
    return line.toString();
  }
}
