package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.OutputNotSerializableException;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.internal.store.Micros;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One attempt of one task on a worker thread: decode the arguments, call the method through the
 * generated definition, encode the output, and report the outcome to the engine. Whatever the task
 * throws becomes the task's recorded error; nothing escapes the worker thread.
 */
final class TaskExecution implements Runnable {
  private final Engine engine;
  private final ActiveRun run;
  private final int task;
  private final int attempt;

  TaskExecution(Engine engine, ActiveRun run, int task, int attempt) {
    this.engine = engine;
    this.run = run;
    this.task = task;
    this.attempt = attempt;
  }

  @Override
  public void run() {
    long startedAt = Micros.of(engine.clock().instant());
    TaskDescriptor descriptor = run.flow.descriptor().task(task);
    String outputJson = null;
    TaskError error = null;
    try {
      Object output =
          run.flow
              .definition()
              .invoke(run.flow.instance(), task, new TaskArgs(engine, run, task, attempt));
      try {
        outputJson = engine.codec().write(output);
      } catch (Exception e) {
        error =
            error(
                new OutputNotSerializableException(
                    run.flow.name(),
                    descriptor.name(),
                    output == null ? "null" : output.getClass().getName(),
                    e));
      }
    } catch (Throwable thrown) {
      error = error(thrown);
    }
    long finishedAt = Micros.of(engine.clock().instant());
    engine.finished(
        new Command.TaskFinished(run, task, attempt, startedAt, finishedAt, outputJson, error));
  }

  private TaskError error(Throwable thrown) {
    StringWriter stack = new StringWriter();
    thrown.printStackTrace(new PrintWriter(stack));
    String message = thrown.getMessage();
    return new TaskError(
        run.taskName(task),
        thrown.getClass().getName(),
        message == null ? "" : message,
        stack.toString());
  }
}
