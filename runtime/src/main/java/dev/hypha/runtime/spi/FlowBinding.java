package dev.hypha.runtime.spi;

import dev.hypha.runtime.FlowHistory;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A flow bound to a running {@link dev.hypha.runtime.Hypha}: what the generated {@code <Name>Flow}
 * class delegates to. Obtained from {@link dev.hypha.runtime.Hypha#bind}.
 *
 * <p>Thread-safe.
 *
 * @param <I> the flow's input type
 * @param <O> the flow's result type
 */
public interface FlowBinding<I, O> {

  FlowDescriptor descriptor();

  /**
   * Starts a run of the flow. The run is committed to the store before this method returns, so a
   * crash right after it loses nothing. Waits first (interruptibly) while {@code maxActiveRuns}
   * runs started here are under way.
   *
   * @throws dev.hypha.runtime.InvalidInputException if the input cannot be written as JSON
   * @throws dev.hypha.runtime.HyphaException if the Hypha is closed
   */
  Run<O> start(I input);

  /**
   * Starts a run unless one of this flow was started with {@code key} already, in which case that
   * run is returned and nothing starts: an idempotent start with a business key (an order id, a
   * request id). The check and the start are one step of the store's single writer, so two callers
   * racing with the same key get the same run.
   *
   * @throws dev.hypha.runtime.InvalidInputException if the input cannot be written as JSON, or the
   *     key is blank
   */
  Run<O> start(I input, String key);

  /** {@link #startAsync(Object)} with a business key, as {@link #start(Object, String)}. */
  CompletableFuture<Run<O>> startAsync(I input, String key);

  /**
   * Starts a run without waiting for the commit: the future completes with the run's handle once
   * the run is committed, on a callback thread (never one of the engine's), or fails if the engine
   * stops first. Many runs started this way share commits, which is how a single thread starts
   * thousands of runs a second. Like {@link #start(Object)}, it waits in the calling thread while
   * {@code maxActiveRuns} runs started here are under way.
   *
   * @throws dev.hypha.runtime.InvalidInputException if the input cannot be written as JSON
   * @throws dev.hypha.runtime.HyphaException if the Hypha is closed
   */
  CompletableFuture<Run<O>> startAsync(I input);

  /**
   * A handle on an existing run of this flow.
   *
   * @throws dev.hypha.runtime.UnknownRunException if the store has no run {@code id} of this flow
   */
  Run<O> run(RunId id);

  /**
   * The recorded output of the task at {@code taskIndex} in run {@code id}, decoded to its declared
   * type; empty while the task has not succeeded, and for a recorded {@code null} (which {@code
   * run(id).detail()} tells apart).
   */
  <T> Optional<T> output(RunId id, int taskIndex);

  /**
   * Sends the signal {@code name} with {@code payload} to the run {@code id} of this flow; it is
   * committed to the store before this method returns. The tasks of the run waiting for it take it
   * (those whose condition accepts it); one that reaches its wait later finds it, since a run keeps
   * its signals in the order they came.
   *
   * @throws dev.hypha.runtime.UnknownRunException if the store has no run {@code id} of this flow
   * @throws dev.hypha.runtime.RunEndedException if the run has ended
   * @throws dev.hypha.runtime.UnknownSignalException if no task of the flow waits for {@code name}
   * @throws dev.hypha.runtime.InvalidInputException if the payload cannot be written as JSON
   */
  void signal(RunId id, String name, Object payload);

  /** Typed queries over the runs of this flow. */
  FlowHistory<O> history();
}
