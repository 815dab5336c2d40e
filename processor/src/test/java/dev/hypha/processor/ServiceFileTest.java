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

  @Test
  void incrementalCompilationDropsEntriesWhoseFlowIsGone(@TempDir Path directory)
      throws IOException {
    Path out = Files.createDirectories(directory.resolve("classes"));
    Files.createDirectories(out.resolve(SERVICE_FILE).getParent());
    Files.writeString(
        out.resolve(SERVICE_FILE), "shop.DeletedFlow$Definition\nshop.RenamedFlow$Definition\n");
    Path second =
        write(
            directory,
            "shop/Second.java",
            "@Flow public class Second { @Task public void b() {} }");

    javac(out, second);

    assertThat(Files.readString(out.resolve(SERVICE_FILE)))
        .isEqualTo("shop.SecondFlow$Definition\n");
  }

  @Test
  void incrementalCompilationKeepsAnEntryNotNamedLikeAGeneratedOneWhileItsClassExists(
      @TempDir Path directory) throws IOException {
    Path out = Files.createDirectories(directory.resolve("classes"));
    javac(out, write(directory, "shop/Handmade.java", "public class Handmade {}"));
    Files.createDirectories(out.resolve(SERVICE_FILE).getParent());
    Files.writeString(out.resolve(SERVICE_FILE), "shop.Handmade\nshop.Missing\n");
    Path second =
        write(
            directory,
            "shop/Second.java",
            "@Flow public class Second { @Task public void b() {} }");

    javac(out, second);

    assertThat(Files.readString(out.resolve(SERVICE_FILE)))
        .isEqualTo("shop.Handmade\nshop.SecondFlow$Definition\n");
  }

  @Test
  void incrementalCompilationDropsTheEntryOfAClassThatIsNoLongerAFlow(@TempDir Path directory)
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

    write(directory, "shop/First.java", "public class First { public void a() {} }");
    javac(out, first, second);

    // FirstFlow's class files are still in the output, but First is no longer a @Flow.
    assertThat(out.resolve("shop/FirstFlow$Definition.class")).exists();
    assertThat(Files.readString(out.resolve(SERVICE_FILE)))
        .isEqualTo("shop.SecondFlow$Definition\n");
  }

  @Test
  void incrementalCompilationWithoutFlowsStillDropsStaleEntries(@TempDir Path directory)
      throws IOException {
    Path out = Files.createDirectories(directory.resolve("classes"));
    Path first =
        write(
            directory, "shop/First.java", "@Flow public class First { @Task public void a() {} }");
    javac(out, first);
    Files.writeString(
        out.resolve(SERVICE_FILE),
        Files.readString(out.resolve(SERVICE_FILE)) + "shop.DeletedFlow$Definition\n");
    // javac calls the processor only for sources with annotations it supports; here the
    // @Generated of another processor's output. Without any, the runtime skips stale entries.
    Path plain =
        write(
            directory,
            "shop/Plain.java",
            "@javax.annotation.processing.Generated(\"other\") public class Plain {}");

    javac(out, plain);

    assertThat(Files.readString(out.resolve(SERVICE_FILE)))
        .isEqualTo("shop.FirstFlow$Definition\n");
  }

  @Test
  void incrementalCompilationKeepsNestedAndUnderscoredFlowsOfEarlierBuilds(@TempDir Path directory)
      throws IOException {
    Path out = Files.createDirectories(directory.resolve("classes"));
    Path outer =
        write(
            directory,
            "shop/Outer.java",
            "public class Outer {",
            "  public static class Inner_Most {",
            "    @Flow public static class Deep { @Task public void a() {} }",
            "  }",
            "}");
    Path snake =
        write(
            directory,
            "shop/Snake_Case.java",
            "@Flow public class Snake_Case { @Task public void b() {} }");
    Path second =
        write(
            directory,
            "shop/Second.java",
            "@Flow public class Second { @Task public void c() {} }");
    javac(out, outer, snake);

    javac(out, second);

    assertThat(Files.readString(out.resolve(SERVICE_FILE)))
        .isEqualTo(
            "shop.Outer_Inner_Most_DeepFlow$Definition\n"
                + "shop.SecondFlow$Definition\n"
                + "shop.Snake_CaseFlow$Definition\n");
  }

  private static Path write(Path directory, String path, String... body) throws IOException {
    Path file = directory.resolve("src").resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "package shop;\n" + Flows.IMPORTS + "\n" + String.join("\n", body) + "\n",
        StandardCharsets.UTF_8);
    return file;
  }

  /** Compiles {@code sources} into {@code out} with the real javac, the way a build tool does. */
  private static void javac(Path out, Path... sources) {
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
              files.getJavaFileObjectsFromPaths(List.of(sources)));
      task.setProcessors(List.of(new HyphaProcessor()));
      assertThat(task.call()).as("compiling %s", List.of(sources)).isTrue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
