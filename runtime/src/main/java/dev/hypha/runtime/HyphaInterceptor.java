package dev.hypha.runtime;

import java.util.Map;

/**
 * Code of yours that runs on the threads that start runs and run attempts, while they do so: the
 * hook for tracing (the {@code hypha-opentelemetry} module implements it) and for anything else
 * that must follow a run from the caller of {@code start} to the attempts of its tasks, in this
 * process or a worker process. Register one with {@link Hypha.Builder#interceptor}.
 *
 * <ul>
 *   <li>{@link #starting} is called on the thread that starts a run (the caller of {@code start} or
 *       {@code startAsync}; for a sub-flow, the thread of the parent's attempt), before the run is
 *       written. The {@link Start#context() context} it returns, a small map of strings (a trace
 *       context, say), is stored with the run in the same transaction.
 *   <li>{@link #attempting} is called on the thread that runs an attempt, right before the task's
 *       method, with the run's stored context, in every engine (serial, parallel, a worker of a
 *       shared store, after a restart too). Its {@link Attempt} ends on the same thread when the
 *       method (and, on the embedded engines, a fault handler it went to) has returned, so what it
 *       makes current on the thread is current in the method. On the embedded engines compensations
 *       and {@code @OnSuccess}/{@code @OnFailure} callbacks are attempts too, named as their rows
 *       ({@code compensate:reserve}, {@code on-failure:alert}).
 * </ul>
 *
 * <p>Without an interceptor Hypha stores no context and calls nothing. The methods must be
 * thread-safe (they are called from many threads at once), quick, and must not throw: an exception
 * from {@link #starting} fails the start, one from {@link #attempting} or {@link Attempt#ended}
 * fails the attempt. Each method has a default that does nothing, so an implementation overrides
 * what it needs.
 */
public interface HyphaInterceptor {

  /**
   * A run is being started on this thread.
   *
   * @param flow the flow's name
   * @return what to store with the run, and to hear of the start's end; {@link Start#NONE} for
   *     nothing
   */
  default Start starting(String flow) {
    return Start.NONE;
  }

  /**
   * An attempt is about to call the task's method on this thread.
   *
   * @return told of the attempt's end, on this thread; {@link Attempt#NONE} for nothing
   */
  default Attempt attempting(AttemptInfo attempt) {
    return Attempt.NONE;
  }

  /** A start under way, as {@link #starting} returned it. */
  interface Start {
    /** Stores nothing and hears nothing. */
    Start NONE =
        new Start() {
          @Override
          public Map<String, String> context() {
            return Map.of();
          }

          @Override
          public void ended(RunId run, Throwable error) {}
        };

    /**
     * What is stored with the run and handed to each of its attempts: a few short strings (at most
     * 4,096 characters in all, names and values counted), or an empty map for nothing.
     */
    Map<String, String> context();

    /**
     * The start has ended: for a caller of {@code start}, once the run is committed (on a callback
     * thread for {@code startAsync}); for a sub-flow, once its child is handed to the engine, which
     * commits it with the parent's attempt.
     *
     * @param run the run started, or the run that already had the start's business key; null when
     *     the start failed
     * @param error why the start failed; null when it did not
     */
    void ended(RunId run, Throwable error);
  }

  /** An attempt under way, as {@link #attempting} returned it. */
  @FunctionalInterface
  interface Attempt {
    /** Hears nothing. */
    Attempt NONE = error -> {};

    /**
     * The attempt's method has returned or thrown, on the thread that called {@link #attempting}.
     *
     * @param error what the method threw (or, with no exception thrown, what failed the attempt: an
     *     output that cannot be stored, a timeout); null when the attempt produced its output. A
     *     method that threw and whose fault handler recovered the task ends with the method's
     *     exception.
     */
    void ended(Throwable error);
  }

  /**
   * One attempt of one row of a run.
   *
   * @param flow the flow's name
   * @param task the row's name as the history shows it: {@code charge}, {@code page[3]} for an
   *     instance of a fan-out or an iteration of a loop, {@code compensate:reserve}
   * @param attempt the attempt's number, from 1
   * @param run the run's id
   * @param worker the worker id recorded on the attempt ({@link Hypha.Builder#workerId})
   * @param context what {@link Start#context()} stored with the run; empty when nothing was (a run
   *     started without an interceptor)
   */
  record AttemptInfo(
      String flow,
      String task,
      int attempt,
      RunId run,
      String worker,
      Map<String, String> context) {}
}
