package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.TaskError;
import java.io.PrintWriter;
import java.io.StringWriter;

/** How an exception a task threw is recorded, by every engine. */
public final class TaskErrors {
  private TaskErrors() {}

  /**
   * The recorded form of {@code thrown}: its type, message and stack trace. User exceptions may
   * fail even at describing themselves; what they could not say is replaced, not lost.
   */
  public static TaskError of(String row, Throwable thrown) {
    String message;
    try {
      message = thrown.getMessage();
    } catch (RuntimeException e) {
      message = "(its getMessage() threw " + e.getClass().getName() + ")";
    }
    String stack;
    try {
      StringWriter text = new StringWriter();
      thrown.printStackTrace(new PrintWriter(text));
      stack = text.toString();
    } catch (RuntimeException e) {
      stack = thrown.getClass().getName() + " (its stack trace could not be printed)";
    }
    return new TaskError(row, thrown.getClass().getName(), message == null ? "" : message, stack);
  }
}
