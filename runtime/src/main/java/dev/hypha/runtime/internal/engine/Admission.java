package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets starts in while there is room: a run permit free (at most {@code maxActiveRuns} runs started
 * here under way) and the listeners not far behind. Thread-safe.
 */
final class Admission {
  /** How often a start waiting for room checks that the engine still takes work. */
  private static final long ADMIT_STEP_MILLIS = 50;

  private final Semaphore runPermits;
  private final int maxActiveRuns;
  private final Listeners listeners;

  Admission(int maxActiveRuns, Listeners listeners) {
    this.runPermits = new Semaphore(maxActiveRuns);
    this.maxActiveRuns = maxActiveRuns;
    this.listeners = listeners;
  }

  /** Takes a permit if one is free, without waiting. */
  boolean tryTake() {
    return runPermits.tryAcquire();
  }

  /** Gives back permits of runs that ended, or of starts that started nothing. */
  void release(int permits) {
    runPermits.release(permits);
  }

  /**
   * Lets a start in once there is room: a run permit free and the listeners not far behind. Returns
   * whether the start holds a permit. Hypha's own threads (a task starting a sub-flow, a callback,
   * a listener) never wait, since the room they wait for may be theirs to make; they take a permit
   * if one is free and go ahead without one otherwise. Waits in short steps, so a close or a stop
   * of the engine meanwhile ends the wait with its exception.
   */
  boolean admit(RegisteredFlow flow, Runnable ensureOpen) {
    ensureOpen.run();
    if (DaemonThreads.isOwnThread()) {
      return runPermits.tryAcquire();
    }
    try {
      while (!runPermits.tryAcquire(ADMIT_STEP_MILLIS, TimeUnit.MILLISECONDS)) {
        ensureOpen.run();
      }
      try {
        while (!listeners.awaitRoom(ADMIT_STEP_MILLIS)) {
          ensureOpen.run();
        }
      } catch (InterruptedException | RuntimeException e) {
        runPermits.release();
        throw e;
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HyphaException(
          "interrupted while waiting for room to start a run of "
              + flow.name()
              + " (at most "
              + maxActiveRuns
              + " runs started here may be under way, see Hypha.builder().maxActiveRuns(...));"
              + " the run was not started",
          e);
    }
  }
}
