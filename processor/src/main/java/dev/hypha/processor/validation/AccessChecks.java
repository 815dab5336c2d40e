package dev.hypha.processor.validation;

import dev.hypha.processor.model.FlowModel;
import dev.hypha.processor.model.ParameterModel;
import dev.hypha.processor.model.TaskModel;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Checks that the generated class, which lives in the flow's package, can name every output type
 * and the input type: none of them (nor a type argument, nor an enclosing class) may be private, or
 * package-private in another package.
 */
final class AccessChecks {
  private AccessChecks() {}

  static void check(FlowModel flow, Report report) {
    PackageElement here = packageOf(flow.element());
    for (TaskModel task : flow.tasks()) {
      TypeElement hidden = hidden(task.output(), here);
      if (hidden != null) {
        report.error(
            Messages.typeNotAccessible(
                "the output of task \"" + task.name() + "\"", Describe.type(hidden), name(here)),
            task.method());
      }
      for (ParameterModel parameter : task.parameters()) {
        TypeElement hiddenInput = parameter.isInput() ? hidden(parameter.type(), here) : null;
        if (hiddenInput != null) {
          report.error(
              Messages.typeNotAccessible(
                  "@Input parameter \"" + parameter.name() + "\" of task \"" + task.name() + "\"",
                  Describe.type(hiddenInput),
                  name(here)),
              parameter.element());
        }
      }
    }
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
