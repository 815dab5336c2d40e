package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.internal.store.TaskKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Sub-flows on the engine thread: a task whose method returned a {@code SubFlow} starts its child
 * run (or finds the one a repeated attempt started, by the key {@code <parent id>/<task>}), and its
 * row stays RUNNING, recording the child's id, until the child ends; then the task succeeds with
 * the child's result, or fails with its error. No thread waits meanwhile. Cancelling the parent
 * cancels its children.
 */
final class Children {
  /** The parent's row that waits for a child run. */
  record Parent(ActiveRun run, int row) {}

  /**
   * What a worker prepared for the child of a task: its flow (bound here), a new id, its input, its
   * key, and the run of that key if one was started already.
   */
  record Start(
      RegisteredFlow flow,
      RunId newId,
      String inputJson,
      String key,
      RunId existing,
      String callerContext) {}

  private final Scheduler scheduler;

  /**
   * Parents waiting for a child run that is in flight in the store but not executed here yet (its
   * flow not bound since a restart): linked when the child is taken up.
   */
  private final Map<RunId, Parent> awaiting = new HashMap<>();

  Children(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /** Row {@code row} of {@code run} returned a sub-flow: its child starts, or is found again. */
  void start(ActiveRun run, int row, Start start) {
    Batch batch = scheduler.batch();
    RunId childId = start.existing();
    if (childId == null) {
      CompletableFuture<Command.Started> started = new CompletableFuture<>();
      scheduler
          .intake()
          .start(
              new Command.StartRun(
                  start.flow(),
                  start.newId(),
                  start.inputJson(),
                  start.key(),
                  false,
                  false,
                  started,
                  start.callerContext()));
      // The run of the key in this batch: this one, or one a start earlier in the batch made.
      childId = scheduler.intake().startedWithKey(start.flow(), start.key()).orElse(start.newId());
    }
    run.children[row] = childId;
    batch.write(run, row, TaskState.RUNNING).input(TaskKeys.childJson(childId));
    ActiveRun child = scheduler.runs().get(childId);
    if (child != null) {
      child.parent = new Parent(run, row);
      return;
    }
    for (ActiveRun ended : batch.endedRuns) {
      if (ended.id.equals(childId)) {
        childEnded(run, row, ended.id, ended.flow.name(), ended.endState, ended.completion);
        return;
      }
    }
    // Started before, and not executed here: over, or of a shape this process does not run.
    Optional<RunDetail> stored = scheduler.results().outputs().detail(childId);
    if (stored.isPresent() && stored.get().state().isFinal()) {
      RunSummary over = stored.get().summary();
      RunCompletion completion = new RunCompletion();
      completion.resultJson = stored.get().resultJson().orElse(null);
      completion.firstError = over.error().orElse(null);
      childEnded(run, row, childId, over.flow(), over.state(), completion);
      return;
    }
    // In flight in the store: its flow is not bound here yet (after a restart), or is bound with
    // another shape. The task waits for it, and is linked when the child is taken up.
    awaiting.put(childId, new Parent(run, row));
  }

  /** Run {@code run} was taken up after a restart: a parent waiting for it is linked. */
  void resumed(ActiveRun run) {
    Parent parent = awaiting.remove(run.id);
    if (parent != null) {
      run.parent = parent;
    }
  }

  /** Run {@code child} ended: the task that started it ends too. */
  void ended(ActiveRun child) {
    Parent parent = child.parent;
    if (parent != null) {
      childEnded(
          parent.run(),
          parent.row(),
          child.id,
          child.flow.name(),
          child.endState,
          child.completion);
    }
  }

  private void childEnded(
      ActiveRun run,
      int row,
      RunId childId,
      String childFlow,
      RunState state,
      RunCompletion completion) {
    if (run.phase == ActiveRun.Phase.ENDED || run.states[row] != TaskState.RUNNING) {
      return; // cancelled, or its run's deadline passed, before the child ended
    }
    run.children[row] = null;
    Batch batch = scheduler.batch();
    switch (state) {
      case SUCCEEDED -> {
        String json = completion.resultJson;
        int[] notTaken = scheduler.notTaken(run, row, json);
        scheduler.succeed(run, row, json, notTaken);
      }
      default ->
          scheduler.fail(
              run,
              row,
              SubFlows.childFailed(
                  run.rowName(row), childId, childFlow, state, completion.firstError),
              0,
              batch.now);
    }
  }

  /** The parent {@code run} is cancelled or out of time: its children are cancelled too. */
  void cancelChildren(ActiveRun run) {
    if (run.children == null) {
      return;
    }
    for (int row = 0; row < run.children.length; row++) {
      RunId childId = run.children[row];
      if (childId == null) {
        continue;
      }
      run.children[row] = null;
      awaiting.remove(childId);
      ActiveRun child = scheduler.runs().get(childId);
      if (child != null) {
        child.parent = null;
        scheduler.stops().cancel(child);
      } else {
        // Not executed here: cancelled in the store, as hypha.cancel(id) does.
        scheduler
            .results()
            .outputs()
            .runSeq(childId)
            .ifPresent(seq -> scheduler.stops().cancelStored(seq));
      }
    }
  }
}
