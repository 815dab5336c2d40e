package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.RunEvent;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskEvent;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.store.Micros;
import dev.hypha.runtime.internal.store.StoredRun;
import dev.hypha.runtime.internal.store.TaskWrite;
import dev.hypha.runtime.internal.store.WriteBatch;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The state machine of runs and tasks: what each command changes in memory and which rows it
 * writes. It runs on the engine thread only and never touches the store itself; the engine commits
 * the {@link Batch} it fills and then carries out the batch's dispatches and acknowledgements.
 */
final class Scheduler {
  private final Clock clock;
  private final String workerId;
  private final boolean events;
  private final ArrayDeque<ReadyTask> ready = new ArrayDeque<>();
  private final Batch batch = new Batch();
  private int freeSlots;
  private long lastRunSeq;
  private int running;
  private CompletableFuture<Void> drained;

  Scheduler(Clock clock, String workerId, int maxInFlight, boolean events, long lastRunSeq) {
    this.lastRunSeq = lastRunSeq;
    this.clock = clock;
    this.workerId = workerId;
    this.freeSlots = maxInFlight;
    this.events = events;
  }

  /** Starts the next batch. The returned batch is reused: it is only valid until the next call. */
  Batch begin() {
    batch.reset(Micros.of(clock.instant()));
    return batch;
  }

  void apply(Command command, Batch batch, Map<RunId, ActiveRun> active) {
    if (command instanceof Command.TaskFinished finished) {
      finished(finished, batch);
    } else if (command instanceof Command.StartRun start) {
      start(start, batch);
    } else if (command instanceof Command.ResumeRuns resume) {
      resume(resume, batch, active);
    } else if (command instanceof Command.Drain drain) {
      drained = drain.drained();
    }
  }

  /**
   * Claims ready tasks, oldest first, while fewer than the in-flight limit are claimed, and records
   * the rest as READY. A claimed task is RUNNING: its execution may wait for a worker thread a
   * moment, and its row gets the real start time when it finishes. Claiming more tasks than there
   * are threads is what lets one commit carry many transitions.
   */
  void claim(Batch batch) {
    while (drained == null && freeSlots > 0 && !ready.isEmpty()) {
      ReadyTask next = ready.poll();
      ActiveRun run = next.run;
      int task = next.task;
      if (run.states[task] != TaskState.READY) {
        continue;
      }
      run.states[task] = TaskState.RUNNING;
      int attempt = ++run.attempts[task];
      TaskWrite write =
          write(batch, run, task, TaskState.RUNNING)
              .attempt(attempt)
              .startedAt(batch.now)
              .worker(workerId);
      if (!next.persisted) {
        write.readyAt(next.readyAt);
        next.persisted = true;
      }
      freeSlots--;
      running++;
      batch.dispatches.add(new Dispatch(run, task, attempt));
      taskEvent(batch, run, task, TaskState.RUNNING, batch.now, null);
    }
    for (ReadyTask waiting : batch.newlyReady) {
      if (!waiting.persisted && waiting.run.states[waiting.task] == TaskState.READY) {
        write(batch, waiting.run, waiting.task, TaskState.READY).readyAt(waiting.readyAt);
        waiting.persisted = true;
        taskEvent(batch, waiting.run, waiting.task, TaskState.READY, waiting.readyAt, null);
      }
    }
    if (drained != null && running == 0) {
      CompletableFuture<Void> done = drained;
      batch.acks.add(() -> done.complete(null));
    }
  }

  private void start(Command.StartRun start, Batch batch) {
    ActiveRun run = new ActiveRun(start.runId(), ++lastRunSeq, start.flow(), start.inputJson());
    FlowDescriptor flow = run.flow.descriptor();
    batch.writes.insertRun(
        run.id,
        run.seq,
        flow.name(),
        flow.shapeHash(),
        run.inputJson,
        batch.now,
        run.states.length);
    // Task rows are written when a task leaves PENDING: a run's first commit holds its run row and
    // the claims of its first tasks, which is what lets a task cost one insert and one update.
    for (int task = 0; task < run.states.length; task++) {
      if (run.waitingOn[task] == 0) {
        markReady(batch, run, task, batch.now, false);
      }
    }
    batch.startedRuns.add(run);
    batch.acks.add(() -> start.committed().complete(run));
    runEvent(batch, run, RunState.RUNNING);
  }

