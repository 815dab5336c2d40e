package dev.hypha.runtime;

/** A stored value cannot be read back: its JSON is malformed or no longer fits its type. */
public final class CorruptRecordException extends StoreException {
  private static final long serialVersionUID = 1L;
  private final transient RunId runId;
  private final String field;

  public CorruptRecordException(
      String location, RunId runId, String field, String type, Throwable cause) {
    super(
        location,
        "cannot read "
            + field
            + " of run "
            + runId
            + " as "
            + type
            + " from "
            + location
            + ": "
            + firstLine(String.valueOf(cause.getMessage()))
            + "; the row was changed outside Hypha or the type changed incompatibly since it was"
            + " written. Fix the row or read it raw through hypha.history().detail(runId)",
        cause);
    this.runId = runId;
    this.field = field;
  }

  /** A row that does not decode at all (a state or id that is not one), run unknown. */
  public CorruptRecordException(String location, Throwable cause) {
    super(
        location,
        "cannot read a row of "
            + location
            + ": "
            + firstLine(String.valueOf(cause.getMessage()))
            + "; the row was changed outside Hypha or written by an incompatible version. Fix or"
            + " remove the row",
        cause);
    this.runId = null;
    this.field = "row";
  }

  /** The run whose value is corrupt; null when the row could not be tied to a run. */
  public RunId runId() {
    return runId;
  }

  /** Which stored value: {@code input}, {@code result} or {@code output of task <name>}. */
  public String field() {
    return field;
  }
}
