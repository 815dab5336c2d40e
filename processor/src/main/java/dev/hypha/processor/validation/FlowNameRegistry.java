package dev.hypha.processor.validation;

import dev.hypha.processor.model.FlowModel;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers the flow names of one compilation, across rounds, so two flows cannot share one. The
 * first class to claim a name keeps it; every later one is an error.
 *
 * <p>Not thread-safe.
 */
final class FlowNameRegistry {
  private final Map<String, String> classByName = new HashMap<>();

  void claim(FlowModel flow, Report report) {
    String owner = classByName.putIfAbsent(flow.name(), flow.qualifiedName());
    if (owner != null && !owner.equals(flow.qualifiedName())) {
      if (flow.nameValue() != null) {
        report.error(
            Messages.duplicateFlowName(flow.name(), owner),
            flow.element(),
            flow.annotation(),
            flow.nameValue());
      } else {
        report.error(
            Messages.duplicateFlowName(flow.name(), owner), flow.element(), flow.annotation());
      }
    }
  }
}
