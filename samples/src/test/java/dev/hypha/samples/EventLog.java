package dev.hypha.samples;

import dev.hypha.runtime.HyphaListener;
import dev.hypha.runtime.RunEvent;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps every event it hears, in the order it heard them. Thread-safe. */
public final class EventLog implements HyphaListener {
  private final List<Object> events = new CopyOnWriteArrayList<>();

  @Override
  public void onRunEvent(RunEvent event) {
    events.add(event);
  }

  @Override
  public void onTaskEvent(TaskEvent event) {
    events.add(event);
  }

  /** The task events of {@code task} in run {@code runId}, in order. */
  public List<TaskEvent> task(RunId runId, String task) {
    return events.stream()
        .filter(TaskEvent.class::isInstance)
        .map(TaskEvent.class::cast)
        .filter(event -> event.runId().equals(runId) && event.task().equals(task))
        .toList();
  }

  /** The run events of run {@code runId}, in order. */
  public List<RunEvent> run(RunId runId) {
    return events.stream()
        .filter(RunEvent.class::isInstance)
        .map(RunEvent.class::cast)
        .filter(event -> event.runId().equals(runId))
        .toList();
  }

  /** Every event of run {@code runId}, in order. */
  public List<Object> all(RunId runId) {
    return events.stream()
        .filter(
            event ->
                event instanceof TaskEvent task
                    ? task.runId().equals(runId)
                    : ((RunEvent) event).runId().equals(runId))
        .toList();
  }

  /**
   * Waits until the event of run {@code runId}'s end was heard: events come after their commit, so
   * a run's {@code await} may return before its last events are delivered.
   */
  public boolean awaitEnd(RunId runId, Duration timeout) throws InterruptedException {
    return Eventually.within(
        timeout, () -> run(runId).stream().anyMatch(event -> event.state().isFinal()));
  }
}
