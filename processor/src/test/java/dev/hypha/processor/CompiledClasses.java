package dev.hypha.processor;

import com.google.testing.compile.Compilation;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/**
 * Loads the classes a compilation wrote, so tests call generated code directly. Runtime and
 * annotation types come from the test's own class path, so they are shared with the tests.
 */
final class CompiledClasses extends ClassLoader {
  private final Map<String, byte[]> classes = new HashMap<>();

  CompiledClasses(Compilation compilation) {
    super(CompiledClasses.class.getClassLoader());
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = file.toUri().getPath();
      String name = path.substring(path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length());
      try (InputStream in = file.openInputStream()) {
        classes.put(name.replace(".class", "").replace('/', '.'), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  /** The class {@code name}, loaded from the compilation. */
  Class<?> load(String name) {
    try {
      return loadClass(name);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("the compilation wrote no class " + name, e);
    }
  }

  /** A new instance of the generated {@code Definition} of {@code flowClass}'s flow. */
  @SuppressWarnings("unchecked")
  FlowDefinition<Object, Object, Object> definition(String generatedClass) {
    try {
      return (FlowDefinition<Object, Object, Object>)
          load(generatedClass + "$Definition").getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** The descriptor of the generated class {@code generatedClass}, through its static method. */
  FlowDescriptor descriptor(String generatedClass) {
    try {
      return (FlowDescriptor) load(generatedClass).getMethod("descriptor").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** A new instance of the (flow) class {@code name}. */
  Object instance(String name) {
    try {
      return load(name).getConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
