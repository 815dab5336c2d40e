package dev.hypha.runtime;

/**
 * A task returned a value that cannot be written as JSON. The task is recorded FAILED with this
 * error; nothing is lost silently.
 */
public final class OutputNotSerializableException extends HyphaException {
  private static final long serialVersionUID = 1L;

  public OutputNotSerializableException(String flow, String task, String type, Throwable cause) {
    super(
        "task "
            + task
            + " of flow "
            + flow
            + " returned a "
            + type
            + " that cannot be written as JSON: "
            + cause.getMessage()
            + "; return a record or a class with public getters, or a type Jackson can serialise",
        cause);
  }
}
