package dev.hypha.runtime;

/** A run id that the store does not hold (for the flow asked for). */
public final class UnknownRunException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final RunId runId;

  public UnknownRunException(RunId runId, String where) {
    super("no run " + runId + " " + where + "; list runs with hypha.history().find(...)");
    this.runId = runId;
  }

  public RunId runId() {
    return runId;
  }
}
