package dev.hypha.processor.validation;

import dev.hypha.processor.graph.NearestName;
import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.SignalModel;
import dev.hypha.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Checks the condition a {@code @Signal(when = "...")} names: a method of the flow class (its own
 * or inherited) that is {@code public static}, returns {@code boolean} and takes one parameter that
 * a payload can be passed to, as the generated {@code Flow::method} reference needs. Of several
 * methods of that name, one such is enough; otherwise the faults of the first, those the flow class
 * declares first, are reported.
 */
final class SignalConditions {
  private SignalConditions() {}

  /** Whether the condition of {@code parameter}'s {@code @Signal} is valid or absent. */
  static boolean check(
      FlowModel flow,
      TaskModel task,
      ParameterModel parameter,
      TypeMirror payload,
      TypeRules rules,
      Report report) {
    SignalModel signal = parameter.signal();
    String when = signal.when();
    if (when.isEmpty()) {
      return true;
    }
    List<ExecutableElement> named = new ArrayList<>();
    for (ExecutableElement method : rules.methods(flow.element())) {
      if (method.getSimpleName().contentEquals(when)) {
        named.add(method);
      }
    }
    String signature = "public static boolean " + when + "(" + Describe.type(payload) + " payload)";
    if (named.isEmpty()) {
      List<String> declared =
          ElementFilter.methodsIn(flow.element().getEnclosedElements()).stream()
              .map(method -> method.getSimpleName().toString())
              .distinct()
              .toList();
      report.error(
          Messages.signalConditionUnknown(
              when,
              parameter.name(),
              task.name(),
              Describe.type(flow.element()),
              NearestName.find(when, declared),
              signature),
          parameter.element(),
          signal.annotation(),
          signal.whenValue());
      return false;
    }
    named.sort(
        Comparator.comparing(method -> !method.getEnclosingElement().equals(flow.element())));
    List<String> first = null;
    for (ExecutableElement method : named) {
      List<String> faults = faults(method, payload, rules);
      if (faults.isEmpty()) {
        return true;
      }
      first = first == null ? faults : first;
    }
    report.error(
        Messages.signalCondition(
            parameter.name(), task.name(), Describe.method(named.get(0)), first, signature),
        parameter.element(),
        signal.annotation(),
        signal.whenValue());
    return false;
  }

  /** What keeps {@code method} from being a condition on {@code payload}; empty when nothing. */
  private static List<String> faults(
      ExecutableElement method, TypeMirror payload, TypeRules rules) {
    List<String> faults = new ArrayList<>();
    boolean isPublic = method.getModifiers().contains(Modifier.PUBLIC);
    boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
    if (!isPublic && !isStatic) {
      faults.add("is neither public nor static");
    } else if (!isPublic) {
      faults.add("is not public");
    } else if (!isStatic) {
      faults.add("is not static");
    }
    if (method.getReturnType().getKind() != TypeKind.BOOLEAN) {
      faults.add("returns " + Describe.type(method.getReturnType()));
    }
    int count = method.getParameters().size();
    if (count == 0) {
      faults.add("takes no parameter");
    } else if (count > 1) {
      faults.add("takes " + count + " parameters");
    } else {
      TypeMirror type = method.getParameters().get(0).asType();
      if (!rules.isAssignable(payload, type)) {
        faults.add(
            "takes "
                + Describe.type(type)
                + ", to which a payload of "
                + Describe.type(payload)
                + " cannot be passed");
      }
    }
    return faults;
  }
}
