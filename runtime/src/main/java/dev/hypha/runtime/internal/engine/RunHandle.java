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
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.UnknownRunException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A run handle. While the run is active in this process it waits on the engine's in-memory
 * completion; otherwise it reads the store, polling while another process works on the run.
 */
final class RunHandle<T> implements Run<T> {
  private static final long MAX_POLL_MILLIS = 200;

  private final EmbeddedRuntime runtime;
  private final RegisteredFlow flow;
  private final RunId id;
  private final ActiveRun started;

  RunHandle(EmbeddedRuntime runtime, RegisteredFlow flow, RunId id, ActiveRun started) {
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
    ActiveRun run = activeRun();
    return run != null ? run.state : summary().state();
  }

  @Override
  public T await(Duration timeout) {
    ActiveRun run = activeRun();
    if (run != null) {
      return awaitActive(run, timeout);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    long pause = 5;
    while (true) {
      RunSummary summary = summary();
      if (summary.state().isFinal()) {
        return outcome(summary);
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AwaitTimeoutException(id, summary.state(), timeout);
      }
      sleep(Math.min(pause, TimeUnit.NANOSECONDS.toMillis(left) + 1));
      pause = Math.min(MAX_POLL_MILLIS, pause * 2);
    }
  }

  @Override
  public Optional<T> result() {
    ActiveRun run = activeRun();
    if (run != null && run.state == RunState.SUCCEEDED) {
      return Optional.ofNullable(cast(runtime.resultOf(run)));
    }
    if (run != null) {
      return Optional.empty();
    }
    return summary().state() == RunState.SUCCEEDED
        ? Optional.ofNullable(cast(runtime.storedResult(flow, id)))
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

  private T awaitActive(ActiveRun run, Duration timeout) {
    RunState state;
    try {
      state = run.finished.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new AwaitTimeoutException(id, RunState.RUNNING, timeout);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof HyphaException hypha
          ? hypha
          : new HyphaException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HyphaException("interrupted while awaiting run " + id, e);
    }
    return switch (state) {
      case SUCCEEDED -> cast(runtime.resultOf(run));
      case FAILED -> throw new RunFailedException(id, flow.name(), run.firstError);
      case CANCELLED -> throw new RunCancelledException(id);
      case RUNNING -> throw new IllegalStateException("run " + id + " completed while RUNNING");
    };
  }

  private T outcome(RunSummary summary) {
    return switch (summary.state()) {
      case SUCCEEDED -> cast(runtime.storedResult(flow, id));
      case FAILED -> throw new RunFailedException(id, flow.name(), storedError(summary));
      case CANCELLED -> throw new RunCancelledException(id);
      case RUNNING -> throw new IllegalStateException("run " + id + " is not over");
    };
  }

  /** The run's first error with its stack trace, which only the task row holds. */
  private TaskError storedError(RunSummary summary) {
    TaskError error =
        summary.error().orElse(new TaskError("?", "unknown", "no error was recorded", ""));
    return detail().task(error.task()).flatMap(task -> task.error()).orElse(error);
  }

  private ActiveRun activeRun() {
    return started != null ? started : runtime.engine().active(id);
  }

  private RunSummary summary() {
    return runtime
        .store()
        .summary(id)
        .orElseThrow(() -> new UnknownRunException(id, "in " + runtime.store().location()));
  }

  @SuppressWarnings("unchecked")
  private T cast(Object value) {
    return (T) value;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HyphaException("interrupted while awaiting a run", e);
    }
  }
}