  private void finished(Command.TaskFinished result, Batch batch) {
    running--;
    freeSlots++;
    ActiveRun run = result.run();
    int task = result.task();
    if (run.states[task] != TaskState.RUNNING || run.attempts[task] != result.attempt()) {
      return;
    }
    FlowDescriptor flow = run.flow.descriptor();
    if (result.error() == null) {
      run.states[task] = TaskState.SUCCEEDED;
      run.outputs[task] = result.outputJson();
      write(batch, run, task, TaskState.SUCCEEDED)
          .startedAt(result.startedAt())
          .finishedAt(result.finishedAt())
          .output(result.outputJson());
      taskEvent(batch, run, task, TaskState.SUCCEEDED, result.finishedAt(), null);
      for (int dependent : flow.dependents(task)) {
        if (--run.waitingOn[dependent] == 0 && run.states[dependent] == TaskState.PENDING) {
          markReady(batch, run, dependent, result.finishedAt(), false);
        }
      }
    } else {
      TaskError error = result.error();
      run.states[task] = TaskState.FAILED;
      write(batch, run, task, TaskState.FAILED)
          .startedAt(result.startedAt())
          .finishedAt(result.finishedAt())
          .error(error.type(), error.message(), error.stackTrace());
      taskEvent(batch, run, task, TaskState.FAILED, result.finishedAt(), error);
      if (run.firstError == null) {
        run.firstError = error;
      }
      skipDependents(batch, run, task, result.finishedAt());
    }
    run.unfinished--;
    endIfDone(batch, run);
  }

  /** A failed task's dependents can never run: they are SKIPPED, transitively. */
  private void skipDependents(Batch batch, ActiveRun run, int failed, long at) {
    ArrayDeque<Integer> toVisit = new ArrayDeque<>();
    toVisit.push(failed);
    while (!toVisit.isEmpty()) {
      for (int dependent : run.flow.descriptor().dependents(toVisit.pop())) {
        if (run.states[dependent] == TaskState.PENDING) {
          run.states[dependent] = TaskState.SKIPPED;
          run.unfinished--;
          write(batch, run, dependent, TaskState.SKIPPED).finishedAt(at);
          taskEvent(batch, run, dependent, TaskState.SKIPPED, at, null);
          toVisit.push(dependent);
        }
      }
    }
  }

  private void endIfDone(Batch batch, ActiveRun run) {
    if (run.unfinished > 0 || run.endState != null) {
      return;
    }
    if (run.firstError == null) {
      run.endState = RunState.SUCCEEDED;
      batch.writes.finishRun(
          run.seq, RunState.SUCCEEDED, resultJson(run), null, null, null, batch.now);
    } else {
      run.endState = RunState.FAILED;
      TaskError error = run.firstError;
      batch.writes.finishRun(
          run.seq, RunState.FAILED, null, error.task(), error.type(), error.message(), batch.now);
    }
    batch.endedRuns.add(run);
    runEvent(batch, run, run.endState);
  }

  /** The stored result: the single result task's output, or an object of all of them by name. */
  private static String resultJson(ActiveRun run) {
    int[] resultTasks = run.flow.resultTasks();
    if (resultTasks.length == 0) {
      return "null";
    }
    if (resultTasks.length == 1) {
      return run.outputs[resultTasks[0]];
    }
    StringBuilder json = new StringBuilder("{");
    for (int task : resultTasks) {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append('"').append(run.taskName(task)).append("\":").append(run.outputs[task]);
    }
    return json.append('}').toString();
  }

  private void resume(Command.ResumeRuns resume, Batch batch, Map<RunId, ActiveRun> active) {
    int resumed = 0;
    for (StoredRun stored : resume.runs()) {
      if (active.containsKey(stored.runId())) {
        continue;
      }
      Recovery.Plan plan = Recovery.plan(resume.flow(), stored, batch.now);
      if (plan != null) {
        resumeRun(batch, plan);
        resumed++;
      }
    }
    int count = resumed;
    batch.acks.add(() -> resume.committed().complete(count));
  }

