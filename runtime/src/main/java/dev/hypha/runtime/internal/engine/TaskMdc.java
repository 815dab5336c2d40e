package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.LogContext;
import dev.hypha.runtime.RunId;
import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.helpers.NOPMDCAdapter;

/**
 * Sets the {@link LogContext} keys around one attempt on a worker thread, for every engine, and
 * puts the thread's MDC back as it was afterwards: worker threads are pooled, so nothing of one
 * task, not even what its method put itself, may be seen by the next.
 */
public final class TaskMdc {
  /**
   * Whether the SLF4J binding keeps an MDC at all: without one (slf4j-simple, no binding) each
   * attempt would build the values for nothing, on the engine's hottest path.
   */
  private static final boolean KEPT = !(MDC.getMDCAdapter() instanceof NOPMDCAdapter);

  /** What {@link #enter} returns when there is no MDC to set or to put back. */
  private static final Map<String, String> NOTHING = Map.of("", "");

  private TaskMdc() {}

  /** Sets the keys for the attempt; returns the thread's MDC before, for {@link #restore}. */
  public static Map<String, String> enter(RunId run, String flow, String task, int attempt) {
    if (!KEPT) {
      return NOTHING;
    }
    Map<String, String> before = MDC.getCopyOfContextMap();
    MDC.put(LogContext.RUN, run.toString());
    MDC.put(LogContext.FLOW, flow);
    MDC.put(LogContext.TASK, task);
    MDC.put(LogContext.ATTEMPT, Integer.toString(attempt));
    return before;
  }

  /** Puts back the MDC that {@link #enter} returned (null when the thread had none). */
  public static void restore(Map<String, String> before) {
    if (before == NOTHING) {
      return;
    }
    if (before == null || before.isEmpty()) {
      MDC.clear();
    } else {
      MDC.setContextMap(before);
    }
  }
}
