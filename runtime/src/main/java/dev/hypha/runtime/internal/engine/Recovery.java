package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.store.StoredRun;
import dev.hypha.runtime.internal.store.StoredTask;
import dev.hypha.runtime.internal.store.TaskKeys;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the in-memory state of a run from its stored rows after a restart. A row recorded
 * SUCCEEDED keeps its output and never runs again; a row caught RUNNING runs again (its attempt may
 * have had effects, which is why tasks get an idempotency key); a row READY with a future due time
 * waits for it; a pending task whose dependencies all succeeded is ready, and one behind a failed
 * task is skipped. Compensations and callbacks under way go on where they were.
 */
final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  /** A row to put back in the ready queue; {@code persisted} when its row already says READY. */
  record ReadyAgain(int row, long readyAt, boolean persisted) {}

  /** An attempt that began and never ended: the process running it stopped. */
  record Interrupted(int row, int attempt, long startedAt, String worker) {}

  /**
   * The rebuilt run and the rows its recovery must still write or schedule: {@code skipped} behind
   * a failure, {@code notTaken} behind a branch not taken.
   */
  record Plan(
      ActiveRun run,
      List<Integer> skipped,
      List<Integer> notTaken,
      List<ReadyAgain> ready,
      List<Interrupted> interrupted,
      List<Integer> fanOuts,
      Map<Integer, List<StoredTask>> instances,
      List<ReadyAgain> awaiting) {}

  private Recovery() {}

  /** The plan to go on with {@code stored}, or null when this code cannot run it. */
  static Plan plan(RegisteredFlow flow, StoredRun stored, long now) {
    FlowDescriptor descriptor = flow.descriptor();
    if (!descriptor.shapeHash().equals(stored.shapeHash())) {
      LOG.warn(
          "run {} of flow {} was started by a version of the flow with shape {}, but this code has"
              + " shape {}; it is left as it is. Run the old version to finish it, or cancel it with"
              + " hypha.cancel(runId)",
          stored.runId(),
          stored.flow(),
          stored.shapeHash(),
          descriptor.shapeHash());
      return null;
    }
    ActiveRun run = new ActiveRun(stored.runId(), stored.runSeq(), flow, stored.inputJson());
    Signals.restore(run, stored.signals());
    StoredTask[] rows = new StoredTask[flow.rowCount()];
    // The rows of fan-outs' instances, by task; FanOuts takes them up.
    Map<Integer, List<StoredTask>> instances = new HashMap<>();
    for (StoredTask row : stored.tasks()) {
      int index = flow.rowIndex(row.name());
      int fanOut = index < 0 ? instanceOf(flow, row.name()) : -1;
      if (fanOut >= 0) {
        instances.computeIfAbsent(fanOut, task -> new ArrayList<>()).add(row);
        continue;
      }
      if (index < 0) {
        LOG.warn(
            "run {} has a row {} this flow does not know; it is left as it is", run.id, row.name());
        return null;
      }
      rows[index] = row;
      run.stored[index] = true;
      run.attempts[index] = row.attempt();
      if (row.inputJson() != null && flow.signalWait(index) != null) {
        run.signalPayloads[index] = row.inputJson();
      }
    }
    List<Integer> skipped = new ArrayList<>();
    List<Integer> notTaken = new ArrayList<>();
    // Whether each task is a branch not taken, which a join that takes it optionally goes without.
    boolean[] absent = new boolean[flow.taskCount()];
    List<ReadyAgain> ready = new ArrayList<>();
    List<Interrupted> interrupted = new ArrayList<>();
    List<Integer> fanOuts = new ArrayList<>();
    // Tasks that wait for their signal, with the due time of their timeout (0 for none).
    List<ReadyAgain> awaiting = new ArrayList<>();
    long firstFailedAt = 0;
    // Tasks are in dependency order, so every dependency is settled before its dependents.
    for (int task = 0; task < flow.taskCount(); task++) {
      StoredTask row = rows[task];
      TaskState state = row == null ? TaskState.PENDING : row.state();
      switch (state) {
        case SUCCEEDED, RECOVERED -> settle(run, task, state).outputs[task] = row.outputJson();
        case FAILED -> {
          settle(run, task, TaskState.FAILED);
          // The run's error is its first failure in time, as it was before the restart.
          if (firstFailedAt == 0 || row.finishedAt() < firstFailedAt) {
            firstFailedAt = row.finishedAt();
            run.firstError = row.error();
          }
        }
        case SKIPPED -> {
          settle(run, task, state);
          absent[task] = row.notTaken();
        }
        case CANCELLED -> {
          settle(run, task, state);
          run.cancelled = true;
        }
        case READY -> {
          if (row.attempt() == 0 && flow.signalWait(task) != null && row.inputJson() == null) {
            awaiting.add(new ReadyAgain(task, row.readyAt(), true));
          } else {
            ready.add(new ReadyAgain(task, readyAt(row, now), true));
          }
        }
        case RUNNING -> {
          if (flow.hasInstances(task)) {
            // Its instances were under way: FanOuts goes on with them.
            run.states[task] = TaskState.RUNNING;
            fanOuts.add(task);
            continue;
          }
          // RUNNING is written when an attempt begins: this one was cut short.
          interrupted.add(interrupted(task, row));
          ready.add(new ReadyAgain(task, now, false));
        }
        case PENDING -> planPending(run, task, absent, skipped, notTaken, ready, now);
      }
    }
    for (int task = 0; task < flow.taskCount(); task++) {
      int waiting = 0;
      for (int dependency : flow.dependencies(task)) {
        if (!run.states[dependency].hasOutput() && !joins(flow, absent, dependency, task)) {
          waiting++;
        }
      }
      run.waitingOn[task] = waiting;
    }
    for (int row = flow.taskCount(); row < flow.rowCount(); row++) {
      StoredTask handler = rows[row];
      if (handler == null) {
        continue;
      }
      run.states[row] = handler.state();
      if (handler.state() == TaskState.READY || handler.state() == TaskState.RUNNING) {
        // Only one handler runs at a time: this is the one that was under way.
        run.handlerUnderWay = row;
        run.states[row] = TaskState.PENDING;
        boolean cutShort = handler.state() == TaskState.RUNNING;
        if (cutShort) {
          interrupted.add(interrupted(row, handler));
        }
        ready.add(new ReadyAgain(row, cutShort ? now : readyAt(handler, now), !cutShort));
      }
    }
    instances.values().forEach(list -> list.sort(Comparator.comparingInt(StoredTask::index)));
    // An instance that failed did so before its task (or in the same commit), and the run's error
    // names it, as it did before the restart.
    for (List<StoredTask> list : instances.values()) {
      for (StoredTask row : list) {
        if (row.state() == TaskState.FAILED
            && (firstFailedAt == 0 || row.finishedAt() <= firstFailedAt)) {
          firstFailedAt = row.finishedAt();
          run.firstError = row.error();
        }
      }
    }
    return new Plan(run, skipped, notTaken, ready, interrupted, fanOuts, instances, awaiting);
  }

  /** The task that fans out whose instance the row {@code name} ({@code task[index]}) is, or -1. */
  private static int instanceOf(RegisteredFlow flow, String name) {
    String taskName = TaskKeys.instanceTask(name);
    int task = taskName == null ? -1 : flow.rowIndex(taskName);
    return task >= 0 && flow.hasInstances(task) ? task : -1;
  }

  static Interrupted interrupted(int row, StoredTask stored) {
    return new Interrupted(row, stored.attempt(), stored.startedAt(), stored.worker());
  }

  /**
   * A pending task is skipped behind a failure, not taken behind a branch not taken that it needs,
   * and ready when every dependency has its output or is a branch not taken that it joins. (A
   * branch decided against it is written with the decider's output, so is never found pending.)
   */
  private static void planPending(
      ActiveRun run,
      int task,
      boolean[] absent,
      List<Integer> skipped,
      List<Integer> notTaken,
      List<ReadyAgain> ready,
      long now) {
    boolean allSettled = true;
    boolean needsAbsent = false;
    for (int dependency : run.flow.dependencies(task)) {
      TaskState state = run.states[dependency];
      if (absent[dependency]) {
        needsAbsent |= !joins(run.flow, absent, dependency, task);
      } else if (state == TaskState.FAILED
          || state == TaskState.SKIPPED
          || state == TaskState.CANCELLED) {
        settle(run, task, TaskState.SKIPPED);
        skipped.add(task);
        return;
      } else {
        allSettled &= state.hasOutput();
      }
    }
    if (needsAbsent) {
      settle(run, task, TaskState.SKIPPED);
      absent[task] = true;
      notTaken.add(task);
    } else if (allSettled) {
      ready.add(new ReadyAgain(task, now, false));
    }
  }

  /** Whether {@code task} goes without {@code dependency}, a branch not taken, as a join does. */
  private static boolean joins(RegisteredFlow flow, boolean[] absent, int dependency, int task) {
    return absent[dependency] && flow.branches().runsWithout(dependency, task);
  }

  private static ActiveRun settle(ActiveRun run, int task, TaskState state) {
    run.states[task] = state;
    run.unfinished--;
    return run;
  }

  private static long readyAt(StoredTask row, long now) {
    return row.readyAt() > 0 ? row.readyAt() : now;
  }
}
