package dev.hypha.processor.writer;

import com.palantir.javapoet.NameAllocator;

/** Allocates Java names for generated members derived from task names. */
final class JavaNames {
  /** Methods every class has; a generated method or record component must not take these names. */
  private static final String[] OBJECT_METHODS = {
    "getClass", "hashCode", "equals", "toString", "notify", "notifyAll", "wait", "clone", "finalize"
  };

  private JavaNames() {}

  /** A task name as a Java member name: {@code low-stock} is {@code lowStock}. */
  static String member(String taskName) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : taskName.toCharArray()) {
      if (c == '-') {
        upper = name.length() > 0;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }

  /**
   * An allocator in which the names of {@link Object}'s methods and {@code reserved} are taken, so
   * a task named {@code wait} or {@code runId} gets {@code wait_} or {@code runId_}.
   */
  static NameAllocator allocator(String... reserved) {
    NameAllocator names = new NameAllocator();
    for (String name : OBJECT_METHODS) {
      names.newName(name);
    }
    for (String name : reserved) {
      names.newName(name);
    }
    return names;
  }
}
