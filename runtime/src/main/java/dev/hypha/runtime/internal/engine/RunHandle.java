package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.AwaitTimeoutException;
import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunCancelledException;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.UnknownRunException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A run handle. While this engine executes the run it waits on the run's {@link RunCompletion}
 * (never on its in-memory state, which it does not keep); otherwise it reads the store, polling
 * with a growing pause while another process works on the run.
 */
final class RunHandle<T> implements Run<T> {
  private final EmbeddedRuntime runtime;
  private final RegisteredFlow flow;
  private final RunId id;
  private final RunCompletion started;

  RunHandle(EmbeddedRuntime runtime, RegisteredFlow flow, RunId id, RunCompletion started) {
    this.runtime = runtime;
    this.flow = flow;
    this.id = id;
    this.started = started;
  }

  @Override
  public RunId id() {
    return id;
  }

  @Override
  public String flow() {
    return flow.name();
  }

  @Override
  public RunState state() {
    RunCompletion completion = completion();
    return completion != null ? completion.state : summary().state();
  }

  @Override
  public T await(Duration timeout) {
    return await(timeout.toNanos(), timeout);
  }

  @Override
  public T await() {
    return await(Long.MAX_VALUE, null);
  }

  private T await(long timeoutNanos, Duration timeout) {
    return ControlledTime.awaiting(runtime.clock(), () -> awaitNow(timeoutNanos, timeout));
  }

  private T awaitNow(long timeoutNanos, Duration timeout) {
    RunCompletion completion = completion();
    if (completion != null) {
      return awaitActive(completion, timeoutNanos, timeout);
    }
    return StoredEnd.await(id, this::summary, timeout, this::stored);
  }

  @Override
  public CompletableFuture<T> result() {
    RunCompletion completion = completion();
    CompletableFuture<T> result = new CompletableFuture<>();
    if (completion != null) {
      completion
          .finished()
          .whenCompleteAsync(
              (state, error) -> {
                try {
                  if (error != null) {
                    throw EngineErrors.unwrap(error);
                  }
                  result.complete(ended(completion, state));
                } catch (Throwable failed) {
                  result.completeExceptionally(failed);
                }
              },
              runtime.engine().callbacks());
    } else {
      runtime.poller().watch(this, result);
    }
    return result;
  }

  /**
   * One poll of a run executed elsewhere, for {@link #result()}: true once {@code result} is done.
   */
  boolean poll(CompletableFuture<T> result) {
    try {
      RunSummary summary = summary();
      if (!summary.state().isFinal()) {
        return false;
      }
      result.complete(stored(summary));
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return true;
  }

  @Override
  public Optional<T> resultNow() {
    RunCompletion completion = completion();
    if (completion != null) {
      return completion.state == RunState.SUCCEEDED
          ? Optional.ofNullable(runtime.decodeResult(flow, id, completion.resultJson))
          : Optional.empty();
    }
    return summary().state() == RunState.SUCCEEDED
        ? Optional.ofNullable(runtime.storedResult(flow, id))
        : Optional.empty();
  }

  @Override
  public RunDetail detail() {
    return runtime
        .detail(id)
        .orElseThrow(() -> new UnknownRunException(id, "in " + runtime.store().location()));
  }

  @Override
  public boolean cancel() {
    return runtime.cancel(id);
  }

  private T awaitActive(RunCompletion completion, long timeoutNanos, Duration timeout) {
    RunState state;
    try {
      state = completion.finished().get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AwaitTimeoutException(id, RunState.RUNNING, timeout);
    } catch (ExecutionException e) {
      throw EngineErrors.unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HyphaException("interrupted while awaiting run " + id + "; it goes on", e);
    }
    return ended(completion, state);
  }

  private T ended(RunCompletion completion, RunState state) {
    return switch (state) {
      case SUCCEEDED -> runtime.decodeResult(flow, id, completion.resultJson);
      case FAILED -> throw new RunFailedException(id, flow.name(), completion.firstError);
      case CANCELLED -> throw new RunCancelledException(id);
      case RUNNING -> throw new HyphaException("run " + id + " completed while RUNNING; a bug");
    };
  }

  private T stored(RunSummary summary) {
    return StoredEnd.of(summary, () -> runtime.storedResult(flow, id), this::detail);
  }

  private RunCompletion completion() {
    if (started != null) {
      return started;
    }
    ActiveRun run = runtime.engine().active(id);
    return run == null ? null : run.completion;
  }

  private RunSummary summary() {
    return runtime
        .store()
        .summary(id)
        .orElseThrow(() -> new UnknownRunException(id, "in " + runtime.store().location()));
  }
}
