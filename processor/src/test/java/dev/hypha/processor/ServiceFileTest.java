package dev.hypha.processor;

import static dev.hypha.processor.Flows.compileClean;
import static dev.hypha.processor.Flows.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ServiceLoader} file that lists every generated {@code Definition}. */
class ServiceFileTest {
  private static final String SERVICE_FILE =
      "META-INF/services/dev.hypha.runtime.spi.FlowDefinition";

  @Test
  void listsTheDefinitionOfEveryValidFlowOfTheCompilation() throws IOException {
    Compilation compilation =
        compileClean(
            source("shop.Orders", "@Flow public class Orders {", "  @Task public void a() {}", "}"),
            source(
                "shop.Outer",
                "public class Outer {",
                "  @Flow public static class Inner { @Task public void b() {} }",
                "}"));

    String text =
        compilation
            .generatedFile(StandardLocation.CLASS_OUTPUT, SERVICE_FILE)
            .orElseThrow()
            .getCharContent(true)
            .toString();

    assertThat(text).isEqualTo("shop.OrdersFlow$Definition\nshop.Outer_InnerFlow$Definition\n");
  }

  @Test
  void incrementalCompilationMergesWithTheEntriesAlreadyInTheOutput(@TempDir Path directory)
      throws IOException {
    Path out = Files.createDirectories(directory.resolve("classes"));
    Path first =
        write(
            directory, "shop/First.java", "@Flow public class First { @Task public void a() {} }");
    Path second =
        write(
            directory,
            "shop/Second.java",
            "@Flow public class Second { @Task public void b() {} }");

    javac(out, first);
    javac(out, second);

    assertThat(Files.readString(out.resolve(SERVICE_FILE)))
        .isEqualTo("shop.FirstFlow$Definition\nshop.SecondFlow$Definition\n");
  }

  private static Path write(Path directory, String path, String body) throws IOException {
    Path file = directory.resolve("src").resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, "package shop;\n" + Flows.IMPORTS + "\n" + body + "\n", StandardCharsets.UTF_8);
    return file;
  }

  /** Compiles {@code source} into {@code out} with the real javac, the way a build tool does. */
  private static void javac(Path out, Path source) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
      files.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
      files.setLocationFromPaths(StandardLocation.SOURCE_OUTPUT, List.of(out));
      JavaCompiler.CompilationTask task =
          compiler.getTask(
              null,
              files,
              null,
              List.of("-classpath", System.getProperty("java.class.path") + ":" + out),
              null,
              files.getJavaFileObjectsFromPaths(List.of(source)));
      task.setProcessors(List.of(new HyphaProcessor()));
      assertThat(task.call()).as("compiling %s", source).isTrue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
