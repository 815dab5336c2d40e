package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.store.StoredRun;
import dev.hypha.runtime.internal.store.StoredTask;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the in-memory state of a run from its stored rows after a restart. A task recorded
 * SUCCEEDED keeps its output and never runs again; a task caught RUNNING runs again (its attempt
 * may have had effects, which is why tasks get an idempotency key); a pending task whose
 * dependencies all succeeded is ready, and one behind a failed task is skipped.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  /** A task to put back in the ready queue; {@code persisted} when its row already says READY. */
  record ReadyAgain(int task, long readyAt, boolean persisted) {}

  /** The rebuilt run and the rows its recovery must still write. */
  record Plan(ActiveRun run, List<Integer> skipped, List<ReadyAgain> ready) {}

  private Recovery() {}

  /** The plan to go on with {@code stored}, or null when this code cannot run it. */
  static Plan plan(RegisteredFlow flow, StoredRun stored, long now) {
    FlowDescriptor descriptor = flow.descriptor();
    if (!descriptor.shapeHash().equals(stored.shapeHash())) {
      LOG.warn(
          "run {} of flow {} was started by a version of the flow with shape {}, but this code has"
              + " shape {}; it is left as it is. Run the old version to finish it, or cancel it",
          stored.runId(),
          stored.flow(),
          stored.shapeHash(),
          descriptor.shapeHash());
      return null;
    }
    ActiveRun run = new ActiveRun(stored.runId(), stored.runSeq(), flow, stored.inputJson());
    StoredTask[] rows = new StoredTask[run.states.length];
    for (StoredTask row : stored.tasks()) {
      int task = descriptor.indexOf(row.name());
      if (task < 0) {
        LOG.warn(
            "run {} has a task {} this flow does not know; it is left as it is",
            run.id,
            row.name());
        return null;
      }
      rows[task] = row;
      run.stored[task] = true;
    }
    List<Integer> skipped = new ArrayList<>();
    List<ReadyAgain> ready = new ArrayList<>();
    // Tasks are in dependency order, so every dependency is settled before its dependents.
    for (int task = 0; task < rows.length; task++) {
      StoredTask row = rows[task];
      TaskState state = row == null ? TaskState.PENDING : row.state();
      run.attempts[task] = row == null ? 0 : row.attempt();
      switch (state) {
        case SUCCEEDED -> settle(run, task, TaskState.SUCCEEDED).outputs[task] = row.outputJson();
        case FAILED -> {
          settle(run, task, TaskState.FAILED);
          if (run.firstError == null) {
            run.firstError =
                new TaskError(row.name(), row.errorType(), nullToEmpty(row.errorMessage()), "");
          }
        }
        case SKIPPED, CANCELLED -> settle(run, task, state);
        case READY -> ready.add(new ReadyAgain(task, readyAt(row, now), true));
        case RUNNING -> ready.add(new ReadyAgain(task, readyAt(row, now), false));
        case PENDING -> planPending(run, task, skipped, ready, now);
      }
    }
    for (int task = 0; task < rows.length; task++) {
      int waiting = 0;
      for (int dependency : descriptor.dependencies(task)) {
        if (run.states[dependency] != TaskState.SUCCEEDED) {
          waiting++;
        }
      }
      run.waitingOn[task] = waiting;
    }
    return new Plan(run, skipped, ready);
  }

  private static void planPending(
      ActiveRun run, int task, List<Integer> skipped, List<ReadyAgain> ready, long now) {
    boolean allSucceeded = true;
    for (int dependency : run.flow.descriptor().dependencies(task)) {
      TaskState state = run.states[dependency];
      if (state == TaskState.FAILED || state == TaskState.SKIPPED || state == TaskState.CANCELLED) {
        settle(run, task, TaskState.SKIPPED);
        skipped.add(task);
        return;
      }
      allSucceeded &= state == TaskState.SUCCEEDED;
    }
    if (allSucceeded) {
      ready.add(new ReadyAgain(task, now, false));
    }
  }

  private static ActiveRun settle(ActiveRun run, int task, TaskState state) {
    run.states[task] = state;
    run.unfinished--;
    return run;
  }

  private static long readyAt(StoredTask row, long now) {
    return row.readyAt() > 0 ? row.readyAt() : now;
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
