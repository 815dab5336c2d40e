package dev.hypha.runtime.internal.engine;

/**
 * One attempt of one row handed to a worker. The engine thread settles it exactly once — when its
 * outcome arrives, or earlier when it times out, the run is cancelled or its deadline passes — and
 * ignores whatever a settled execution reports later.
 */
final class Execution {
  final ActiveRun run;
  final int row;
  final int attempt;

  /** Set for a fault handler run on its own after a timeout: the exception to handle. */
  final Throwable faultOnly;

  /** Engine thread only: whether the outcome has been decided. */
  boolean settled;

  /** The worker thread while the attempt runs, for interruption. */
  volatile Thread thread;

  /** When the worker started the attempt, in System.nanoTime(), 0 before. */
  volatile long startedNanos;

  /**
   * RUNNING until the worker returns (DONE) or the engine gives up on the thread (ABANDONED),
   * whichever comes first: exactly one of them wins, so the pool grows and shrinks in step.
   */
  final java.util.concurrent.atomic.AtomicInteger lifecycle =
      new java.util.concurrent.atomic.AtomicInteger(RUNNING);

  static final int RUNNING = 0;
  static final int DONE = 1;
  static final int ABANDONED = 2;

  /** Whether the engine settled the execution before it started: the worker then skips it. */
  volatile boolean skip;

  Execution(ActiveRun run, int row, int attempt, Throwable faultOnly) {
    this.run = run;
    this.row = row;
    this.attempt = attempt;
    this.faultOnly = faultOnly;
  }
}
