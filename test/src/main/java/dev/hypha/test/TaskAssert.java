package dev.hypha.test;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions on one task of a run's history, from {@link HistoryAssert#task(String)}; a failure
 * names the run and the task and shows the run's history. Not thread-safe.
 */
public final class TaskAssert {
  private final HistoryAssert owner;
  private final RunDetail run;
  private final TaskRecord task;

  TaskAssert(HistoryAssert owner, RunDetail run, TaskRecord task) {
    this.owner = owner;
    this.run = run;
    this.task = task;
  }

  /** Asserts the task's state. */
  public TaskAssert hasState(TaskState expected) {
    if (task.state() != expected) {
      String error =
          task.error().map(e -> ", with the error " + HistoryText.shorten(e.describe())).orElse("");
      throw failure(
          "to be " + expected + " but it is " + task.state() + error, expected, task.state());
    }
    return this;
  }

  /** Asserts that the task succeeded. */
  public TaskAssert succeeded() {
    return hasState(TaskState.SUCCEEDED);
  }

  /** Asserts that the task failed for good. */
  public TaskAssert failed() {
    return hasState(TaskState.FAILED);
  }

  /** Asserts that the task was skipped. */
  public TaskAssert skipped() {
    return hasState(TaskState.SKIPPED);
  }

  /** Asserts how many attempts the task made (the number of its latest attempt). */
  public TaskAssert hasAttempts(int expected) {
    if (task.attempt() != expected) {
      throw failure(
          "to have made " + expected + " attempt(s) but it made " + task.attempt(),
          expected,
          task.attempt());
    }
    return this;
  }

  /** Asserts the messages of the task's failed attempts, oldest first. */
  public TaskAssert hasFailures(String... messages) {
    List<String> expected = List.of(messages);
    List<String> actual =
        task.failures().stream().map(AttemptRecord::error).map(TaskError::message).toList();
    if (!actual.equals(expected)) {
      throw failure(
          "to have failed attempts with the messages " + expected + " but they are " + actual,
          expected,
          actual);
    }
    return this;
  }

  /** Asserts the task's output, as the JSON stored ({@code "\"text\""} for a string). */
  public TaskAssert hasOutput(String json) {
    Optional<String> output = task.outputJson();
    if (!output.equals(Optional.of(json))) {
      throw failure(
          "to have the output " + json + " but it has " + output.orElse("none"),
          json,
          output.orElse(null));
    }
    return this;
  }

  /** Asserts the task's recorded due time (its {@code readyAt}): a delay's, a backoff's end. */
  public TaskAssert hasReadyAt(Instant expected) {
    Optional<Instant> readyAt = task.readyAt();
    if (!readyAt.equals(Optional.of(expected))) {
      throw failure(
          "to be due at "
              + expected
              + " but it is due at "
              + readyAt.map(Object::toString).orElse("no time"),
          expected,
          readyAt.orElse(null));
    }
    return this;
  }

  /** The task's record, for assertions of your own. */
  public TaskRecord record() {
    return task;
  }

  /** Back to the run, for the next task. */
  public HistoryAssert and() {
    return owner;
  }

  private AssertionFailedError failure(String what, Object expected, Object actual) {
    return HistoryAssert.failure(
        run, "expected task \"" + task.name() + "\" " + what, expected, actual);
  }
}
