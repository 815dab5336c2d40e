package dev.hypha.runtime;

/**
 * A task returned a value that cannot be written as JSON, or that is written but cannot be read
 * back as the task's declared output type (so its dependents could not receive it). The task is
 * recorded FAILED with this error, as its own failure; nothing is lost silently.
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

  /** The value was written as JSON, but that JSON does not read back as {@code declared}. */
  public OutputNotSerializableException(
      String flow, String task, String type, String declared, Throwable cause) {
    super(
        "task "
            + task
            + " of flow "
            + flow
            + " returned a "
            + type
            + " whose JSON cannot be read back as its declared output type "
            + declared
            + ": "
            + firstLine(cause.getMessage())
            + "; give the type a constructor Jackson can use (a record, or @JsonCreator), or"
            + " declare an output type that reads back",
        cause);
  }
}
