package dev.hypha.test;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskRecord;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on a run's recorded history, with failure messages that name the run, the task, what
 * was expected and what was recorded, followed by the whole history (every task with its state,
 * attempts and error, every failed attempt):
 *
 * <pre>{@code
 * HistoryAssert.assertRun(run)
 *     .succeeded()
 *     .task("charge").succeeded().hasAttempts(3)
 *     .and()
 *     .task("ship").hasOutput("\"shipped 42\"");
 * }</pre>
 *
 * <p>Each assertion reads the history once, when {@code assertRun} is called: await the run first.
 * Failures are {@link AssertionFailedError}s with the expected and actual values, which IDEs show
 * side by side. Not thread-safe; use one per thread.
 */
public final class HistoryAssert {
  private final RunDetail run;

  private HistoryAssert(RunDetail run) {
    this.run = run;
  }

  /** The history of {@code run}, as the store holds it now. */
  public static HistoryAssert assertRun(Run<?> run) {
    return new HistoryAssert(run.detail());
  }

  /** The history of the run {@code id} in {@code hypha}'s store; fails if there is none. */
  public static HistoryAssert assertRun(Hypha hypha, RunId id) {
    Optional<RunDetail> detail = hypha.history().detail(id);
    if (detail.isEmpty()) {
      throw new AssertionFailedError(
          "expected run "
              + id
              + " in the store "
              + hypha.location()
              + ", but it holds no such run");
    }
    return new HistoryAssert(detail.get());
  }

  /** Asserts the run's state. */
  public HistoryAssert hasState(RunState expected) {
    if (run.state() != expected) {
      String firstError =
          run.summary()
              .error()
              .map(
                  error -> " (first error, in task " + error.task() + ": " + error.describe() + ")")
              .orElse("");
      throw failure(
          "expected " + expected + " but it is " + run.state() + firstError, expected, run.state());
    }
    return this;
  }

  /** Asserts that the run succeeded. */
  public HistoryAssert succeeded() {
    return hasState(RunState.SUCCEEDED);
  }

  /** Asserts that the run failed. */
  public HistoryAssert failed() {
    return hasState(RunState.FAILED);
  }

  /** Asserts that the run was cancelled. */
  public HistoryAssert cancelled() {
    return hasState(RunState.CANCELLED);
  }

  /** Asserts the run's result, as the JSON stored. */
  public HistoryAssert hasResult(String json) {
    Optional<String> result = run.resultJson();
    if (!result.equals(Optional.of(json))) {
      throw failure(
          "expected the result " + json + " but it is " + result.orElse("(none)"),
          json,
          result.orElse(null));
    }
    return this;
  }

  /**
   * The task (or handler row: {@code compensate:<task>}, {@code on-failure:<method>} ...) named
   * {@code name}; fails naming the tasks there are if the run has none of that name.
   */
  public TaskAssert task(String name) {
    Optional<TaskRecord> task = run.task(name);
    if (task.isEmpty()) {
      String names = run.tasks().stream().map(TaskRecord::name).collect(Collectors.joining(", "));
      throw failure(
          "expected a task \"" + name + "\" but it has none of that name; its tasks: " + names,
          name,
          names);
    }
    return new TaskAssert(this, run, task.get());
  }

  /** The history this asserts on. */
  public RunDetail detail() {
    return run;
  }

  private AssertionFailedError failure(String what, Object expected, Object actual) {
    return failure(run, what, expected, actual);
  }

  /** {@code <run's name>: <what>}, then the run's history. */
  static AssertionFailedError failure(RunDetail run, String what, Object expected, Object actual) {
    return new AssertionFailedError(
        HistoryText.name(run) + ": " + what + "\n" + HistoryText.of(run), expected, actual);
  }
}
