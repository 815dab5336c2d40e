package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.internal.store.StoredRun;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/** What the engine thread is asked to do; each is applied in the next group commit. */
sealed interface Command {

  /**
   * Fails whoever waits for this command, when the engine stops before committing it. Futures
   * callers chain their own code to are failed on {@code callbacks}, never on the failing thread.
   */
  default void fail(RuntimeException error, Executor callbacks) {}

  /**
   * Start a run. With {@code async}, {@code committed} is completed on a callback thread, since
   * callers chain their own code to it; otherwise on the engine thread. With a {@code key}, the
   * engine sets {@code existing} to the run of the flow that already has the key, if the store has
   * one, before the command is applied. {@code callerContext} is what an interceptor stores with
   * the run, null for nothing.
   */
  record StartRun(
      RegisteredFlow flow,
      RunId runId,
      String inputJson,
      String key,
      boolean async,
      boolean permit,
      CompletableFuture<Started> committed,
      String callerContext,
      AtomicReference<RunId> existing)
      implements Command {
    StartRun(
        RegisteredFlow flow,
        RunId runId,
        String inputJson,
        String key,
        boolean async,
        boolean permit,
        CompletableFuture<Started> committed,
        String callerContext) {
      this(
          flow,
          runId,
          inputJson,
          key,
          async,
          permit,
          committed,
          callerContext,
          new AtomicReference<>());
    }

    @Override
    public void fail(RuntimeException error, Executor callbacks) {
      if (async) {
        callbacks.execute(() -> committed.completeExceptionally(error));
      } else {
        committed.completeExceptionally(error);
      }
    }
  }

  /**
   * A start's answer: the run (new, or the existing one of its key) and, while this engine executes
   * it, how it will end.
   */
  record Started(RunId runId, RunCompletion completion) {}

  /**
   * Take up stored runs. {@code stillRunning} is filled by the engine thread right before it
   * applies the command: the runs among them the store still has RUNNING, so that one cancelled in
   * the store after the caller read it is not brought back.
   */
  record ResumeRuns(
      RegisteredFlow flow,
      List<StoredRun> runs,
      Set<Long> stillRunning,
      boolean retried,
      CompletableFuture<Integer> committed)
      implements Command {
    @Override
    public void fail(RuntimeException error, Executor callbacks) {
      committed.completeExceptionally(error);
    }
  }

  /**
   * Reopen the FAILED run {@code runSeq} for a retry (see {@link
   * dev.hypha.runtime.internal.store.WriteBatch#reopenRun}); {@code applied} tells, once committed,
   * whether it was still FAILED. The caller then resumes it.
   */
  record Reopen(RunId runId, long runSeq, CompletableFuture<Boolean> applied) implements Command {
    @Override
    public void fail(RuntimeException error, Executor callbacks) {
      applied.completeExceptionally(error);
    }
  }

  /**
   * An execution ended.
   *
   * @param startedAt when the worker began it, epoch microseconds
   * @param finishedAt when it ended, epoch microseconds
   */
  record Finished(Execution execution, long startedAt, long finishedAt, Outcome outcome)
      implements Command {}

  /**
   * Cancel a run; {@code applied} tells whether it was still going. {@code runSeq} is its key in
   * the store, to cancel it there if this engine does not execute it; -1 if unknown.
   */
  record Cancel(RunId runId, long runSeq, CompletableFuture<Boolean> applied) implements Command {
    @Override
    public void fail(RuntimeException error, Executor callbacks) {
      applied.completeExceptionally(error);
    }
  }

  /**
   * A signal to a run; {@code applied} tells whether it was recorded (false: the run has ended).
   * {@code runSeq} is its key in the store, to record it there if this engine does not execute it.
   */
  record Signal(
      RunId runId, long runSeq, String name, String json, CompletableFuture<Boolean> applied)
      implements Command {
    @Override
    public void fail(RuntimeException error, Executor callbacks) {
      applied.completeExceptionally(error);
    }
  }

  /** Claim no more tasks; complete {@code drained} once no execution is running. */
  record Drain(CompletableFuture<Void> drained) implements Command {
    @Override
    public void fail(RuntimeException error, Executor callbacks) {
      drained.completeExceptionally(error);
    }
  }

  /** A task threw a {@link VirtualMachineError}: the engine stops as after a crash. */
  record Fatal(String task, VirtualMachineError error) implements Command {}

  /** Wakes a parked engine: an attempt began and is to be recorded. */
  record Wake() implements Command {
    static final Wake INSTANCE = new Wake();
  }

  /** Leave the loop after this batch. */
  record Stop() implements Command {}
}
