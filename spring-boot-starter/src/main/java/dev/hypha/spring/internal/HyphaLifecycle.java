package dev.hypha.spring.internal;

import dev.hypha.runtime.Hypha;
import org.springframework.context.SmartLifecycle;

/**
 * Closes the application's {@code Hypha} when the context stops, before any bean is destroyed: the
 * flow beans and what they use are still there while running tasks finish (up to {@code
 * hypha.shutdown-grace}), and tasks still running then are given back (shared store) or taken up by
 * the next start (embedded). It stops after a web server (a lower phase), so requests that start
 * runs are over first. Thread-safe.
 */
public final class HyphaLifecycle implements SmartLifecycle {
  /** Below the web server's graceful shutdown ({@code DEFAULT_PHASE - 2048}): it stops after it. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final Hypha hypha;
  private volatile boolean running;

  public HyphaLifecycle(Hypha hypha) {
    this.hypha = hypha;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    hypha.close();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
