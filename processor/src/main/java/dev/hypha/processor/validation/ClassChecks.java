package dev.hypha.processor.validation;

import dev.hypha.processor.model.FlowModel;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/** Checks the {@code @Flow} class itself: its kind, visibility, nesting, type parameters, name. */
final class ClassChecks {
  /** Lower-case kebab-case: {@code order-fulfilment}, {@code s3-upload}. */
  static final Pattern FLOW_NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

  private ClassChecks() {}

  /**
   * Reports what is wrong with the class of {@code flow}.
   *
   * @return false if the annotated type is not a class at all, so its tasks mean nothing
   */
  static boolean check(FlowModel flow, Report report) {
    TypeElement type = flow.element();
    String name = Describe.type(type);
    if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD) {
      String kind = type.getKind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
      report.error(Messages.flowNotClass(kind, name), type, flow.annotation());
      return false;
    }
    if (!type.getModifiers().contains(Modifier.PUBLIC)) {
      report.error(Messages.flowNotPublic(name), type);
    }
    for (Element outer = type.getEnclosingElement();
        outer instanceof TypeElement enclosing;
        outer = enclosing.getEnclosingElement()) {
      if (!enclosing.getModifiers().contains(Modifier.PUBLIC)) {
        report.error(Messages.flowEnclosingNotPublic(name, Describe.type(enclosing)), type);
      }
    }
    if (type.getNestingKind() == NestingKind.MEMBER
        && !type.getModifiers().contains(Modifier.STATIC)) {
      report.error(Messages.flowInnerClass(name), type);
    }
    if (!type.getTypeParameters().isEmpty()) {
      report.error(Messages.flowGeneric(name), type);
    }
    if (flow.tasks().isEmpty()) {
      report.error(Messages.flowNoTasks(name), type);
    }
    if (!FLOW_NAME.matcher(flow.name()).matches()) {
      if (flow.nameValue() != null) {
        report.error(
            Messages.invalidFlowName(flow.name()), type, flow.annotation(), flow.nameValue());
      } else {
        report.error(Messages.invalidDefaultFlowName(name, flow.name()), type, flow.annotation());
      }
    }
    return true;
  }
}
