package dev.hypha.processor.validation;

import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.ParameterModel;
import java.util.List;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * Checks that every {@code @Input} parameter of a flow, of tasks and handlers alike, has one type,
 * which is the flow's input.
 */
final class InputChecks {
  private InputChecks() {}

  /**
   * The flow's input type: the {@code @Input} type, boxed unless every {@code @Input} parameter is
   * the same primitive; empty when nothing takes the input.
   */
  static Optional<TypeMirror> check(FlowModel flow, TypeRules rules, Report report) {
    List<InputUse> uses = InputUse.of(flow);
    if (uses.isEmpty()) {
      return Optional.empty();
    }
    InputUse first = uses.get(0);
    boolean allPrimitive = true;
    for (InputUse use : uses) {
      ParameterModel parameter = use.parameter();
      allPrimitive &= parameter.type().getKind().isPrimitive();
      if (!rules.isSameBoxed(first.parameter().type(), parameter.type())) {
        report.error(
            Messages.inputTypeConflict(
                parameter.name(),
                use.owner(),
                Describe.type(parameter.type()),
                first.owner(),
                Describe.type(first.parameter().type())),
            parameter.element(),
            parameter.input());
      }
    }
    TypeMirror type = first.parameter().type();
    return Optional.of(allPrimitive ? type : rules.boxed(type));
  }
}
