package dev.hypha.runtime;

import java.util.Set;

/** A signal was sent under a name that no task of the run's flow waits for. */
public final class UnknownSignalException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final String flow;
  private final String signal;

  public UnknownSignalException(String flow, String signal, Set<String> known) {
    super(
        "no task of flow "
            + flow
            + " waits for a signal named '"
            + signal
            + "'; "
            + (known.isEmpty()
                ? "its tasks wait for no signal (mark a task parameter @Signal(\"" + signal + "\"))"
                : "it has " + String.join(", ", known)));
    this.flow = flow;
    this.signal = signal;
  }

  public String flow() {
    return flow;
  }

  /** The name that was sent. */
  public String signal() {
    return signal;
  }
}
