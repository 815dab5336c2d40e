package dev.hypha.runtime;

/**
 * The error of a failed task attempt, as recorded.
 *
 * @param task the failed task's name
 * @param type the exception's class name
 * @param message the exception's message, possibly empty
 * @param stackTrace the full stack trace text
 */
public record TaskError(String task, String type, String message, String stackTrace) {

  /** {@code type: message}, the way a stack trace's first line reads. */
  public String describe() {
    return message.isEmpty() ? type : type + ": " + message;
  }
}
