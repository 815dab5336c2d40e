package dev.hypha.processor;

import static dev.hypha.processor.Flows.compileClean;
import static dev.hypha.processor.Flows.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.Guard;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Fan-outs that route a list of a sealed type by subtype, one task per subtype, compiled and called
 * through their generated code.
 */
class GeneratedRoutingTest {

  @Test
  void eachTaskRoutesItsSubtypeAndReadsTheElementAsTheSealedType() {
    CompiledClasses classes = new CompiledClasses(compileClean(SampleFlows.domains()));
    FlowDescriptor descriptor = classes.descriptor("shop.DomainsFlow");
    Class<?> lookup = classes.load("shop.Domains$Lookup");

    TaskDescriptor dns = descriptor.task("dns").orElseThrow();
    assertThat(dns.forEach()).contains("plan");
    assertThat(dns.route()).contains(Guard.instanceOf(classes.load("shop.Domains$Dns")));
    assertThat(dns.element()).isEqualTo(TypeRef.of(lookup));
    assertThat(dns.elementOutput()).isEqualTo(TypeRef.of(classes.load("shop.Domains$Address")));
    assertThat(dns.output().type().getTypeName()).isEqualTo("java.util.List<shop.Domains$Address>");
    assertThat(dns.concurrency()).isZero();
    assertThat(dns.guard("plan")).isEmpty();
    TaskDescriptor whois = descriptor.task("whois").orElseThrow();
    assertThat(whois.route()).contains(Guard.instanceOf(classes.load("shop.Domains$Whois")));
    assertThat(whois.element()).isEqualTo(TypeRef.of(lookup));
    assertThat(whois.concurrency()).isEqualTo(2);
    assertThat(descriptor.task("geo").orElseThrow().route())
        .contains(Guard.instanceOf(classes.load("shop.Domains$Geo")));
    assertThat(descriptor.task("plan").orElseThrow().route()).isEmpty();
    assertThat(descriptor.task("report").orElseThrow().route()).isEmpty();
    assertThat(descriptor.mermaid())
        .isEqualTo(
            "graph TD\n"
                + "  plan -->|for each Dns| dns\n"
                + "  plan -->|for each Whois| whois\n"
                + "  plan -->|for each Geo| geo\n"
                + "  dns --> report\n"
                + "  whois --> report\n"
                + "  geo --> report");
  }

  @Test
  void instanceIsCalledWithItsElementAsTheSubtypeAndTheCollectorWithTheLists() throws Exception {
    Compilation compilation = compileClean(SampleFlows.domains());
    CompiledClasses classes = new CompiledClasses(compilation);
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.DomainsFlow");
    Object flow = definition.newInstance().orElseThrow();

    List<?> plan = (List<?>) definition.invoke(flow, 0, FakeArguments.input("example.fr"));
    Object address = definition.invoke(flow, 1, FakeArguments.none().element(plan.get(0)));
    Object owner = definition.invoke(flow, 2, FakeArguments.none().element(plan.get(1)));
    Object place = definition.invoke(flow, 3, FakeArguments.none().element(plan.get(3)));
    Object report =
        definition.invoke(
            flow,
            4,
            FakeArguments.none()
                .output(1, List.of(address))
                .output(2, List.of(owner))
                .output(3, List.of(place)));

    assertThat(plan).hasSize(4);
    assertThat(address).hasToString("Address[host=example.fr, ip=192.0.2.10]");
    assertThat(owner).hasToString("Owner[name=owner of example.fr]");
    assertThat(place).hasToString("Place[country=FR]");
    assertThat(report)
        .hasToString(
            "Report[addresses=[Address[host=example.fr, ip=192.0.2.10]],"
                + " owners=[Owner[name=owner of example.fr]], places=[Place[country=FR]]]");
    assertThat(generated(compilation, "shop.DomainsFlow"))
        .contains(
            ".forEach(\"plan\", TypeRef.of(Domains.Lookup.class), TypeRef.of(Domains.Address.class),"
                + " 0, Guard.instanceOf(Domains.Dns.class))")
        .contains("return flow.dns(arguments.<Domains.Dns>element());")
        .contains("public Optional<List<Domains.Address>> dns()");
  }

