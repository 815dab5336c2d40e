package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compile;
import static dev.hypha.processor.Flows.source;

import com.google.testing.compile.Compilation;
import dev.hypha.processor.validation.Messages;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class MultipleErrorsTest {

  @Test
  void everyMistakeOfAFlowIsReportedNotJustTheFirst() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load(@Input String id) { return id; }",
            "  @Task @DependsOn(\"lod\") public String charge() { return \"paid\"; }",
            "  @Task public static String audit() { return \"ok\"; }",
            "  @Task public String count(@Input Integer number) { return \"n\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.unknownDependency(
                "lod", "orders", Optional.of("load"), List.of("load", "charge", "audit", "count")))
        .inFile(source)
        .onLineContaining("\"lod\"");
    assertThat(compilation)
        .hadErrorContaining(Messages.taskStatic("audit()"))
        .inFile(source)
        .onLineContaining("audit()");
    assertThat(compilation)
        .hadErrorContaining(
            Messages.inputTypeConflict(
                "number", "task \"count\"", "Integer", "task \"load\"", "String"))
        .inFile(source)
        .onLineContaining("Integer number");
    assertThat(compilation).hadErrorCount(3);
  }

  @Test
  void errorsOfSeveralFlowsAreAllReportedAndValidFlowsStillGenerate() {
    JavaFileObject broken =
        source(
            "shop.Broken",
            "@Flow public class Broken {",
            "  @Task @DependsOn(\"missing\") public String load() { return \"a\"; }",
            "}");
    JavaFileObject alsoBroken =
        source("shop.AlsoBroken", "@Flow class AlsoBroken {", "  @Task public void x() {}", "}");
    JavaFileObject valid =
        source("shop.Valid", "@Flow public class Valid {", "  @Task public void x() {}", "}");

    Compilation compilation = compile(broken, alsoBroken, valid);

    assertThat(compilation)
        .hadErrorContaining("[hypha:unknown-dependency]")
        .inFile(broken)
        .onLineContaining("\"missing\"");
    assertThat(compilation)
        .hadErrorContaining(Messages.flowNotPublic("AlsoBroken"))
        .inFile(alsoBroken)
        .onLineContaining("class AlsoBroken");
    assertThat(compilation).hadErrorCount(2);
    org.assertj.core.api.Assertions.assertThat(Flows.generatedClasses(broken, alsoBroken, valid))
        .containsExactly("shop.ValidFlow");
  }
}
