package dev.hypha.processor.validation;

import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.HandlerModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.RetryModel;
import dev.hypha.processor.model.TaskModel;
import dev.hypha.processor.model.TypeValue;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Checks that the generated class, which lives in the flow's package, can name every type it
 * mentions: outputs, the input, the exception classes of {@code @Retry} and {@code @OnFault}, a
 * fault handler's exception parameter, and the type a task parameter reads a branch or join as.
 * None of them (nor a type argument, nor an enclosing class) may be private, or package-private in
 * another package.
 */
final class AccessChecks {
  private AccessChecks() {}

  static void check(FlowModel flow, Report report) {
    PackageElement here = packageOf(flow.element());
    for (TaskModel task : flow.tasks()) {
      TypeElement hidden = hidden(task.output(), here);
      if (hidden != null) {
        report.error(
            message("the output of task \"" + task.name() + "\"", hidden, here), task.method());
      }
      checkRetry(task.retry(), here, report);
    }
    for (InputUse use : InputUse.of(flow)) {
      ParameterModel parameter = use.parameter();
      TypeElement hidden = hidden(parameter.type(), here);
      if (hidden != null) {
        String what = "@Input parameter \"" + parameter.name() + "\" of " + use.owner();
        report.error(message(what, hidden, here), parameter.element());
      }
    }
    for (HandlerModel handler : flow.handlers()) {
      checkRetry(handler.retry(), here, report);
      if (handler.kind() == HandlerModel.Kind.FAULT) {
        checkFaultHandler(handler, here, report);
      }
    }
    checkRetry(flow.retry(), here, report);
  }

  /**
   * A parameter that reads a branch as a subtype, or joins branches as an {@code Optional}, has the
   * type it reads as named in the generated class: that type must be visible there too.
   */
  static void checkReadAs(
      FlowModel flow, TaskModel task, ParameterModel parameter, TypeMirror type, Report report) {
    PackageElement here = packageOf(flow.element());
    TypeElement hidden = hidden(type, here);
    if (hidden != null) {
      String what = "parameter \"" + parameter.name() + "\" of task \"" + task.name() + "\"";
      report.error(message(what, hidden, here), parameter.element());
    }
  }

  /** The exception classes of {@code @Retry} are class literals in the generated descriptor. */
  private static void checkRetry(RetryModel retry, PackageElement here, Report report) {
    if (retry == null) {
      return;
    }
    for (TypeValue type : concat(retry.retryOn(), retry.abortOn())) {
      TypeElement hidden = hidden(type.type(), here);
      if (hidden != null) {
        report.error(
            message("@Retry", hidden, here), retry.element(), retry.annotation(), type.value());
      }
    }
  }

  /** Its exception classes are class literals, its exception parameter a type argument. */
  private static void checkFaultHandler(HandlerModel handler, PackageElement here, Report report) {
    for (TypeValue type : handler.exceptions()) {
      TypeElement hidden = hidden(type.type(), here);
      if (hidden != null) {
        report.error(
            message("@OnFault", hidden, here),
            handler.method(),
            handler.annotation(),
            type.value());
      }
    }
    for (ParameterModel parameter : handler.parameters()) {
      TypeElement hidden =
          parameter.isInput() || parameter.context() ? null : hidden(parameter.type(), here);
      if (hidden != null) {
        String what = "parameter \"" + parameter.name() + "\" of " + Describe.handler(handler);
        report.error(message(what, hidden, here), parameter.element());
      }
    }
  }

  private static String message(String what, TypeElement hidden, PackageElement here) {
    return Messages.typeNotAccessible(what, Describe.type(hidden), name(here));
  }

  private static List<TypeValue> concat(List<TypeValue> a, List<TypeValue> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }

  /** The first class in {@code type} that code in package {@code here} cannot name, or null. */
  private static TypeElement hidden(TypeMirror type, PackageElement here) {
    switch (type.getKind()) {
      case DECLARED:
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        for (Element e = element; e instanceof TypeElement nested; e = e.getEnclosingElement()) {
          if (!isVisible(nested, here)) {
            return nested;
          }
        }
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          TypeElement hidden = hidden(argument, here);
          if (hidden != null) {
            return hidden;
          }
        }
        return null;
      case ARRAY:
        return hidden(((ArrayType) type).getComponentType(), here);
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        TypeMirror bound =
            wildcard.getExtendsBound() != null
                ? wildcard.getExtendsBound()
                : wildcard.getSuperBound();
        return bound == null ? null : hidden(bound, here);
      default:
        return null;
    }
  }

  private static boolean isVisible(TypeElement type, PackageElement here) {
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      return false;
    }
    return type.getModifiers().contains(Modifier.PUBLIC) || packageOf(type).equals(here);
  }

  private static PackageElement packageOf(Element element) {
    Element e = element;
    while (!(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    return (PackageElement) e;
  }

  private static String name(PackageElement here) {
    return here.isUnnamed() ? "the unnamed package" : "package " + here.getQualifiedName();
  }
}