  private void resumeRun(Batch batch, Recovery.Plan plan) {
    ActiveRun run = plan.run();
    for (int task : plan.skipped()) {
      write(batch, run, task, TaskState.SKIPPED).finishedAt(batch.now);
      taskEvent(batch, run, task, TaskState.SKIPPED, batch.now, null);
    }
    for (Recovery.ReadyAgain task : plan.ready()) {
      markReady(batch, run, task.task(), task.readyAt(), task.persisted());
    }
    batch.startedRuns.add(run);
    endIfDone(batch, run);
  }

  private void markReady(Batch batch, ActiveRun run, int task, long readyAt, boolean persisted) {
    run.states[task] = TaskState.READY;
    ReadyTask entry = new ReadyTask(run, task, readyAt, persisted);
    ready.add(entry);
    if (!persisted) {
      batch.newlyReady.add(entry);
    }
  }

  /**
   * The write of this batch for a task row, merged with any earlier one of the same batch: an
   * insert when the task has no row yet, an update otherwise.
   */
  private static TaskWrite write(Batch batch, ActiveRun run, int task, TaskState state) {
    if (run.pendingEpoch[task] == batch.epoch) {
      return run.pending[task].state(state);
    }
    TaskWrite write;
    if (run.stored[task]) {
      write = batch.writes.updateTask(run.seq, task, state);
    } else {
      write =
          batch.writes.insertTask(
              run.seq, task, run.taskName(task), run.flow.descriptor().task(task).queue(), state);
      run.stored[task] = true;
    }
    run.pending[task] = write;
    run.pendingEpoch[task] = batch.epoch;
    return write;
  }

  private void taskEvent(
      Batch batch, ActiveRun run, int task, TaskState state, long at, TaskError error) {
    if (events) {
      batch.events.add(
          new TaskEvent(
              run.id,
              run.flow.name(),
              run.taskName(task),
              state,
              run.attempts[task],
              Micros.toInstant(at),
              Optional.ofNullable(error)));
    }
  }

  private void runEvent(Batch batch, ActiveRun run, RunState state) {
    if (events) {
      batch.events.add(
          new RunEvent(
              run.id,
              run.flow.name(),
              state,
              Micros.toInstant(batch.now),
              Optional.ofNullable(state == RunState.FAILED ? run.firstError : null)));
    }
  }

  /** A task whose dependencies all succeeded, waiting for a worker slot. */
  private static final class ReadyTask {
    final ActiveRun run;
    final int task;
    final long readyAt;
    boolean persisted;

    ReadyTask(ActiveRun run, int task, long readyAt, boolean persisted) {
      this.run = run;
      this.task = task;
      this.readyAt = readyAt;
      this.persisted = persisted;
    }
  }

  /** A claimed task, to hand to a worker once the claim is committed. */
  record Dispatch(ActiveRun run, int task, int attempt) {}

  /** Everything one group commit writes and then does. Reused from batch to batch. */
  static final class Batch {
    final WriteBatch writes = new WriteBatch();
    final List<ActiveRun> startedRuns = new ArrayList<>();
    final List<ActiveRun> endedRuns = new ArrayList<>();
    final List<Dispatch> dispatches = new ArrayList<>();
    final List<ReadyTask> newlyReady = new ArrayList<>();
    final List<Runnable> acks = new ArrayList<>();
    final List<Object> events = new ArrayList<>();
    long epoch;
    long now;

    void reset(long now) {
      writes.clear();
      startedRuns.clear();
      endedRuns.clear();
      dispatches.clear();
      newlyReady.clear();
      acks.clear();
      events.clear();
      epoch++;
      this.now = now;
    }

    WriteBatch writes() {
      return writes;
    }

    List<ActiveRun> startedRuns() {
      return startedRuns;
    }

    List<ActiveRun> endedRuns() {
      return endedRuns;
    }

    List<Dispatch> dispatches() {
      return dispatches;
    }

    List<Object> events() {
      return events;
    }

    List<Runnable> acks() {
      return acks;
    }

    boolean hasEffects() {
      return !startedRuns.isEmpty()
          || !dispatches.isEmpty()
          || !endedRuns.isEmpty()
          || !acks.isEmpty()
          || !events.isEmpty();
    }
  }
}