  @Test
  void routeMayTakeASealedIntermediateOrASubtypeBelowANonSealedOne() throws Exception {
    JavaFileObject source =
        source(
            "shop.Hosts",
            "@Flow public class Hosts {",
            "  public sealed interface Lookup permits Net, Custom, Geo {}",
            "  public sealed interface Net extends Lookup permits Dns, Whois {}",
            "  public record Dns() implements Net {}",
            "  public record Whois() implements Net {}",
            "  public non-sealed interface Custom extends Lookup {}",
            "  public record Mine() implements Custom {}",
            "  public record Geo() implements Lookup {}",
            "  @Task public List<? extends Lookup> plan() { return List.of(); }",
            "  @Task @DependsOn(\"plan\") public int net(@ForEach Net lookup) { return 1; }",
            "  @Task @DependsOn(\"plan\") public int custom(@ForEach Custom lookup) { return 2; }",
            "  @Task @DependsOn(\"plan\") public int mine(@ForEach Mine lookup) { return 3; }",
            "  @Task @DependsOn(\"plan\") public int geo(@ForEach Geo lookup) { return 4; }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));
    FlowDescriptor descriptor = classes.descriptor("shop.HostsFlow");
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.HostsFlow");
    Object flow = definition.newInstance().orElseThrow();

    assertThat(descriptor.task("net").orElseThrow().route())
        .contains(Guard.instanceOf(classes.load("shop.Hosts$Net")));
    assertThat(descriptor.task("mine").orElseThrow().route())
        .contains(Guard.instanceOf(classes.load("shop.Hosts$Mine")));
    assertThat(descriptor.task("net").orElseThrow().element())
        .isEqualTo(TypeRef.of(classes.load("shop.Hosts$Lookup")));
    Object dns = classes.instance("shop.Hosts$Dns");
    assertThat(definition.invoke(flow, 1, FakeArguments.none().element(dns))).isEqualTo(1);
    assertThat(descriptor.mermaid()).contains("plan -->|for each Net| net");
  }

  @Test
  void listOfTheSubtypeItselfWinsOverARoute() {
    JavaFileObject source =
        source(
            "shop.Hosts",
            "@Flow public class Hosts {",
            "  public sealed interface Lookup permits Dns, Geo {}",
            "  public record Dns() implements Lookup {}",
            "  public record Geo() implements Lookup {}",
            "  @Task public List<Lookup> plan() { return List.of(); }",
            "  @Task public List<Dns> hosts() { return List.of(); }",
            "  @Task @DependsOn({\"plan\", \"hosts\"})",
            "  public int dns(@ForEach Dns host, List<Lookup> plan) { return 1; }",
            "}");

    TaskDescriptor dns =
        new CompiledClasses(compileClean(source))
            .descriptor("shop.HostsFlow")
            .task("dns")
            .orElseThrow();

    assertThat(dns.forEach()).contains("hosts");
    assertThat(dns.route()).isEmpty();
  }

  @Test
  void genericSubtypeWhoseTypeArgumentsItsClassTellsIsRoutedByItsClass() throws Exception {
    JavaFileObject source =
        source(
            "shop.Parcels",
            "@Flow public class Parcels {",
            "  public sealed interface Item<T> permits Box, Bag {}",
            "  public record Box<T>(T content) implements Item<T> {}",
            "  public record Bag<T>() implements Item<T> {}",
            "  @Task public List<Item<String>> items() { return List.of(new Box<>(\"a\")); }",
            "  @Task @DependsOn(\"items\") public String open(@ForEach Box<String> box) {",
            "    return box.content();",
            "  }",
            "  @Task @DependsOn(\"items\") public int fold(@ForEach Bag<String> bag) { return 0; }",
            "  public sealed interface Thing permits Crate {}",
            "  public record Crate<T>(T content) implements Thing {}",
            "  @Task public List<Thing> things() { return List.of(); }",
            "  @Task @DependsOn(\"things\") public int ship(@ForEach Crate<?> crate) { return 0; }",
            "}");
    Compilation compilation = compileClean(source);
    CompiledClasses classes = new CompiledClasses(compilation);
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.ParcelsFlow");
    Object flow = definition.newInstance().orElseThrow();
    TaskDescriptor open = classes.descriptor("shop.ParcelsFlow").task("open").orElseThrow();

    assertThat(open.route()).contains(Guard.instanceOf(classes.load("shop.Parcels$Box")));
    assertThat(open.element().type().getTypeName())
        .isEqualTo("shop.Parcels$Item<java.lang.String>");
    List<?> items = (List<?>) definition.invoke(flow, 0, FakeArguments.none());
    assertThat(definition.invoke(flow, 1, FakeArguments.none().element(items.get(0))))
        .isEqualTo("a");
    assertThat(generated(compilation, "shop.ParcelsFlow"))
        .contains("Guard.instanceOf(Parcels.Box.class))")
        .contains("flow.open(arguments.<Parcels.Box<String>>element())")
        .contains("flow.fold(arguments.<Parcels.Bag<String>>element())")
        .contains("flow.ship(arguments.<Parcels.Crate<?>>element())");
  }

  @Test
  void routeIsPartOfTheShape() {
    String dns = shapeHash("@ForEach Dns lookup");
    String geo = shapeHash("@ForEach Geo lookup");
    String whole = shapeHash("@ForEach Lookup lookup");

    assertThat(dns).isNotEqualTo(geo).isNotEqualTo(whole);
    assertThat(geo).isNotEqualTo(whole);
  }

  private static String shapeHash(String parameter) {
    return new CompiledClasses(
            compileClean(
                source(
                    "shop.Scan",
                    "@Flow public class Scan {",
                    "  public sealed interface Lookup permits Dns, Geo {}",
                    "  public record Dns() implements Lookup {}",
                    "  public record Geo() implements Lookup {}",
                    "  @Task public List<Lookup> plan() { return List.of(); }",
                    "  @Task @DependsOn(\"plan\") public int scan(" + parameter + ") { return 1; }",
                    "  @Task @DependsOn(\"plan\") public int all(@ForEach Lookup any) { return 1; }",
                    "}")))
        .descriptor("shop.ScanFlow")
        .shapeHash();
  }

  /** The generated source {@code name}, each run of white space (line breaks too) one space. */
  private static String generated(Compilation compilation, String name) throws Exception {
    return compilation
        .generatedSourceFile(name)
        .orElseThrow()
        .getCharContent(true)
        .toString()
        .replaceAll("\\s+", " ");
  }
}
