package dev.hypha.processor.validation;

import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.TaskModel;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.type.TypeMirror;

/**
 * A flow's result type as its {@code @OnSuccess} callback receives it: the single sink's output
 * ({@code Optional} of it when a branch may skip the sink), {@code Void} without one, and for
 * several sinks {@code Record}, the supertype of the generated {@code Result} record that the flow
 * class itself cannot name.
 *
 * @param type the type, boxed
 * @param display its name in messages
 */
record FlowResult(TypeMirror type, String display) {

  /** The result of {@code flow}, whose dependencies all name tasks. */
  static FlowResult of(FlowModel flow, TypeRules rules, Branching branching) {
    Set<String> dependedOn = new HashSet<>();
    flow.tasks().forEach(task -> dependedOn.addAll(task.dependencyNames()));
    List<TaskModel> sinks =
        flow.tasks().stream()
            .filter(task -> !dependedOn.contains(task.name()) && !task.isVoid())
            .toList();
    if (sinks.size() > 1) {
      return new FlowResult(rules.named("java.lang.Record"), "Record");
    }
    if (sinks.size() == 1 && branching.mayBeAbsent(sinks.get(0))) {
      TypeMirror optional = rules.optionalOf(sinks.get(0).output());
      return new FlowResult(optional, Describe.type(optional));
    }
    TypeMirror type =
        rules.boxed(sinks.isEmpty() ? rules.named("java.lang.Void") : sinks.get(0).output());
    return new FlowResult(type, Describe.type(type));
  }
}
