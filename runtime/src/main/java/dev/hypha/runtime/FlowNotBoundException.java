package dev.hypha.runtime;

/** A flow whose tasks must run here, but no instance of its class is available. */
public final class FlowNotBoundException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final String flow;

  public FlowNotBoundException(String flow, String flowClass) {
    super(
        "flow "
            + flow
            + " has runs to execute but no instance: "
            + flowClass
            + " has no public no-argument constructor; call "
            + simpleName(flowClass)
            + "Flow.bind(hypha, new "
            + simpleName(flowClass)
            + "(...)) before starting its runs");
    this.flow = flow;
  }

  public String flow() {
    return flow;
  }

  private static String simpleName(String binaryName) {
    String name = binaryName.substring(binaryName.lastIndexOf('.') + 1);
    return name.replace('$', '_');
  }
}
