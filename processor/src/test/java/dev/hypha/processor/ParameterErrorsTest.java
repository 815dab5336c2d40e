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

class ParameterErrorsTest {

  @Test
  void parameterMatchingNoDependencyOutputIsUnbound() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task @DependsOn(\"load\") public String charge(Integer amount) { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.unboundParameter("amount", "Integer", "charge", List.of("\"load\" (String)")))
        .inFile(source)
        .onLineContaining("Integer amount");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void parameterOfATaskWithoutDependenciesIsUnbound() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load(String id) { return id; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.unboundParameter("id", "String", "load", List.of()))
        .inFile(source)
        .onLineContaining("String id");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void voidDependencyIsNeverBoundImplicitly() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public void prepare() {}",
            "  @Task @DependsOn(\"prepare\") public String ship(String prepare) { return \"b\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.unboundParameter("prepare", "String", "ship", List.of("\"prepare\" (void)")))
        .inFile(source)
        .onLineContaining("String prepare)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void parameterMatchingTwoOutputsIsAmbiguous() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String first() { return \"a\"; }",
            "  @Task public String second() { return \"b\"; }",
            "  @Task @DependsOn({\"first\", \"second\"}) public String both(String text) {",
            "    return text;",
            "  }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.ambiguousParameter(
                "text",
                "String",
                "both",
                List.of("\"first\" (String)", "\"second\" (String)"),
                "first"))
        .inFile(source)
        .onLineContaining("String text");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void parameterNamedAfterADependencyMustFitItsOutput() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task @DependsOn(\"load\") public Integer charge(Integer load) { return load; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.typeMismatch("load", "Integer", "charge", "load", "String"))
        .inFile(source)
        .onLineContaining("Integer load)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void genericOutputIsNotAssignableToAnInvariantSupertypeArgument() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public List<Integer> numbers() { return List.of(1); }",
            "  @Task @DependsOn(\"numbers\") public int sum(List<Number> numbers) { return 0; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.typeMismatch("numbers", "List<Number>", "sum", "numbers", "List<Integer>"))
        .inFile(source)
        .onLineContaining("List<Number> numbers");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void fromMustNameAnOutputThatFitsTheParameter() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task @DependsOn(\"load\") public int charge(@From(\"load\") long amount) {",
            "    return 1;",
            "  }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.typeMismatch("amount", "long", "charge", "load", "String"))
        .inFile(source)
        .onLineContaining("long amount");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void fromNamingATaskThatIsNotADependencySaysToAddIt() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task public String charge() { return \"b\"; }",
            "  @Task @DependsOn(\"load\") public String ship(@From(\"charge\") String paid) {",
            "    return paid;",
            "  }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.fromNotDependency("charge", "ship"))
        .inFile(source)
        .onLineContaining("@From(\"charge\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void fromNamingAnUnknownTaskSuggestsTheNearestDependency() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String charge() { return \"b\"; }",
            "  @Task @DependsOn(\"charge\") public String ship(@From(\"chrage\") String paid) {",
            "    return paid;",
            "  }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.fromUnknownTask(
                "chrage", "orders", Optional.of("charge"), List.of("charge", "ship")))
        .inFile(source)
        .onLineContaining("\"chrage\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void bindingAVoidTaskExplicitlyIsAnError() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public void prepare() {}",
            "  @Task @DependsOn(\"prepare\") public String ship(@From(\"prepare\") Object done) {",
            "    return \"shipped\";",
            "  }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.voidBinding("prepare"))
        .inFile(source)
        .onLineContaining("@From(\"prepare\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void inputTogetherWithFromIsAnError() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load() { return \"a\"; }",
            "  @Task @DependsOn(\"load\")",
            "  public String ship(@Input @From(\"load\") String id) { return id; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(Messages.inputWithFrom("id", "ship"))
        .inFile(source)
        .onLineContaining("String id");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void inputParametersOfDifferentTypesConflict() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load(@Input String id) { return id; }",
            "  @Task public String count(@Input Integer number) { return \"n\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.inputTypeConflict(
                "number", "task \"count\"", "Integer", "task \"load\"", "String"))
        .inFile(source)
        .onLineContaining("Integer number");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void inputParametersWithDifferentTypeArgumentsConflict() {
    JavaFileObject source =
        source(
            "shop.Orders",
            "@Flow public class Orders {",
            "  @Task public String load(@Input List<String> ids) { return \"a\"; }",
            "  @Task public String count(@Input List<Object> all) { return \"n\"; }",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation)
        .hadErrorContaining(
            Messages.inputTypeConflict(
                "all", "task \"count\"", "List<Object>", "task \"load\"", "List<String>"))
        .inFile(source)
        .onLineContaining("List<Object> all");
    assertThat(compilation).hadErrorCount(1);
  }
}
