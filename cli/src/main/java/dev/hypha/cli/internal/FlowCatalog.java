package dev.hypha.cli.internal;

import dev.hypha.cli.ExitCode;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flows on the class path (the command's and {@code --classpath}'s), found through their
 * generated descriptors as the runtime finds them, without opening a store: {@code hypha flows} and
 * {@code hypha graph} describe the application, not a database. Immutable.
 */
public final class FlowCatalog {
  private final Map<String, FlowDescriptor> flows;

  private FlowCatalog(Map<String, FlowDescriptor> flows) {
    this.flows = flows;
  }

  /** The flows the context class loader lists; call after {@link GlobalOptions#prepare()}. */
  public static FlowCatalog onClassPath() {
    Map<String, FlowDescriptor> flows = new TreeMap<>();
    for (FlowDescriptor flow :
        Hypha.flowsOnClassPath(Thread.currentThread().getContextClassLoader())) {
      flows.put(flow.name(), flow);
    }
    return new FlowCatalog(flows);
  }

  /** Every flow, sorted by name. */
  public Collection<FlowDescriptor> all() {
    return flows.values();
  }

  /**
   * The flow {@code name}.
   *
   * @throws CliException (not found) naming the flows there are
   */
  public FlowDescriptor flow(String name) {
    FlowDescriptor flow = flows.get(name);
    if (flow == null) {
      throw unknown(name, new ArrayList<>(flows.keySet()));
    }
    return flow;
  }

  /** The error for an unknown flow, naming the known ones and how to add an application's. */
  public static CliException unknown(String name, List<String> known) {
    return new CliException(
        ExitCode.NOT_FOUND,
        "no flow named '"
            + name
            + "' is on the class path (flows: "
            + (known.isEmpty() ? "none" : String.join(", ", known))
            + "); check the name, or pass --classpath with the application's jars or classes"
            + " (compiled with hypha-processor)");
  }
}
