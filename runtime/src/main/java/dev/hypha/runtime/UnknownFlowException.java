package dev.hypha.runtime;

import java.util.Collection;

/** A flow name that no flow on the class path has. */
public final class UnknownFlowException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final String flow;

  public UnknownFlowException(String flow, Collection<String> known) {
    super(
        "no flow named '"
            + flow
            + "' is on the class path (known: "
            + (known.isEmpty() ? "none" : String.join(", ", known))
            + "); check the name, or that the flow's module was compiled with hypha-processor");
    this.flow = flow;
  }

  public String flow() {
    return flow;
  }
}
