package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskState;
import java.util.List;

/**
 * Fills a store with runs as a busy deployment leaves them: a second apart, mostly of one flow,
 * most of them SUCCEEDED, one in fifty FAILED, a few CANCELLED, the newest few still RUNNING; three
 * tasks each.
 */
final class FinishedRuns {
  /** The flows, the first one the busiest. */
  static final List<String> FLOWS = List.of("orders", "invoices", "emails", "reports", "sync");

  /** When the first run started, in epoch microseconds. */
  static final long START = 1_780_000_000_000_000L;

  static final int TASKS = 3;

  private FinishedRuns() {}

  /** The flow of the run {@code seq}: half of them the first. */
  static String flow(long seq) {
    int slot = (int) (seq % 10);
    return slot < 5 ? FLOWS.get(0) : FLOWS.get(1 + slot % FLOWS.size() % 4);
  }

  static RunState state(long seq, long last) {
    if (last - seq < 3) {
      return RunState.RUNNING;
    }
    if (seq % 50 == 0) {
      return RunState.FAILED;
    }
    return seq % 97 == 0 ? RunState.CANCELLED : RunState.SUCCEEDED;
  }

  static long startedAt(long seq) {
    return START + seq * 1_000_000L;
  }

  /** Writes the runs {@code first} to {@code last} (inclusive) with their tasks. */
  static void write(SqliteStore store, long first, long last) {
    WriteBatch batch = new WriteBatch();
    for (long seq = first; seq <= last; seq++) {
      long started = startedAt(seq);
      RunState state = state(seq, last);
      batch.insertRun(
          RunId.generate(started / 1_000), seq, flow(seq), "shape", "{}", null, started, TASKS);
      for (int task = 0; task < TASKS; task++) {
        TaskState taskState =
            state == RunState.RUNNING && task == TASKS - 1
                ? TaskState.RUNNING
                : state == RunState.FAILED && task == TASKS - 1
                    ? TaskState.FAILED
                    : TaskState.SUCCEEDED;
        TaskWrite write =
            batch
                .insertTask(seq, task, "t" + task, TaskKind.TASK, "default", taskState)
                .attempt(1)
                .readyAt(started)
                .startedAt(started + 10);
        if (taskState == TaskState.SUCCEEDED) {
          write.finishedAt(started + 100).output("{\"n\":" + task + "}");
        } else if (taskState == TaskState.FAILED) {
          write.finishedAt(started + 100).error("java.io.IOException", "down", "at x");
        }
      }
      if (state != RunState.RUNNING) {
        boolean failed = state == RunState.FAILED;
        batch.finishRun(
            seq,
            state,
            state == RunState.SUCCEEDED ? "{\"n\":2}" : null,
            failed ? "t" + (TASKS - 1) : null,
            failed ? "java.io.IOException" : null,
            failed ? "down" : null,
            started + 200);
      }
      if (batch.size() >= 5_000) {
        store.write(batch);
        batch.clear();
      }
    }
    store.write(batch);
  }
}
