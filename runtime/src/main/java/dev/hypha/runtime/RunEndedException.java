package dev.hypha.runtime;

/** An operation that needs a running run, such as a signal, was asked of a run that has ended. */
public final class RunEndedException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final RunId runId;
  private final RunState state;

  public RunEndedException(RunId runId, RunState state, String what) {
    super(
        "run "
            + runId
            + " has ended "
            + state
            + "; "
            + what
            + " reaches only a RUNNING run (start a new run, or check its state with"
            + " hypha.history().run(id))");
    this.runId = runId;
    this.state = state;
  }

  public RunId runId() {
    return runId;
  }

  /** How the run ended. */
  public RunState state() {
    return state;
  }
}
