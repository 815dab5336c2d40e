package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.LogContext;
import dev.hypha.runtime.RunId;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Sets the {@link LogContext} keys around one attempt on a worker thread, for every engine, and
 * puts the thread's MDC back as it was afterwards: worker threads are pooled, so nothing of one
 * task, not even what its method put itself, may be seen by the next.
 */
public final class TaskMdc {
  private TaskMdc() {}

  /** Sets the keys for the attempt; returns the thread's MDC before, for {@link #restore}. */
  public static Map<String, String> enter(RunId run, String flow, String task, int attempt) {
    Map<String, String> before = MDC.getCopyOfContextMap();
    MDC.put(LogContext.RUN, run.toString());
    MDC.put(LogContext.FLOW, flow);
    MDC.put(LogContext.TASK, task);
    MDC.put(LogContext.ATTEMPT, Integer.toString(attempt));
    return before;
  }

  /** Puts back the MDC that {@link #enter} returned (null when the thread had none). */
  public static void restore(Map<String, String> before) {
    if (before == null || before.isEmpty()) {
      MDC.clear();
    } else {
      MDC.setContextMap(before);
    }
  }
}
