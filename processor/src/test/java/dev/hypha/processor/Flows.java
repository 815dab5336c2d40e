package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;

/** Compiles inline sources through the real {@link HyphaProcessor}. */
final class Flows {
  /** Imports every flow source in the tests starts with. */
  static final String IMPORTS =
      "import dev.hypha.annotations.*; import dev.hypha.runtime.Step;"
          + " import dev.hypha.runtime.SubFlow; import dev.hypha.runtime.TaskContext;"
          + " import dev.hypha.runtime.TaskError; import java.util.*;";

  private Flows() {}

  /** A source file {@code name} (a qualified class name) of package {@code shop}, with imports. */
  static JavaFileObject source(String name, String... lines) {
    List<String> all = new ArrayList<>();
    all.add("package " + name.substring(0, name.lastIndexOf('.')) + ";");
    all.add(IMPORTS);
    all.addAll(List.of(lines));
    return JavaFileObjects.forSourceLines(name, all);
  }

  /** Compiles {@code sources} with the processor. */
  static Compilation compile(JavaFileObject... sources) {
    return compiler().compile(sources);
  }

  /** The compiler with the processor, no options. */
  static Compiler compiler() {
    return Compiler.javac().withProcessors(new HyphaProcessor());
  }

  /** The classes the processor generated while compiling {@code sources}, valid or not. */
  static List<String> generatedClasses(JavaFileObject... sources) {
    DelegatingProcessor watched = new DelegatingProcessor(new HyphaProcessor());
    Compiler.javac().withProcessors(watched).compile(sources);
    return watched.createdSources();
  }

  /** Compiles {@code sources}, asserting that they compile. */
  static Compilation compileClean(JavaFileObject... sources) {
    Compilation compilation = compile(sources);
    assertThat(compilation).succeeded();
    return compilation;
  }
}
