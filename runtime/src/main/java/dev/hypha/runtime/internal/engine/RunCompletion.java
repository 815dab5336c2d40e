package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskError;
import java.util.concurrent.CompletableFuture;

/**
 * How a run this engine executes ended: what a run handle keeps, instead of the run's whole
 * in-memory state, so a handle a user holds on to does not hold every output of its run. Completed
 * by the engine thread after the run's end is committed; its future is only waited on, never
 * chained to by user code (which gets futures completed on a callback thread).
 */
final class RunCompletion {
  private final CompletableFuture<RunState> finished = new CompletableFuture<>();

  /** RUNNING until the end is committed. */
  volatile RunState state = RunState.RUNNING;

  /** The stored result, set before the run completes SUCCEEDED. */
  volatile String resultJson;

  /** The run's first failure, set before it completes FAILED. */
  volatile TaskError firstError;

  CompletableFuture<RunState> finished() {
    return finished;
  }

  void complete(RunState end) {
    state = end;
    finished.complete(end);
  }

  void fail(RuntimeException error) {
    finished.completeExceptionally(error);
  }
}
