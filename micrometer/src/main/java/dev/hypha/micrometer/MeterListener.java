package dev.hypha.micrometer;

import dev.hypha.runtime.AttemptEvent;
import dev.hypha.runtime.HyphaListener;
import dev.hypha.runtime.RunEvent;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskEvent;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;

/**
 * Turns a Hypha's committed events into meters of one registry. Called on the Hypha's listener
 * thread only; the registry looks each meter up by name and tags.
 */
final class MeterListener implements HyphaListener {
  private static final String COMPENSATION_PREFIX = "compensate:";

  private final MeterRegistry registry;

  MeterListener(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onRunEvent(RunEvent event) {
    if (event.state() == RunState.RUNNING) {
      Counter.builder("hypha.runs.started")
          .description("Runs started")
          .tag("flow", event.flow())
          .register(registry)
          .increment();
    } else {
      Counter.builder("hypha.runs.ended")
          .description("Runs that ended, by their final state")
          .tag("flow", event.flow())
          .tag("state", lower(event.state().name()))
          .register(registry)
          .increment();
    }
  }

  @Override
  public void onTaskEvent(TaskEvent event) {
    if (event.state() == TaskState.READY && event.error().isPresent()) {
      // READY with the error of the attempt that failed: another attempt follows.
      Counter.builder("hypha.task.retries")
          .description("Attempts that failed and were retried")
          .tag("flow", event.flow())
          .tag("task", task(event.task()))
          .register(registry)
          .increment();
    } else if (event.state().isFinal() && event.task().startsWith(COMPENSATION_PREFIX)) {
      Counter.builder("hypha.compensations")
          .description("Compensations that ended, by the task they undid and their final state")
          .tag("flow", event.flow())
          .tag("task", event.task().substring(COMPENSATION_PREFIX.length()))
          .tag("state", lower(event.state().name()))
          .register(registry)
          .increment();
    }
  }

  @Override
  public void onAttemptEnded(AttemptEvent event) {
    if (event.kind() != TaskKind.TASK) {
      return; // compensations and callbacks are counted apart, not timed as tasks
    }
    Timer.builder("hypha.task.attempts")
        .description("Attempts of tasks, from the method's call to its end")
        .tag("flow", event.flow())
        .tag("task", task(event.task()))
        .tag("outcome", lower(event.outcome().name()))
        .register(registry)
        .record(event.duration());
  }

  /** The task of a row: {@code task[3]}, an instance of a fan-out, counts as {@code task}. */
  static String task(String row) {
    int bracket = row.indexOf('[');
    return bracket < 0 ? row : row.substring(0, bracket);
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
