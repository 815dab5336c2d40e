package dev.hypha.processor;

import static dev.hypha.processor.Flows.source;

import javax.tools.JavaFileObject;

/** Flow sources shared by several tests. */
final class SampleFlows {
  private SampleFlows() {}

  /**
   * The representative flow: records, a renamed task, a queue, a diamond, a checked exception, a
   * TaskContext parameter, a void task and a generic output; a retried task with a timeout, a
   * compensation with its own retry, a fault handler, both callbacks, a deadline.
   */
  static JavaFileObject orderFulfilment() {
    return source(
        "shop.OrderFulfilment",
        "/** Loads, charges, reserves and ships an order. */",
        "@Flow(deadline = \"PT1H\", compensateOnCancel = true)",
        "public class OrderFulfilment {",
        "  public record OrderRequest(String id) {}",
        "  public record Order(String id, int cents) {}",
        "  public record Charge(String order, int cents) {}",
        "  public record Stock(String order, boolean reserved) {}",
        "  public record Shipment(String order, String tracking) {}",
        "  public static class PaymentDeclined extends Exception {",
        "    private static final long serialVersionUID = 1L;",
        "    public PaymentDeclined(String message) { super(message); }",
        "  }",
        "",
        "  public final List<String> events = new ArrayList<>();",
        "",
        "  @Task",
        "  public Order load(@Input OrderRequest request) {",
        "    return new Order(request.id(), 1250);",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"load\")",
        "  @Retry(maxAttempts = 5, backoff = \"PT1S\", abortOn = IllegalArgumentException.class)",
        "  @Timeout(\"PT2S\")",
        "  public Charge charge(Order load) throws java.io.IOException, PaymentDeclined {",
        "    if (load.cents() < 0) throw new java.io.IOException(\"payment service down\");",
        "    if (load.cents() == 0) throw new PaymentDeclined(\"nothing to charge\");",
        "    return new Charge(load.id(), load.cents());",
        "  }",
        "",
        "  @Task(queue = \"stock\")",
        "  @DependsOn(\"load\")",
        "  public Stock reserve(Order order) {",
        "    return new Stock(order.id(), true);",
        "  }",
        "",
        "  @Task",
        "  @DependsOn({\"charge\", \"reserve\"})",
        "  public Shipment ship(Charge charge, Stock reserve, TaskContext context) {",
        "    return new Shipment(charge.order(), context.idempotencyKey());",
        "  }",
        "",
        "  @Task(name = \"notify-customer\")",
        "  @DependsOn(\"ship\")",
        "  public void notifyCustomer(Shipment shipment) {}",
        "",
        "  @Task",
        "  @DependsOn(\"load\")",
        "  public List<Map<String, Integer>> metrics(@From(\"load\") Order placed) {",
        "    return List.of(Map.of(placed.id(), placed.cents()));",
        "  }",
        "",
        "  @Compensates(\"reserve\")",
        "  @Retry(maxAttempts = 3, backoff = \"PT0.5S\", maxBackoff = \"PT10S\", jitter = 0.1)",
        "  public void release(Stock stock, TaskContext context) {",
        "    events.add(\"released \" + stock.order() + \" in \" + context.task());",
        "  }",
        "",
        "  @OnFault(task = \"charge\", value = PaymentDeclined.class)",
        "  public Charge fallbackCharge(PaymentDeclined declined, @Input OrderRequest request) {",
        "    return new Charge(request.id() + \": \" + declined.getMessage(), 0);",
        "  }",
        "",
        "  @OnSuccess",
        "  public void done(List<Map<String, Integer>> metrics) {",
        "    events.add(\"done \" + metrics);",
        "  }",
        "",
        "  @OnFailure",
        "  public void alert(TaskError error, @Input OrderRequest request) {",
        "    events.add(request.id() + \" failed: \" + error.describe());",
        "  }",
        "}");
  }

