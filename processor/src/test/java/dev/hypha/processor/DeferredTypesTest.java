package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A flow may use types that another processor generates; it is processed once they exist. */
class DeferredTypesTest {

  @Test
  void flowUsingATypeGeneratedInALaterRoundIsGeneratedOnceTheTypeExists() {
    JavaFileObject source =
        source(
            "shop.Billing",
            "@Flow public class Billing {",
            "  @Task public Receipt bill() { return new Receipt(\"r1\"); }",
            "  @Task @DependsOn(\"bill\") public String print(Receipt bill) { return bill.id(); }",
            "}");

    Compilation compilation =
        Compiler.javac()
            .withProcessors(
                new SourceGenerator("shop.Receipt", "public record Receipt(String id) {}"),
                new HyphaProcessor())
            .compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedSourceFile("shop.BillingFlow")
        .contentsAsUtf8String()
        .contains("arguments.<Receipt>output(0)");
  }

  @Test
  void exceptionClassGeneratedInALaterRoundIsAwaitedToo() {
    JavaFileObject source =
        source(
            "shop.Billing",
            "@Flow public class Billing {",
            "  @Task @Retry(abortOn = Declined.class) public String bill() { return \"r1\"; }",
            "  @OnFault(task = \"bill\", value = Declined.class)",
            "  public String unpaid(Declined declined) { return \"none\"; }",
            "}");

    Compilation compilation =
        Compiler.javac()
            .withProcessors(
                new SourceGenerator(
                    "shop.Declined",
                    "public class Declined extends RuntimeException {"
                        + " private static final long serialVersionUID = 1L; }"),
                new HyphaProcessor())
            .compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedSourceFile("shop.BillingFlow")
        .contentsAsUtf8String()
        .contains("HandlerDescriptor.fault(\"bill\", \"unpaid\", List.of(Declined.class))");
  }

  @Test
  void exceptionClassThatNeverExistsIsOnlyJavacsError() {
    JavaFileObject source =
        source(
            "shop.Billing",
            "@Flow public class Billing {",
            "  @Task public String bill() { return \"r1\"; }",
            "  @OnFault(task = \"bill\", value = Missing.class)",
            "  public String unpaid() { return \"none\"; }",
            "}");

    Compilation compilation = Flows.compile(source);

    assertThat(compilation).hadErrorContaining("cannot find symbol").inFile(source);
    assertThat(compilation).hadErrorCount(1);
  }

  /** Generates one class in the first round, like any other code generator. */
  private static final class SourceGenerator extends AbstractProcessor {
    private final String name;
    private final String code;
    private boolean done;

    /** Generates {@code name} in package {@code shop} with {@code code} as its declaration. */
    SourceGenerator(String name, String code) {
      this.name = name;
      this.code = code;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("dev.hypha.annotations.Flow");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!done) {
        done = true;
        try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
          writer.write("package shop; " + code);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
