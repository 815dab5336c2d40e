package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.internal.store.StoredRun;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** What the engine thread is asked to do; each is applied in the next group commit. */
sealed interface Command {

  /**
   * Fails whoever waits for this command, when the engine stops before committing it. Futures
   * callers chain their own code to are failed on {@code callbacks}, never on the failing thread.
   */
  default void fail(HyphaException error, Executor callbacks) {}

  /**
   * Start a run. With {@code async}, {@code committed} is completed on a callback thread, since
   * callers chain their own code to it; otherwise on the effects thread.
   */
  record StartRun(
      RegisteredFlow flow,
      RunId runId,
      String inputJson,
      boolean async,
      CompletableFuture<ActiveRun> committed)
      implements Command {
    @Override
    public void fail(HyphaException error, Executor callbacks) {
      if (async) {
        callbacks.execute(() -> committed.completeExceptionally(error));
      } else {
        committed.completeExceptionally(error);
      }
    }
  }

  record ResumeRuns(RegisteredFlow flow, List<StoredRun> runs, CompletableFuture<Integer> committed)
      implements Command {
    @Override
    public void fail(HyphaException error, Executor callbacks) {
      committed.completeExceptionally(error);
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
    public void fail(HyphaException error, Executor callbacks) {
      applied.completeExceptionally(error);
    }
  }

  /** Claim no more tasks; complete {@code drained} once no execution is running. */
  record Drain(CompletableFuture<Void> drained) implements Command {
    @Override
    public void fail(HyphaException error, Executor callbacks) {
      drained.completeExceptionally(error);
    }
  }

  /** Leave the loop after this batch. */
  record Stop() implements Command {}
}