  /**
   * A flow without input whose two sinks make a {@code Result} record; primitives included; a
   * flow-level {@code @Retry} that every task without its own gets.
   */
  static JavaFileObject inventory() {
    return source(
        "shop.Inventory",
        "@Flow(name = \"inventory-check\")",
        "@Retry(maxAttempts = 2, retryOn = java.io.UncheckedIOException.class)",
        "public class Inventory {",
        "  @Task",
        "  public List<String> skus() {",
        "    return List.of(\"a\", \"b\");",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"skus\")",
        "  public int count(List<String> skus) {",
        "    return skus.size();",
        "  }",
        "",
        "  @Task(name = \"low-stock\", queue = \"warehouse\")",
        "  @DependsOn(\"skus\")",
        "  public Set<String> lowStock(Collection<String> all) {",
        "    return new TreeSet<>(all);",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"skus\")",
        "  @Retry(maxAttempts = 1)",
        "  public void log() {}",
        "}");
  }

  /**
   * A flow that branches: a decider with a sealed output and one task per subtype, a join that
   * takes each branch as an {@code Optional}, and an {@code Optional} output whose value makes a
   * branch of its own; the two sinks make a {@code Result} record, one component of it optional.
   */
  static JavaFileObject approval() {
    return source(
        "shop.Approval",
        "@Flow",
        "public class Approval {",
        "  public sealed interface Decision permits Approved, Rejected {}",
        "  public record Approved(String by) implements Decision {}",
        "  public record Rejected(String reason) implements Decision {}",
        "  public record Letter(String text) {}",
        "",
        "  @Task",
        "  public Decision decide(@Input String request) {",
        "    return request.isEmpty() ? new Rejected(\"empty\") : new Approved(\"ann\");",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"decide\")",
        "  public Letter approve(Approved approved) {",
        "    return new Letter(\"approved by \" + approved.by());",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"decide\")",
        "  public Letter reject(Rejected rejected) {",
        "    return new Letter(\"rejected: \" + rejected.reason());",
        "  }",
        "",
        "  @Task",
        "  @DependsOn({\"approve\", \"reject\"})",
        "  public String send(Optional<Letter> approve, Optional<Letter> reject) {",
        "    return approve.or(() -> reject).map(Letter::text).orElseThrow();",
        "  }",
        "",
        "  @Task",
        "  public Optional<String> coupon(@Input String request) {",
        "    return request.startsWith(\"vip\") ? Optional.of(\"TEN\") : Optional.empty();",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"coupon\")",
        "  public int redeem(String coupon) {",
        "    return coupon.length();",
        "  }",
        "}");
  }

  /**
   * A flow that fans out: a task returns a list, one task runs per element with a concurrency and a
   * retry (its other parameter, the input, the same for every instance), another per element bound
   * by name on a queue of its own and returning a primitive, a void one with a context; a collector
   * takes the list of one fan-out's outputs, a compensation takes it too, and the other fan-out is
   * a sink beside the collector in a {@code Result} record.
   */
  static JavaFileObject restock() {
    return source(
        "shop.Restock",
        "/** Quotes, weighs and labels every sku of an order, and totals the quotes. */",
        "@Flow",
        "public class Restock {",
        "  public record Order(String id, List<String> skus) {}",
        "  public record Quote(String sku, int cents) {}",
        "",
        "  public final List<String> events = new ArrayList<>();",
        "",
        "  @Task",
        "  public List<String> skus(@Input Order order) {",
        "    return order.skus();",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"skus\")",
        "  @Retry(maxAttempts = 3)",
        "  public Quote quote(@ForEach(concurrency = 4) String sku, @Input Order order) {",
        "    return new Quote(sku, 100 * order.skus().indexOf(sku));",
        "  }",
        "",
        "  @Task(queue = \"scales\")",
        "  @DependsOn(\"skus\")",
        "  public int weigh(@ForEach String skus) {",
        "    return skus.length();",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"skus\")",
        "  public void label(@ForEach String sku, TaskContext context) {",
        "    events.add(\"label \" + sku + \" in \" + context.task());",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"quote\")",
        "  public int total(List<Quote> quote) {",
        "    return quote.stream().mapToInt(Quote::cents).sum();",
        "  }",
        "",
        "  @Compensates(\"quote\")",
        "  public void withdraw(List<Quote> quotes) {",
        "    events.add(\"withdrew \" + quotes.size());",
        "  }",
        "}");
  }

