package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.json.JsonCodec;
import dev.hypha.runtime.internal.store.Micros;
import dev.hypha.runtime.internal.store.StoredSignal;
import dev.hypha.runtime.internal.store.TaskWrite;
import java.util.List;
import java.util.Map;

/**
 * External signals on the engine thread: a run keeps the signals sent to it in the order they came;
 * a task whose dependencies are done takes the first of its signal's name that its condition
 * accepts, at once if one came before, else when one comes, or runs without one when its timeout
 * passes. A signal is not used up: every task waiting for its name may take it. The payload a task
 * took is written to its row (its {@code input_json}), so a restart hands it the same one.
 */
final class Signals {
  /** A signal sent to a run: its name and its payload's JSON. */
  record Received(String name, String json) implements Map.Entry<String, String> {
    @Override
    public String getKey() {
      return name;
    }

    @Override
    public String getValue() {
      return json;
    }

    @Override
    public String setValue(String value) {
      throw new UnsupportedOperationException("a received signal does not change");
    }
  }

  private final Scheduler scheduler;

  Signals(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Loads the stored signals of a run taken up after a restart, before its tasks are planned. */
  static void restore(ActiveRun run, List<StoredSignal> stored) {
    if (run.signals != null) {
      stored.forEach(signal -> run.signals.add(new Received(signal.name(), signal.payloadJson())));
    }
  }

  /**
   * A signal to {@code run}, which this engine executes: recorded with the batch, and taken by the
   * tasks that wait for it now and accept it.
   */
  void arrived(ActiveRun run, String name, String json) {
    Batch batch = scheduler.batch();
    batch.writes.insertSignal(run.seq, name, json, batch.now);
    run.signals.add(new Received(name, json));
    for (int task : run.flow.descriptor().waitingFor(name)) {
      if (waits(run, task) && accepts(run, task, json)) {
        take(run, task, json);
      }
    }
  }

  /**
   * Task {@code task}'s dependencies are done at {@code readyAt}: it takes the first signal it
   * accepts that came already, or waits for one (until its timeout, if it has one).
   */
  void reached(ActiveRun run, int task, long readyAt) {
    run.states[task] = TaskState.READY;
    String json = firstAccepted(run, task);
    Batch batch = scheduler.batch();
    if (json != null) {
      run.signalPayloads[task] = json;
      batch.write(run, task, TaskState.READY).readyAt(readyAt).input(json);
      batch.taskEvent(run, task, TaskState.READY, readyAt, null);
      scheduler.enqueue(run, task, readyAt);
      return;
    }
    TaskWrite write = batch.write(run, task, TaskState.READY);
    long due = due(run, task, readyAt);
    if (due > 0) {
      // The row's ready_at is when the wait ends without a signal, as for a delay.
      write.readyAt(due);
    }
    batch.taskEvent(run, task, TaskState.READY, due > 0 ? due : readyAt, null);
    await(run, task, due);
  }

  /**
   * After a restart: task {@code task} was waiting, READY in the store with the due time {@code
   * due} (0 for none). A signal that came while the run was not executed here is taken now.
   */
  void resumeWait(ActiveRun run, int task, long due) {
    run.states[task] = TaskState.READY;
    await(run, task, due);
    String json = firstAccepted(run, task);
    if (json != null) {
      take(run, task, json);
    }
  }

  /** Whether {@code task} still waits for its signal: ready, not begun, and without one. */
  private static boolean waits(ActiveRun run, int task) {
    return run.states[task] == TaskState.READY
        && run.attempts[task] == 0
        && run.signalPayloads[task] == null;
  }

  private void await(ActiveRun run, int task, long due) {
    run.awaitingSignal[task] = true;
    if (due > 0) {
      scheduler.waitUntil(run, task, due);
    }
  }

  /** The row takes the signal {@code json}: it is written with it, and queued if it waited. */
  private void take(ActiveRun run, int task, String json) {
    Batch batch = scheduler.batch();
    run.signalPayloads[task] = json;
    batch.write(run, task, TaskState.READY).readyAt(batch.now).input(json);
    if (run.awaitingSignal[task]) {
      // Otherwise its timeout passed and it is queued already: it runs with the signal all the
      // same.
      run.awaitingSignal[task] = false;
      scheduler.stopWaiting(run, task);
      batch.taskEvent(run, task, TaskState.READY, batch.now, null);
      scheduler.enqueue(run, task, batch.now);
    }
  }

  /** When {@code task}'s wait that began at {@code from} ends without a signal, 0 for never. */
  private static long due(ActiveRun run, int task, long from) {
    return run.flow
        .signalWait(task)
        .timeout()
        .map(timeout -> Math.max(from + Micros.of(timeout), from + 1))
        .orElse(0L);
  }

  private String firstAccepted(ActiveRun run, int task) {
    return SignalPayloads.firstAccepted(
        codec(), run.flow.signalWait(task), run.id, run.rowName(task), run.signals);
  }

  private boolean accepts(ActiveRun run, int task, String json) {
    return SignalPayloads.accepts(
        codec(), run.flow.signalWait(task), run.id, run.rowName(task), json);
  }

  private JsonCodec codec() {
    return scheduler.results().outputs().codec();
  }
}
