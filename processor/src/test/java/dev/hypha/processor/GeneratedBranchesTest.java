package dev.hypha.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.hypha.processor.Flows.compileClean;
import static dev.hypha.processor.Flows.source;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.Guard;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Flows that branch and join, compiled and called through their generated code. */
class GeneratedBranchesTest {

  @Test
  void optionalOutputMakesAPresentBranchThatAJoinTakesOptionally() throws Exception {
    JavaFileObject source =
        source(
            "shop.Coupons",
            "@Flow public class Coupons {",
            "  public record Coupon(int percent) {}",
            "  @Task public Optional<Coupon> find(@Input String code) {",
            "    return code.isEmpty() ? Optional.empty() : Optional.of(new Coupon(10));",
            "  }",
            "  @Task @DependsOn(\"find\") public int discount(Coupon coupon) {",
            "    return coupon.percent();",
            "  }",
            "  @Task @DependsOn({\"find\", \"discount\"})",
            "  public String total(Optional<Integer> discount) {",
            "    return \"100 less \" + discount.orElse(0) + \"%\";",
            "  }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));
    FlowDescriptor descriptor = classes.descriptor("shop.CouponsFlow");
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.CouponsFlow");
    Object flow = definition.newInstance().orElseThrow();

    TaskDescriptor discount = descriptor.task("discount").orElseThrow();
    TaskDescriptor total = descriptor.task("total").orElseThrow();
    assertThat(discount.guard("find")).contains(Guard.present());
    assertThat(total.guard("find")).isEmpty();
    assertThat(total.guard("discount")).isEmpty();
    assertThat(total.isOptional("discount")).isTrue();
    assertThat(total.isOptional("find")).isFalse();
    assertThat(descriptor.result().type().getTypeName()).isEqualTo("java.lang.String");
    assertThat(descriptor.mermaid())
        .isEqualTo(
            "graph TD\n  find -->|present| discount\n  find --> total\n  discount -.-> total");

    Object coupon = definition.invoke(flow, 0, FakeArguments.input("TEN"));
    Object percent = definition.invoke(flow, 1, FakeArguments.none().output(0, coupon));
    assertThat(coupon).isEqualTo(Optional.of(record(classes, "shop.Coupons$Coupon", 10)));
    assertThat(percent).isEqualTo(10);
    assertThat(definition.invoke(flow, 2, FakeArguments.none().output(0, coupon).output(1, 10)))
        .isEqualTo("100 less 10%");
    assertThat(definition.invoke(flow, 2, FakeArguments.none().output(0, Optional.empty())))
        .isEqualTo("100 less 0%");
  }

  @Test
  void sealedDeciderWithOneTaskPerSubtypeIsJoinedByOptionals() throws Exception {
    CompiledClasses classes = new CompiledClasses(compileClean(SampleFlows.approval()));
    FlowDescriptor descriptor = classes.descriptor("shop.ApprovalFlow");
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.ApprovalFlow");
    Object flow = definition.newInstance().orElseThrow();
    Object approved = record(classes, "shop.Approval$Approved", "ann");
    Object rejected = record(classes, "shop.Approval$Rejected", "late");

    Guard approve = descriptor.task("approve").orElseThrow().guard("decide").orElseThrow();
    Guard reject = descriptor.task("reject").orElseThrow().guard("decide").orElseThrow();
    assertThat(approve.describe()).isEqualTo("Approved");
    assertThat(approve.test(approved)).isTrue();
    assertThat(approve.test(rejected)).isFalse();
    assertThat(reject.test(rejected)).isTrue();
    assertThat(descriptor.task("send").orElseThrow().isOptional("approve")).isTrue();
    assertThat(descriptor.task("send").orElseThrow().isOptional("reject")).isTrue();
    assertThat(descriptor.task("redeem").orElseThrow().guard("coupon")).contains(Guard.present());
    assertThat(descriptor.result().type().getTypeName()).isEqualTo("shop.ApprovalFlow$Result");

    Object letter = definition.invoke(flow, 2, FakeArguments.none().output(0, rejected));
    assertThat(letter).hasToString("Letter[text=rejected: late]");
    assertThat(definition.invoke(flow, 3, FakeArguments.none().output(2, letter)))
        .isEqualTo("rejected: late");
    assertThat(definition.invoke(flow, 5, FakeArguments.none().output(4, Optional.of("TEN"))))
        .isEqualTo(3);
    assertThat(definition.result(FakeArguments.none().output(3, "rejected: late")))
        .hasToString("Result[send=rejected: late, redeem=Optional.empty]");
    assertThat(definition.result(FakeArguments.none().output(3, "sent").output(5, 3)))
        .hasToString("Result[send=sent, redeem=Optional[3]]");
  }

  @Test
  void nestedSealedTypesAreCoveredByTheirLeavesOrByAnIntermediateType() {
    FlowDescriptor descriptor =
        new CompiledClasses(
                compileClean(
                    source(
                        "shop.Claims",
                        "@Flow public class Claims {",
                        "  public sealed interface Decision permits Approved, Denied {}",
                        "  public record Approved() implements Decision {}",
                        "  public sealed interface Denied extends Decision",
                        "      permits Rejected, Expired {}",
                        "  public record Rejected() implements Denied {}",
                        "  public record Expired() implements Denied {}",
                        "  @Task public Decision decide() { return new Expired(); }",
                        "  @Task @DependsOn(\"decide\") public String pay(Approved a) {",
                        "    return \"paid\";",
                        "  }",
                        "  @Task @DependsOn(\"decide\") public String deny(Denied d) {",
                        "    return \"denied\";",
                        "  }",
                        "  @Task @DependsOn(\"decide\") public String expire(Expired e) {",
                        "    return \"expired\";",
                        "  }",
                        "  @Task @DependsOn({\"pay\", \"deny\", \"expire\"})",
                        "  public String close(Optional<String> pay, Optional<String> deny,",
                        "      Optional<String> expire) {",
                        "    return pay.or(() -> expire).or(() -> deny).orElseThrow();",
                        "  }",
                        "}")))
            .descriptor("shop.ClaimsFlow");

    assertThat(descriptor.task("deny").orElseThrow().guard("decide").orElseThrow().describe())
        .isEqualTo("Denied");
    assertThat(descriptor.task("expire").orElseThrow().guard("decide").orElseThrow().describe())
        .isEqualTo("Expired");
    assertThat(descriptor.result().type().getTypeName()).isEqualTo("java.lang.String");
  }

  @Test
  void subtypesThatShareALeafMakeOneBranchGuardedByThatLeaf() {
    FlowDescriptor descriptor =
        new CompiledClasses(
                compileClean(
                    source(
                        "shop.Claims",
                        "@Flow public class Claims {",
                        "  public sealed interface Decision permits Paid, Flagged {}",
                        "  public sealed interface Paid extends Decision permits Full, Partial {}",
                        "  public sealed interface Flagged extends Decision permits Partial, Fraud {}",
                        "  public record Full() implements Paid {}",
                        "  public record Partial() implements Paid, Flagged {}",
                        "  public record Fraud() implements Flagged {}",
                        "  @Task public Decision decide() { return new Partial(); }",
                        "  @Task @DependsOn(\"decide\") public String pay(Paid paid) {",
                        "    return \"paid\";",
                        "  }",
                        "  @Task @DependsOn(\"decide\") public String review(Flagged flagged) {",
                        "    return \"reviewed\";",
                        "  }",
                        "  @Task @DependsOn(\"decide\")",
                        "  public String audit(Paid paid, Flagged flagged) { return \"audited\"; }",
                        "  @Task @DependsOn({\"pay\", \"review\"})",
                        "  public String both(String pay, String review) { return pay + review; }",
                        "  @Task @DependsOn({\"audit\", \"both\"})",
                        "  public String close(Optional<String> audit, Optional<String> both) {",
                        "    return audit.or(() -> both).orElse(\"closed\");",
                        "  }",
                        "}")))
            .descriptor("shop.ClaimsFlow");

    // audit runs only on a Partial, the one value that is both Paid and Flagged; so does both.
    Guard audit = descriptor.task("audit").orElseThrow().guard("decide").orElseThrow();
    assertThat(audit.describe()).isEqualTo("Partial");
    assertThat(descriptor.task("both").orElseThrow().guard("pay")).isEmpty();
    assertThat(descriptor.task("close").orElseThrow().isOptional("both")).isTrue();
  }

  @Test
  void sealedTypesWithoutPermitsClauseBranchOnTheSubtypesOfTheirFile() {
    FlowDescriptor descriptor =
        new CompiledClasses(
                compileClean(
                    source(
                        "shop.Routes",
                        "sealed interface Route {}",
                        "record Road() implements Route {}",
                        "sealed interface Air extends Route {}",
                        "record Cargo() implements Air {}",
                        "final class Charter implements Air {}",
                        "@Flow public class Routes {",
                        "  public sealed interface Size {}",
                        "  public record Small() implements Size {}",
                        "  public record Large() implements Size {}",
                        "  @Task public Route route() { return new Road(); }",
                        "  @Task @DependsOn(\"route\") public String truck(Road road) {",
                        "    return \"truck\";",
                        "  }",
                        "  @Task @DependsOn(\"route\") public String cargo(Cargo cargo) {",
                        "    return \"cargo\";",
                        "  }",
                        "  @Task @DependsOn(\"route\") public String charter(Charter charter) {",
                        "    return \"charter\";",
                        "  }",
                        "  @Task public Size size() { return new Small(); }",
                        "  @Task @DependsOn(\"size\") public int box(Small small) { return 1; }",
                        "  @Task @DependsOn(\"size\") public int crate(Large large) { return 2; }",
                        "}")))
            .descriptor("shop.RoutesFlow");

    assertThat(descriptor.task("charter").orElseThrow().guard("route").orElseThrow().describe())
        .isEqualTo("Charter");
    assertThat(descriptor.task("crate").orElseThrow().guard("size").orElseThrow().describe())
        .isEqualTo("Large");
  }

  @Test
  void optionalOutputOfABranchIsJoinedAsAnOptionalOfItOrFollowedWithItsSubtype() {
    FlowDescriptor descriptor =
        new CompiledClasses(
                compileClean(
                    source(
                        "shop.Coupons",
                        "@Flow public class Coupons {",
                        "  public sealed interface Decision permits Approved, Rejected {}",
                        "  public record Approved() implements Decision {}",
                        "  public record Rejected() implements Decision {}",
                        "  @Task public Decision decide() { return new Approved(); }",
                        "  @Task @DependsOn(\"decide\")",
                        "  public Optional<String> coupon(Approved approved) {",
                        "    return Optional.of(\"TEN\");",
                        "  }",
                        "  @Task @DependsOn(\"decide\") public String reject(Rejected r) {",
                        "    return \"no\";",
                        "  }",
                        "  @Task @DependsOn({\"decide\", \"coupon\"})",
                        "  public String redeem(Approved approved, Optional<String> coupon) {",
                        "    return coupon.orElse(\"none\");",
                        "  }",
                        "  @Task @DependsOn({\"coupon\", \"redeem\", \"reject\"})",
                        "  public String send(Optional<Optional<String>> coupon,",
                        "      Optional<String> redeem, Optional<String> reject) {",
                        "    return coupon.flatMap(c -> c).or(() -> reject).orElse(\"sent\");",
                        "  }",
                        "}")))
            .descriptor("shop.CouponsFlow");

    TaskDescriptor redeem = descriptor.task("redeem").orElseThrow();
    assertThat(redeem.isOptional("coupon")).isFalse();
    assertThat(redeem.guard("coupon")).isEmpty();
    assertThat(descriptor.task("send").orElseThrow().isOptional("coupon")).isTrue();
  }

  @Test
  void branchesOfBranchesJoinWhereEachArmIsOptional() {
    Compilation compilation =
        compileClean(
            source(
                "shop.Shipping",
                "@Flow public class Shipping {",
                "  public sealed interface Route permits Road, Air {}",
                "  public record Road() implements Route {}",
                "  public record Air(boolean express) implements Route {}",
                "  @Task public Route route() { return new Road(); }",
                "  @Task @DependsOn(\"route\") public Optional<String> truck(Road road) {",
                "    return Optional.of(\"truck\");",
                "  }",
                "  @Task @DependsOn(\"truck\") public String driver(String truck) {",
                "    return \"driver of \" + truck;",
                "  }",
                "  @Task @DependsOn(\"route\") public String plane(Air air) { return \"plane\"; }",
                "  @Task @DependsOn({\"driver\", \"plane\"})",
                "  public String ship(Optional<String> driver, Optional<String> plane) {",
                "    return driver.or(() -> plane).orElse(\"nobody\");",
                "  }",
                "}"));

    FlowDescriptor descriptor = new CompiledClasses(compilation).descriptor("shop.ShippingFlow");
    assertThat(descriptor.task("driver").orElseThrow().guard("truck")).contains(Guard.present());
    assertThat(descriptor.task("ship").orElseThrow().isOptional("driver")).isTrue();
    assertThat(descriptor.task("ship").orElseThrow().isOptional("plane")).isTrue();
  }

  @Test
  void singleSinkThatABranchMaySkipMakesAnOptionalResult() throws Exception {
    JavaFileObject source =
        source(
            "shop.Refunds",
            "@Flow public class Refunds {",
            "  public final List<Object> results = new ArrayList<>();",
            "  @Task public Optional<String> claim(@Input String id) { return Optional.of(id); }",
            "  @Task @DependsOn(\"claim\") public long refund(String claim) { return 5L; }",
            "  @OnSuccess public void done(Optional<Long> refunded) { results.add(refunded); }",
            "}");
    CompiledClasses classes = new CompiledClasses(compileClean(source));
    FlowDescriptor descriptor = classes.descriptor("shop.RefundsFlow");
    FlowDefinition<Object, Object, Object> definition = classes.definition("shop.RefundsFlow");

    assertThat(descriptor.result().type().getTypeName())
        .isEqualTo("java.util.Optional<java.lang.Long>");
    assertThat(definition.result(FakeArguments.none())).isEqualTo(Optional.empty());
    assertThat(definition.result(FakeArguments.none().output(1, 5L))).isEqualTo(Optional.of(5L));
  }

  @Test
  void anOutputThatFitsPlainlyIsPreferredToABranch() {
    FlowDescriptor descriptor =
        new CompiledClasses(
                compileClean(
                    source(
                        "shop.Plain",
                        "@Flow public class Plain {",
                        "  public sealed interface Decision permits Approved, Rejected {}",
                        "  public record Approved() implements Decision {}",
                        "  public record Rejected() implements Decision {}",
                        "  @Task public Decision decide() { return new Approved(); }",
                        "  @Task public Approved preset() { return new Approved(); }",
                        "  @Task @DependsOn({\"decide\", \"preset\"})",
                        "  public String use(Approved approved) { return \"used\"; }",
                        "}")))
            .descriptor("shop.PlainFlow");

    assertThat(descriptor.task("use").orElseThrow().guard("decide")).isEmpty();
    assertThat(descriptor.task("use").orElseThrow().guard("preset")).isEmpty();
  }

  @Test
  void branchingFlowCompilesWithoutWarningsUnderXlintAllAndWerror() {
    JavaFileObject generic =
        source(
            "shop.Checks",
            "@Flow public class Checks {",
            "  public sealed interface Outcome<T> permits Ok, Failed {}",
            "  public record Ok<T>(T value) implements Outcome<T> {}",
            "  public record Failed<T>(String why) implements Outcome<T> {}",
            "  @Task public Outcome<Integer> check() { return new Ok<>(1); }",
            "  @Task @DependsOn(\"check\") public int use(Ok<Integer> ok) { return ok.value(); }",
            "  @Task @DependsOn(\"check\") public int fail(Failed<Integer> failed) { return 0; }",
            "  @Task @DependsOn({\"use\", \"fail\"})",
            "  public int sum(Optional<? extends Number> use, Optional<Integer> fail) {",
            "    return use.map(Number::intValue).orElse(0) + fail.orElse(0);",
            "  }",
            "}");

    Compilation compilation =
        Flows.compiler()
            .withOptions("-Xlint:all", "-Werror")
            .compile(generic, SampleFlows.approval());

    assertThat(compilation).succeededWithoutWarnings();
  }

  private static Object record(CompiledClasses classes, String name, Object... components) {
    try {
      return classes.load(name).getDeclaredConstructors()[0].newInstance(components);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
