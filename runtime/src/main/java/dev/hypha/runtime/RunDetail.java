package dev.hypha.runtime;

import java.util.List;
import java.util.Optional;

/**
 * A run with all of its tasks, as recorded in the store.
 *
 * @param summary the run's history row
 * @param inputJson the run's input as stored
 * @param resultJson the run's result as stored, once it succeeded
 * @param tasks every task, in the flow's dependency order
 */
public record RunDetail(
    RunSummary summary, String inputJson, Optional<String> resultJson, List<TaskRecord> tasks) {

  public RunDetail {
    tasks = List.copyOf(tasks);
  }

  public RunId id() {
    return summary.id();
  }

  public RunState state() {
    return summary.state();
  }

  /** The task named {@code name}. */
  public Optional<TaskRecord> task(String name) {
    return tasks.stream().filter(task -> task.name().equals(name)).findFirst();
  }
}
