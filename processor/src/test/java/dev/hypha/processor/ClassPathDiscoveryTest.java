package dev.hypha.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor is found the way javac finds processors when a build names none: through {@code
 * META-INF/services/javax.annotation.processing.Processor} on the class path (written by
 * AutoService). The samples module covers the other way, {@code annotationProcessorPaths}.
 */
class ClassPathDiscoveryTest {

  @Test
  void plainJavacWithTheProcessorOnTheClassPathGeneratesTheFlowClass(@TempDir Path directory)
      throws Exception {
    Path source = directory.resolve("src/shop/Orders.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        String.join(
            "\n",
            "package shop;",
            "import dev.hypha.annotations.*;",
            "@Flow public class Orders {",
            "  @Task public int count(@Input String text) { return text.length(); }",
            "}"));
    Path generated = Files.createDirectories(directory.resolve("generated"));
    Path classes = Files.createDirectories(directory.resolve("classes"));
    ByteArrayOutputStream errors = new ByteArrayOutputStream();

    int exit =
        ToolProvider.getSystemJavaCompiler()
            .run(
                null,
                null,
                new PrintStream(errors, true, StandardCharsets.UTF_8),
                "-classpath",
                System.getProperty("java.class.path"),
                "-s",
                generated.toString(),
                "-d",
                classes.toString(),
                source.toString());

    assertThat(exit).as(errors.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(generated.resolve("shop/OrdersFlow.java")).exists();
    assertThat(classes.resolve("shop/OrdersFlow$Definition.class")).exists();
    assertThat(classes.resolve("META-INF/services/dev.hypha.runtime.spi.FlowDefinition"))
        .hasContent("shop.OrdersFlow$Definition");
  }
}
