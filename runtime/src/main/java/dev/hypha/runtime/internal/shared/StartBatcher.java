package dev.hypha.runtime.internal.shared;

import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.RunEvent;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.internal.engine.DaemonThreads;
import dev.hypha.runtime.internal.engine.Listeners;
import dev.hypha.runtime.internal.store.Micros;
import dev.hypha.runtime.internal.store.SharedStore;
import dev.hypha.runtime.internal.store.SharedTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Group commit for starts: threads that start runs at the same time share one transaction. The
 * first caller that finds no commit under way commits every start queued so far, then hands the
 * turn on; the others wait for their run's commit. On a SQLite file shared with workers in other
 * processes, one write lock per start would otherwise let the starts take turns with every worker.
 */
final class StartBatcher {
  /** A run to insert, and where its id (or the existing run of its key) goes. */
  record Start(SharedTx.NewRun run, CompletableFuture<RunId> done) {}

  private final SharedStore store;
  private final Listeners listeners;
  private final List<Start> queued = new ArrayList<>();
  private boolean committing;

  StartBatcher(SharedStore store, Listeners listeners) {
    this.store = store;
    this.listeners = listeners;
  }

  /**
   * Commits {@code start} (with others queued meanwhile) and returns its run's id. While this
   * process's listeners are far behind, it first waits for them (back-pressure, as on the embedded
   * engine), unless it is one of Hypha's own threads, for which it never waits.
   */
  RunId start(Start start) {
    awaitListeners();
    synchronized (this) {
      queued.add(start);
    }
    while (true) {
      List<Start> batch;
      synchronized (this) {
        try {
          while (committing && !start.done().isDone()) {
            wait();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new HyphaException("interrupted while starting a run; it may have started", e);
        }
        if (start.done().isDone()) {
          break;
        }
        // No commit under way and this start not done: it is still queued; commit the queue.
        committing = true;
        batch = new ArrayList<>(queued);
        queued.clear();
      }
      commit(batch);
    }
    try {
      return start.done().get();
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HyphaException("interrupted while starting a run; it may have started", e);
    }
  }

  private void awaitListeners() {
    if (!listeners.enabled() || DaemonThreads.isOwnThread()) {
      return;
    }
    try {
      while (!listeners.awaitRoom(100)) {
        // a slow listener: the start waits, nothing is dropped
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HyphaException(
          "interrupted while waiting for this process's listeners to catch up; the run was not"
              + " started",
          e);
    }
  }

  private void commit(List<Start> batch) {
    try {
      List<Optional<Long>> inserted =
          store.inOneStatement(tx -> tx.insertRuns(batch.stream().map(Start::run).toList()));
      store.ready();
      List<Object> events = new ArrayList<>();
      for (int i = 0; i < batch.size(); i++) {
        Start start = batch.get(i);
        if (inserted.get(i).isPresent()) {
          if (listeners.enabled()) {
            SharedTx.NewRun run = start.run();
            events.add(
                new RunEvent(
                    run.id(),
                    run.flow(),
                    RunState.RUNNING,
                    Micros.toInstant(run.startedAt()),
                    Optional.empty()));
          }
          start.done().complete(start.run().id());
        } else {
          existing(start);
        }
      }
      listeners.publish(events);
    } catch (RuntimeException | Error e) {
      batch.forEach(start -> start.done().completeExceptionally(e));
    } finally {
      synchronized (this) {
        committing = false;
        // A waiter whose start was queued during this commit takes the next turn.
        notifyAll();
      }
    }
  }

  /** A keyed start that found its key taken: the run that has it, read once the insert is done. */
  private void existing(Start start) {
    SharedTx.NewRun run = start.run();
    try {
      start
          .done()
          .complete(
              store
                  .readFresh(tx -> tx.runByKey(run.flow(), run.key()))
                  .orElseThrow(
                      () ->
                          new HyphaException(
                              "a run of flow "
                                  + run.flow()
                                  + " has the key "
                                  + run.key()
                                  + " but could not be read; try the start again")));
    } catch (RuntimeException e) {
      start.done().completeExceptionally(e);
    }
  }

  private static RuntimeException rethrow(Throwable error) {
    if (error instanceof RuntimeException runtime) {
      return runtime;
    }
    if (error instanceof Error fatal) {
      throw fatal;
    }
    return new HyphaException("a run could not be started", error);
  }
}
