package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunNotRetryableException;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskDescriptor;

/**
 * What both kinds of engine check before they retry a run (see {@link
 * dev.hypha.runtime.Hypha#retry}). The store's own change checks the state once more, in its
 * transaction, for a run that changed meanwhile.
 *
 * <p>Stateless and thread-safe.
 */
public final class Retries {
  private Retries() {}

  /**
   * Throws {@link RunNotRetryableException} unless the run of {@code detail}, of the flow {@code
   * flow}, can be retried.
   */
  public static void check(RunDetail detail, FlowDescriptor flow) {
    RunSummary summary = detail.summary();
    if (summary.state() != RunState.FAILED) {
      throw new RunNotRetryableException(
          summary.id(),
          "it is "
              + summary.state()
              + (summary.state() == RunState.RUNNING
                  ? "; only a FAILED run is retried"
                  : "; only a FAILED run is retried (start a new run instead)"));
    }
    if (!detail.tasks(TaskKind.COMPENSATION).isEmpty()) {
      throw new RunNotRetryableException(
          summary.id(),
          "its succeeded tasks were compensated after the failure, so their effects are undone;"
              + " start a new run");
    }
    if (!flow.shapeHash().equals(summary.shapeHash())) {
      throw new RunNotRetryableException(
          summary.id(),
          "it was started by a version of flow "
              + flow.name()
              + " with shape "
              + summary.shapeHash()
              + ", but this code has shape "
              + flow.shapeHash()
              + "; retry it from the old version, or start a new run");
    }
    for (TaskDescriptor task : flow.tasks()) {
      String kind =
          task.forEach().isPresent()
              ? "@ForEach"
              : task.loop().isPresent()
                  ? "@Loop"
                  : task.subFlow() ? "sub-flow" : task.signal().isPresent() ? "@Signal" : null;
      if (kind != null) {
        throw new RunNotRetryableException(
            summary.id(),
            "its flow "
                + flow.name()
                + " has a "
                + kind
                + " task ("
                + task.name()
                + "), and retry does not handle "
                + kind
                + " tasks yet; start a new run");
      }
    }
  }
}