  /**
   * A flow that routes a fan-out by subtype: a task returns a list of a sealed type, and one task
   * per permitted subtype runs once per element of it (one with a concurrency); a collector takes
   * the three lists of their outputs.
   */
  static JavaFileObject domains() {
    return source(
        "shop.Domains",
        "/** Looks a domain up in each way its plan asks for, and reports what it found. */",
        "@Flow",
        "public class Domains {",
        "  public sealed interface Lookup permits Dns, Whois, Geo {}",
        "  public record Dns(String host) implements Lookup {}",
        "  public record Whois(String domain) implements Lookup {}",
        "  public record Geo(String host) implements Lookup {}",
        "  public record Address(String host, String ip) {}",
        "  public record Owner(String name) {}",
        "  public record Place(String country) {}",
        "  public record Report(List<Address> addresses, List<Owner> owners, List<Place> places) {}",
        "",
        "  @Task",
        "  public List<Lookup> plan(@Input String domain) {",
        "    return List.of(new Dns(domain), new Whois(domain), new Dns(\"www.\" + domain),",
        "        new Geo(domain));",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"plan\")",
        "  public Address dns(@ForEach Dns lookup) {",
        "    return new Address(lookup.host(), \"192.0.2.\" + lookup.host().length());",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"plan\")",
        "  public Owner whois(@ForEach(concurrency = 2) Whois lookup) {",
        "    return new Owner(\"owner of \" + lookup.domain());",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"plan\")",
        "  public Place geo(@ForEach Geo lookup) {",
        "    return new Place(lookup.host().endsWith(\".fr\") ? \"FR\" : \"US\");",
        "  }",
        "",
        "  @Task",
        "  @DependsOn({\"dns\", \"whois\", \"geo\"})",
        "  public Report report(List<Address> dns, List<Owner> whois, List<Place> geo) {",
        "    return new Report(dns, whois, geo);",
        "  }",
        "}");
  }

  /**
   * A loop: a seller opens at the asking price and haggles round by round, each round a {@code
   * Step} (at most ten, the asking price the same in every round, retried once, a fault handler
   * standing in for a round), then signs the deal the loop ends with, which a compensation undoes.
   */
  static JavaFileObject negotiation() {
    return source(
        "shop.Negotiation",
        "/** Opens at the asking price, haggles until the prices meet, and signs the deal. */",
        "@Flow",
        "public class Negotiation {",
        "  public record Offer(int round, int price) {}",
        "  public record Deal(int rounds, int price) {}",
        "",
        "  public final List<String> events = new ArrayList<>();",
        "",
        "  @Task",
        "  public Offer open(@Input int asking) {",
        "    return new Offer(1, asking);",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"open\")",
        "  @Retry(maxAttempts = 2)",
        "  public Step<Offer, Deal> haggle(@Loop(max = 10) Offer offer, @Input int asking) {",
        "    int counter = asking * 6 / 10;",
        "    if (offer.price() - counter <= 5) {",
        "      return Step.done(new Deal(offer.round(), (offer.price() + counter) / 2));",
        "    }",
        "    int next = offer.price() - (offer.price() - counter) / 2;",
        "    return Step.again(new Offer(offer.round() + 1, next));",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"haggle\")",
        "  public String sign(Deal haggle) {",
        "    return \"sold for \" + haggle.price() + \" after \" + haggle.rounds() + \" rounds\";",
        "  }",
        "",
        "  @OnFault(task = \"haggle\", value = IllegalStateException.class)",
        "  public Step<Offer, Deal> walkAway(@Input int asking) {",
        "    return Step.done(new Deal(0, asking));",
        "  }",
        "",
        "  @Compensates(\"haggle\")",
        "  public void withdraw(Deal deal) {",
        "    events.add(\"withdrew \" + deal.price());",
        "  }",
        "}");
  }

