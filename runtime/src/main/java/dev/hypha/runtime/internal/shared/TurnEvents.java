package dev.hypha.runtime.internal.shared;

import dev.hypha.runtime.AttemptEvent;
import dev.hypha.runtime.RunEvent;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskEvent;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.engine.Listeners;
import dev.hypha.runtime.internal.store.Micros;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The events of one worker turn, collected while its transaction is built and handed to this
 * process's listeners once it committed; dropped when it did not (its completions are tried again
 * and announce themselves then). Used by the worker's loop thread only. With nobody listening it
 * builds nothing, so a worker pays for events only when they are heard.
 */
final class TurnEvents {
  private final Listeners listeners;
  private final List<Object> events = new ArrayList<>();
  private boolean recording;

  TurnEvents(Listeners listeners) {
    this.listeners = listeners;
  }

  /** Starts a turn's transaction (again, when a store retries it): nothing collected yet. */
  void begin() {
    events.clear();
    recording = listeners.enabled();
  }

  /** The turn committed: its events go to the listeners. */
  void committed() {
    if (!events.isEmpty()) {
      listeners.publish(events);
      events.clear();
    }
  }

  /** Whether a slow listener has this process's events piling up: claim nothing new meanwhile. */
  boolean behind() {
    return listeners.backlog() > Listeners.HIGH_WATER;
  }

  /** A task was claimed by this turn: RUNNING, as the store records it from its claim. */
  void claimed(Assignment task, long at) {
    if (recording) {
      task(task, TaskState.RUNNING, at, null);
    }
  }

  /** An attempt that returned was recorded: it SUCCEEDED. */
  void succeeded(Assignment task, long startedAt, long finishedAt) {
    if (recording) {
      attempt(task, startedAt, finishedAt, AttemptEvent.Outcome.SUCCEEDED, null);
      task(task, TaskState.SUCCEEDED, finishedAt, null);
    }
  }

  /** An attempt that threw (or ran too long) was recorded, and the task is READY again at due. */
  void retried(
      Assignment task,
      long startedAt,
      long finishedAt,
      boolean timedOut,
      TaskError error,
      long due) {
    if (recording) {
      attempt(task, startedAt, finishedAt, outcome(timedOut), error);
      task(task, TaskState.READY, due, error);
    }
  }

  /** An attempt that threw (or ran too long) was recorded, and the task FAILED. */
  void failed(Assignment task, long startedAt, long finishedAt, boolean timedOut, TaskError error) {
    if (recording) {
      attempt(task, startedAt, finishedAt, outcome(timedOut), error);
      task(task, TaskState.FAILED, finishedAt, error);
    }
  }

  /** A run was started by a task of this turn (a sub-flow's child run). */
  void runStarted(RunId run, String flow, long at) {
    if (recording) {
      events.add(new RunEvent(run, flow, RunState.RUNNING, Micros.toInstant(at), Optional.empty()));
    }
  }

  /** A run ended in this turn. */
  void runEnded(RunId run, String flow, RunState state, TaskError error, long at) {
    if (recording) {
      events.add(new RunEvent(run, flow, state, Micros.toInstant(at), Optional.ofNullable(error)));
    }
  }

  private void attempt(
      Assignment task,
      long startedAt,
      long finishedAt,
      AttemptEvent.Outcome outcome,
      TaskError error) {
    events.add(
        new AttemptEvent(
            task.runId,
            task.flow(),
            task.task(),
            TaskKind.TASK,
            task.attempt(),
            Micros.toInstant(startedAt > 0 ? startedAt : finishedAt),
            Micros.toInstant(finishedAt),
            outcome,
            Optional.ofNullable(error)));
  }

  private void task(Assignment task, TaskState state, long at, TaskError error) {
    events.add(
        new TaskEvent(
            task.runId,
            task.flow(),
            task.task(),
            state,
            task.attempt(),
            Micros.toInstant(at),
            Optional.ofNullable(error)));
  }

  private static AttemptEvent.Outcome outcome(boolean timedOut) {
    return timedOut ? AttemptEvent.Outcome.TIMED_OUT : AttemptEvent.Outcome.FAILED;
  }
}
