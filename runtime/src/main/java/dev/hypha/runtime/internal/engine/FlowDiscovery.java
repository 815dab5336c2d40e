package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.spi.FlowDefinition;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the generated flow definitions on a class path through {@link ServiceLoader}. An entry of
 * the service file whose class is missing, cannot be instantiated or has no descriptor — typically
 * left behind by an incremental build after a flow was deleted or renamed — is skipped with a
 * warning that names it and the fix, so one stale entry does not keep every other flow from
 * opening.
 *
 * <p>Stateless and thread-safe.
 */
public final class FlowDiscovery {
  private static final Logger LOG = LoggerFactory.getLogger(FlowDiscovery.class);

  /** Where the processor lists the generated definitions. */
  static final String SERVICE_FILE = "META-INF/services/" + FlowDefinition.class.getName();

  /**
   * Past this many failures in a row the class path is given up on: {@link ServiceLoader} makes
   * only a best effort to go on after an error.
   */
  private static final int MAX_FAILURES_IN_A_ROW = 1_000;

  private FlowDiscovery() {}

  /**
   * The flows listed on {@code loader}'s class path, by name; the first definition of a name wins.
   * Entries that cannot be loaded are logged as warnings and skipped.
   */
  public static Map<String, FlowDefinition<?, ?, ?>> flows(ClassLoader loader) {
    return flows(loader, LOG::warn);
  }

  @SuppressWarnings("rawtypes")
  static Map<String, FlowDefinition<?, ?, ?>> flows(ClassLoader loader, Consumer<String> warn) {
    Map<String, FlowDefinition<?, ?, ?>> flows = new LinkedHashMap<>();
    Iterator<FlowDefinition> providers =
        ServiceLoader.load(FlowDefinition.class, loader).iterator();
    int failuresInARow = 0;
    while (failuresInARow < MAX_FAILURES_IN_A_ROW) {
      FlowDefinition<?, ?, ?> definition = null;
      String name;
      try {
        if (!providers.hasNext()) {
          break;
        }
        definition = providers.next();
        name = definition.descriptor().name();
      } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
        failuresInARow++;
        warn.accept(skipped(definition, e));
        continue;
      }
      failuresInARow = 0;
      flows.putIfAbsent(name, definition);
    }
    if (failuresInARow == MAX_FAILURES_IN_A_ROW) {
      warn.accept("gave up reading " + SERVICE_FILE + " after " + failuresInARow + " failures");
    }
    return flows;
  }

  private static String skipped(FlowDefinition<?, ?, ?> definition, Throwable error) {
    String what;
    if (definition != null) {
      what = definition.getClass().getName() + " could not describe its flow (" + error + ")";
    } else if (error instanceof ServiceConfigurationError && error.getCause() == null) {
      what = error.getMessage(); // "...: Provider shop.OrdersFlow$Definition not found"
    } else if (error instanceof ServiceConfigurationError) {
      what = error.getMessage() + " (" + error.getCause() + ")";
    } else {
      what = error.toString();
    }
    return "skipped a flow listed in "
        + SERVICE_FILE
        + ": "
        + what
        + ". The entry is stale, usually left by an incremental build after a flow was deleted or"
        + " renamed; rebuild the project with a clean class output (for example mvn clean"
        + " compile) so that the file lists only flows that exist";
  }
}
