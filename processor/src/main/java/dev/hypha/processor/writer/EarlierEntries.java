package dev.hypha.processor.writer;

import com.palantir.javapoet.ClassName;
import dev.hypha.annotations.Flow;
import java.util.Arrays;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Decides which entries of the service file an earlier (incremental) build left in the class output
 * still stand. An entry {@code pkg.XFlow$Definition} stands while that class exists and the class
 * it was generated from, {@code pkg.X}, exists and is still a {@code @Flow}; a flow that was
 * deleted, renamed or stripped of {@code @Flow} loses its entry, so {@code ServiceLoader} never
 * meets a class that is gone. Both classes are looked up with the compiler's {@link Elements}, so
 * classes of this compilation and class files of the earlier build count alike.
 */
final class EarlierEntries {
  private static final String SUFFIX = "Flow$Definition";

  private final Elements elements;

  EarlierEntries(Elements elements) {
    this.elements = elements;
  }

  /** Whether the earlier entry {@code binaryName} is to be kept. */
  boolean stands(String binaryName) {
    if (elements.getTypeElement(binaryName.replace('$', '.')) == null) {
      return false; // The generated class is gone.
    }
    int dot = binaryName.lastIndexOf('.');
    String simpleName = binaryName.substring(dot + 1);
    if (!simpleName.endsWith(SUFFIX) || simpleName.length() == SUFFIX.length()) {
      return true; // Not a name Hypha generates: nothing tells where it came from.
    }
    String packageName = dot < 0 ? "" : binaryName.substring(0, dot);
    String joined = simpleName.substring(0, simpleName.length() - SUFFIX.length());
    return flowClass(packageName, joined.split("_", -1), 0)
        .filter(flow -> generates(flow, binaryName))
        .isPresent();
  }

  /**
   * The {@code @Flow} class whose simple names, joined by {@code _}, are {@code parts[from..]}:
   * {@code Outer_Inner} is {@code Outer.Inner} or a class named {@code Outer_Inner}, so every way
   * of cutting the parts is tried, but only below the enclosing classes that exist.
   */
  private Optional<TypeElement> flowClass(String enclosing, String[] parts, int from) {
    for (int to = from + 1; to <= parts.length; to++) {
      String simpleName = String.join("_", Arrays.copyOfRange(parts, from, to));
      String name = enclosing.isEmpty() ? simpleName : enclosing + "." + simpleName;
      TypeElement type = simpleName.isEmpty() ? null : elements.getTypeElement(name);
      if (type == null) {
        continue;
      }
      if (to == parts.length) {
        if (type.getAnnotation(Flow.class) != null) {
          return Optional.of(type);
        }
      } else {
        Optional<TypeElement> nested = flowClass(name, parts, to);
        if (nested.isPresent()) {
          return nested;
        }
      }
    }
    return Optional.empty();
  }

  private static boolean generates(TypeElement flow, String binaryName) {
    return FlowTypes.generatedName(ClassName.get(flow))
        .nestedClass("Definition")
        .reflectionName()
        .equals(binaryName);
  }
}
