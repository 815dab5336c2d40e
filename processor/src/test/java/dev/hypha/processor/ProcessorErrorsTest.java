package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import javax.tools.JavaFileObject;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

class ProcessorErrorsTest {
  private static final String TASK = "  @Task public String load() { return \"a\"; }";

  @Test
  void internalFailureIsReportedWithItsStackTraceInsteadOfCrashingJavac() {
    JavaFileObject source = source("shop.Orders", "@Flow public class Orders {", TASK, "}");

    Compilation compilation =
        Compiler.javac()
            .withProcessors(
                new DelegatingProcessor(
                    new HyphaProcessor(),
                    (method, args) -> {
                      if (method.getName().equals("createSourceFile")) {
                        throw new IllegalStateException("disk on fire");
                      }
                    }))
            .compile(source);

    assertThat(compilation)
        .hadErrorContaining("[hypha:internal-error] the Hypha processor failed on shop.Orders;")
        .inFile(source)
        .onLineContaining("class Orders");
    assertThat(compilation).hadErrorContaining("java.lang.IllegalStateException: disk on fire");
    assertThat(compilation).hadErrorContaining("at dev.hypha.processor.writer.FlowClassWriter");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void twoFlowsGeneratingTheSameClassNameReportAWriteFailure() {
    JavaFileObject nested =
        source(
            "shop.Outer",
            "public class Outer {",
            "  @Flow public static class Inner {",
            "  " + TASK,
            "  }",
            "}");
    JavaFileObject topLevel =
        source("shop.Outer_Inner", "@Flow public class Outer_Inner {", TASK, "}");

    Compilation compilation = Flows.compile(nested, topLevel);

    assertThat(compilation)
        .hadErrorContaining("[hypha:write-failed] could not write shop.Outer_InnerFlow")
        .inFile(topLevel)
        .onLineContaining("class Outer_Inner");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void flowWhoseTypesNeverResolveLeavesTheErrorsToJavac() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public Missing load() { return null; }",
            "}");

    Compilation compilation = Flows.compile(source);

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("Missing");
    Assertions.assertThat(compilation.errors())
        .noneMatch(error -> error.getMessage(null).contains("[hypha:"));
  }
}
