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
            .withProcessors(new ReceiptGenerator(), new HyphaProcessor())
            .compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedSourceFile("shop.BillingFlow")
        .contentsAsUtf8String()
        .contains("arguments.<Receipt>output(0)");
  }

  /** Generates {@code shop.Receipt} in the first round, like any other code generator. */
  private static final class ReceiptGenerator extends AbstractProcessor {
    private boolean done;

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
        try (Writer writer =
            processingEnv.getFiler().createSourceFile("shop.Receipt").openWriter()) {
          writer.write("package shop; public record Receipt(String id) {}");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }
}
