package dev.hypha.runtime.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.LogContext;
import dev.hypha.runtime.RunId;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** {@link TaskMdc}: the keys during an attempt, and the thread's own MDC back after it. */
class TaskMdcTest {
  private static final RunId RUN = new RunId("0190c0de-0000-7000-8000-000000000001");

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void theThreadsOwnEntriesComeBackAndTheTasksGo() {
    MDC.put("request", "r-7");
    MDC.put(LogContext.TASK, "the caller's");

    Map<String, String> before = TaskMdc.enter(RUN, "shop", "charge", 3);
    assertThat(MDC.getCopyOfContextMap())
        .containsOnly(
            Map.entry("request", "r-7"),
            Map.entry(LogContext.RUN, RUN.toString()),
            Map.entry(LogContext.FLOW, "shop"),
            Map.entry(LogContext.TASK, "charge"),
            Map.entry(LogContext.ATTEMPT, "3"));
    MDC.put("user.key", "set by the task");
    MDC.remove("request");
    TaskMdc.restore(before);

    assertThat(MDC.getCopyOfContextMap())
        .containsOnly(Map.entry("request", "r-7"), Map.entry(LogContext.TASK, "the caller's"));
  }

  @Test
  void aThreadWithoutEntriesIsLeftWithout() {
    MDC.clear();
    Map<String, String> before = TaskMdc.enter(RUN, "shop", "page[2]", 1);
    MDC.put("user.key", "set by the task");
    TaskMdc.restore(before);

    Map<String, String> after = MDC.getCopyOfContextMap();
    assertThat(after == null ? Map.of() : after).isEmpty();
  }
}
