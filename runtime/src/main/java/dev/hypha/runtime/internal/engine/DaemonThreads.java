package dev.hypha.runtime.internal.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's threads are daemons, so an application that forgets {@code close()} still exits:
 * nothing is lost by that, since every state change is committed before anything acts on it.
 */
public final class DaemonThreads {
  private DaemonThreads() {}

  /** Threads named {@code name}, or {@code name-1}, {@code name-2}... when {@code numbered}. */
  public static ThreadFactory named(String name, boolean numbered) {
    AtomicInteger count = new AtomicInteger();
    return runnable -> create(numbered ? name + "-" + count.incrementAndGet() : name, runnable);
  }

  /** A daemon thread named {@code name} running {@code task}, not started. */
  public static Thread create(String name, Runnable task) {
    Thread thread = new OwnThread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Whether the calling thread is one of Hypha's own (a worker, a callback or listener thread):
   * such a thread never waits for room Hypha itself would have to make, or it could wait for
   * itself.
   */
  public static boolean isOwnThread() {
    return Thread.currentThread() instanceof OwnThread;
  }

  private static final class OwnThread extends Thread {
    OwnThread(Runnable task, String name) {
      super(task, name);
    }
  }
}
