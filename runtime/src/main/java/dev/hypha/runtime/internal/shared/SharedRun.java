package dev.hypha.runtime.internal.shared;

import dev.hypha.runtime.CorruptRecordException;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.UnknownRunException;
import dev.hypha.runtime.internal.engine.StoredEnd;
import dev.hypha.runtime.internal.store.Store;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A handle on a run of a shared store, which some worker executes (maybe in this process, maybe
 * not): it reads the store, polling with a growing pause while the run goes on.
 */
final class SharedRun<T> implements Run<T> {
  private final SharedRuntime runtime;
  private final SharedFlow flow;
  private final RunId id;

  SharedRun(SharedRuntime runtime, SharedFlow flow, RunId id) {
    this.runtime = runtime;
    this.flow = flow;
    this.id = id;
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
    return summary().state();
  }

  @Override
  public T await(Duration timeout) {
    return awaitEnding(timeout);
  }

  @Override
  public T await() {
    return awaitEnding(null);
  }

  /** Each look reads the run's row with its result, so the look that sees it ended is the last. */
  private T awaitEnding(Duration timeout) {
    return dev.hypha.runtime.internal.engine.ControlledTime.awaiting(
        runtime.clock(), () -> awaitNow(timeout));
  }

  private T awaitNow(Duration timeout) {
    Store.Ending[] last = new Store.Ending[1];
    return StoredEnd.await(
        id,
        () -> {
          last[0] = ending();
          return last[0].summary();
        },
        timeout,
        summary -> ended(last[0]));
  }

  @Override
  public CompletableFuture<T> result() {
    CompletableFuture<T> result = new CompletableFuture<>();
    runtime
        .watcher()
        .watch(
            result,
            () -> {
              Store.Ending ending;
              try {
                ending = ending();
              } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return true;
              }
              if (!ending.summary().state().isFinal()) {
                return false;
              }
              // On the callback executor: code chained to the future must not hold up the one
              // thread that watches every run.
              complete(result, ending);
              return true;
            });
    return result;
  }

  private void complete(CompletableFuture<T> result, Store.Ending ending) {
    try {
      runtime
          .callbacks()
          .execute(
              () -> {
                try {
                  result.complete(ended(ending));
                } catch (RuntimeException e) {
                  result.completeExceptionally(e);
                }
              });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // A given executor that refuses: the result is not lost, it completes here.
      try {
        result.complete(ended(ending));
      } catch (RuntimeException failure) {
        result.completeExceptionally(failure);
      }
    }
  }

  @Override
  public Optional<T> resultNow() {
    Store.Ending ending = ending();
    return ending.summary().state() == RunState.SUCCEEDED
        ? Optional.ofNullable(decoded(ending.resultJson()))
        : Optional.empty();
  }

  @Override
  public RunDetail detail() {
    return runtime
        .store()
        .detail(id)
        .orElseThrow(() -> new UnknownRunException(id, "in " + runtime.location()));
  }

  @Override
  public boolean cancel() {
    return runtime.cancel(id);
  }

  private T ended(Store.Ending ending) {
    return StoredEnd.of(ending.summary(), () -> decoded(ending.resultJson()), this::detail);
  }

  /** The run's stored result, read as the flow's result type. */
  T stored() {
    return decoded(runtime.store().result(id).orElse(null));
  }

  @SuppressWarnings("unchecked")
  private T decoded(String json) {
    if (json == null) {
      throw new CorruptRecordException(
          runtime.location(),
          id,
          "result",
          flow.descriptor.result().toString(),
          new IllegalStateException("a SUCCEEDED run has no stored result"));
    }
    return (T) runtime.decode(id, "result", flow.descriptor.result(), json);
  }

  private Store.Ending ending() {
    return runtime
        .store()
        .ending(id)
        .orElseThrow(() -> new UnknownRunException(id, "in " + runtime.location()));
  }

  private RunSummary summary() {
    return runtime
        .store()
        .summary(id)
        .orElseThrow(() -> new UnknownRunException(id, "in " + runtime.location()));
  }
}
