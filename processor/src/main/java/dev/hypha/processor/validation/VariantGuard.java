package dev.hypha.processor.validation;

import dev.hypha.processor.model.Binding;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import dev.hypha.processor.validation.DependencyEdge.Read;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * The guard of a branch edge whose parameters take subtypes of the decider's sealed output: the
 * type the output must be an instance of for the task to run. That is the parameter type every
 * other one is a supertype of; else, for parameters {@code A} and {@code B} that a {@code record
 * Both() implements A, B} shares, the subtype of the output whose values are exactly those that are
 * every parameter type ({@code Both}). Reports parameters whose subtypes exclude each other, and
 * overlapping ones that no one subtype stands for.
 */
final class VariantGuard {
  private final FlowModel flow;
  private final TypeRules rules;
  private final Report report;

  VariantGuard(FlowModel flow, TypeRules rules, Report report) {
    this.flow = flow;
    this.rules = rules;
    this.report = report;
  }

  /**
   * The erased guard type of the edge from {@code decider} into {@code task}, whose variant
   * parameters are {@code variants} (at least one); null when it reported an error.
   */
  TypeMirror of(TaskModel task, TaskModel decider, List<Read> variants) {
    List<ParameterModel> parameters = variants.stream().map(Read::parameter).toList();
    List<TypeMirror> types =
        variants.stream()
            .map(read -> rules.erasure(((Binding.Variant) read.binding()).type()))
            .toList();
    if (reportedConflicts(task, decider, parameters, types)) {
      return null;
    }
    for (TypeMirror candidate : types) {
      if (types.stream().allMatch(other -> rules.isAssignable(candidate, other))) {
        return candidate;
      }
    }
    TypeMirror output = decider.output();
    List<TypeElement> common =
        rules.leaves(output).stream().filter(leaf -> isEvery(leaf, types)).toList();
    for (TypeElement subtype : rules.subtypes(output)) {
      if (isEvery(subtype, types)
          && common.stream().allMatch(leaf -> rules.isErasedSubtype(leaf, subtype.asType()))) {
        TypeMirror guard = rules.erasure(subtype.asType());
        AccessChecks.checkReadAs(flow, task, parameters.get(parameters.size() - 1), guard, report);
        return guard;
      }
    }
    List<String> named = new ArrayList<>();
    for (ParameterModel parameter : parameters) {
      named.add("\"" + parameter.name() + "\" (" + Describe.type(parameter.type()) + ")");
    }
    report.error(
        Messages.noCommonSubtype(
            named,
            task.name(),
            decider.name(),
            Describe.type(output),
            common.stream().map(Describe::type).toList()),
        parameters.get(parameters.size() - 1).element());
    return null;
  }

  /** Reports each parameter whose subtype excludes an earlier one's; whether there was any. */
  private boolean reportedConflicts(
      TaskModel task, TaskModel decider, List<ParameterModel> parameters, List<TypeMirror> types) {
    boolean any = false;
    for (int later = 1; later < types.size(); later++) {
      for (int first = 0; first < later; first++) {
        if (rules.isDisjoint(types.get(first), types.get(later), decider.output())) {
          ParameterModel a = parameters.get(first);
          ParameterModel b = parameters.get(later);
          report.error(
              Messages.conflictingBranches(
                  a.name(),
                  Describe.type(a.type()),
                  b.name(),
                  Describe.type(b.type()),
                  task.name(),
                  decider.name(),
                  Describe.type(decider.output())),
              b.element());
          any = true;
          break;
        }
      }
    }
    return any;
  }

  private boolean isEvery(TypeElement value, List<TypeMirror> types) {
    return types.stream().allMatch(type -> rules.isErasedSubtype(value, type));
  }
}
