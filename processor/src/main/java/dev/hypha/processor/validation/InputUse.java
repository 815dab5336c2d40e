package dev.hypha.processor.validation;

import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.HandlerModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;

/**
 * An {@code @Input} parameter of a task or handler, with its owner as messages name it. A task's
 * parameter that is {@code @Signal} as well takes a signal's payload, not the input.
 *
 * @param owner {@code task "load"} or {@code @OnFailure method alert()}
 * @param parameter the parameter
 */
record InputUse(String owner, ParameterModel parameter) {

  /** Every {@code @Input} parameter of {@code flow}: the tasks' in source order, then handlers'. */
  static List<InputUse> of(FlowModel flow) {
    List<InputUse> uses = new ArrayList<>();
    for (TaskModel task : flow.tasks()) {
      add(
          "task \"" + task.name() + "\"",
          task.parameters().stream().filter(parameter -> !parameter.isSignal()).toList(),
          uses);
    }
    Set<ExecutableElement> seen = new HashSet<>();
    for (HandlerModel handler : flow.handlers()) {
      if (seen.add(handler.method())) {
        add(Describe.handler(handler), handler.parameters(), uses);
      }
    }
    return uses;
  }

  private static void add(String owner, List<ParameterModel> parameters, List<InputUse> uses) {
    for (ParameterModel parameter : parameters) {
      if (parameter.isInput()) {
        uses.add(new InputUse(owner, parameter));
      }
    }
  }
}
