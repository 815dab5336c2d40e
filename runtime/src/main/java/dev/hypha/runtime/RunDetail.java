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

  /**
   * The row named {@code name}: a task of the graph by its name, or a handler row by the name the
   * runtime gives it ({@code compensate:<task>}, {@code on-success:<method>}, {@code
   * on-failure:<method>}); {@link #compensationOf}, {@link #callbacks} and {@link #tasks(TaskKind)}
   * find handler rows without spelling those names.
   */
  public Optional<TaskRecord> task(String name) {
    return tasks.stream().filter(task -> task.name().equals(name)).findFirst();
  }

  /** The rows of one kind, in order: the graph's tasks, the compensations, or a callback. */
  public List<TaskRecord> tasks(TaskKind kind) {
    return tasks.stream().filter(task -> task.kind() == kind).toList();
  }

  /**
   * The row of the {@code @Compensates} handler of task {@code task}, once the run has started it:
   * a run that failed (or was cancelled, with {@code compensateOnCancel}) undoes each succeeded
   * task with a compensation, in reverse dependency order.
   */
  public Optional<TaskRecord> compensationOf(String task) {
    return task("compensate:" + task).filter(row -> row.kind() == TaskKind.COMPENSATION);
  }

  /** The rows of the {@code @OnSuccess} or {@code @OnFailure} callback the run has run, if any. */
  public List<TaskRecord> callbacks() {
    return tasks.stream()
        .filter(task -> task.kind() == TaskKind.ON_SUCCESS || task.kind() == TaskKind.ON_FAILURE)
        .toList();
  }
}