  /**
   * A flow that waits for signals: a task waits from the run's start for notes (a generic payload)
   * as its only parameter; a task waits after its dependencies for an approval that passes a
   * condition, failing after three days; another waits for the same signal as an {@code Optional}
   * that a day without one leaves empty.
   */
  static JavaFileObject review() {
    return source(
        "shop.Review",
        "/** Asks for a review, decides on the reviewer's approval, and reminds when it is late. */",
        "@Flow",
        "public class Review {",
        "  public record Approval(String by, boolean approved) {}",
        "",
        "  public final List<String> events = new ArrayList<>();",
        "",
        "  public static boolean isFinal(Approval approval) {",
        "    return approval.by() != null;",
        "  }",
        "",
        "  @Task",
        "  public String request(@Input String doc) {",
        "    return \"review of \" + doc;",
        "  }",
        "",
        "  @Task",
        "  public List<String> notes(@Signal(\"reviewer-notes\") List<String> notes) {",
        "    return notes;",
        "  }",
        "",
        "  @Task",
        "  @DependsOn({\"request\", \"notes\"})",
        "  public String decide(",
        "      String request,",
        "      List<String> notes,",
        "      @Signal(value = \"approval\", when = \"isFinal\", timeout = \"P3D\") Approval approval) {",
        "    return request",
        "        + (approval.approved() ? \" approved by \" : \" rejected by \")",
        "        + approval.by()",
        "        + \" with \"",
        "        + notes.size()",
        "        + \" notes\";",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"request\")",
        "  public void remind(",
        "      String request,",
        "      @Signal(value = \"approval\", timeout = \"PT24H\") Optional<Approval> early) {",
        "    events.add(early.map(a -> a.by() + \" was early\").orElse(\"remind about \" + request));",
        "  }",
        "}");
  }

  /**
   * A flow that starts a sub-flow: an order is loaded, billed by a run of {@link #billing()} as the
   * child of task {@code bill} (retried once, a fault handler standing in for the child's result, a
   * compensation undoing it), and a receipt is sent from the child's result. Compiles only together
   * with {@link #billing()}, whose generated {@code BillingFlow.sub} it calls.
   */
  static JavaFileObject checkout() {
    return source(
        "shop.Checkout",
        "/** Loads an order, bills it in a run of the billing flow, and sends the receipt. */",
        "@Flow",
        "public class Checkout {",
        "  public record OrderRequest(String id) {}",
        "  public record Order(String id, int cents) {}",
        "  public record Receipt(String order, String invoice) {}",
        "",
        "  public final List<String> events = new ArrayList<>();",
        "",
        "  @Task",
        "  public Order load(@Input OrderRequest request) {",
        "    return new Order(request.id(), 1250);",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"load\")",
        "  @Retry(maxAttempts = 2)",
        "  public SubFlow<Billing.Invoice> bill(Order load) {",
        "    return BillingFlow.sub(new Billing.BillingRequest(load.id(), load.cents()));",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"bill\")",
        "  public Receipt send(Billing.Invoice bill) {",
        "    return new Receipt(bill.order(), bill.number());",
        "  }",
        "",
        "  @OnFault(task = \"bill\", value = IllegalStateException.class)",
        "  public Billing.Invoice unbilled(@Input OrderRequest request) {",
        "    return new Billing.Invoice(request.id(), \"none\", 0);",
        "  }",
        "",
        "  @Compensates(\"bill\")",
        "  public void refund(Billing.Invoice invoice) {",
        "    events.add(\"refund \" + invoice.number());",
        "  }",
        "}");
  }

  /** The child flow of {@link #checkout()}: charges a request and returns its invoice. */
  static JavaFileObject billing() {
    return source(
        "shop.Billing",
        "/** Charges a billing request and writes its invoice. */",
        "@Flow",
        "public class Billing {",
        "  public record BillingRequest(String order, int cents) {}",
        "  public record Invoice(String order, String number, int cents) {}",
        "",
        "  @Task",
        "  public int charge(@Input BillingRequest request) {",
        "    return request.cents();",
        "  }",
        "",
        "  @Task",
        "  @DependsOn(\"charge\")",
        "  public Invoice invoice(int charge, @Input BillingRequest request) {",
        "    return new Invoice(request.order(), \"INV-\" + request.order(), charge);",
        "  }",
        "}");
  }
}
