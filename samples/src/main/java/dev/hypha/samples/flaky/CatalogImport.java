package dev.hypha.samples.flaky;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import java.io.PrintStream;
import java.util.List;

/**
 * Imports a supplier's catalogue: locate the feed, download its products, publish them. The
 * download goes to an unreliable service, so {@code importProducts} is retried: up to four
 * attempts, 50 ms before the second and twice as long before each further one, and only when the
 * supplier is unavailable — any other error (a malformed feed, say) fails at once.
 */
@Flow
public class CatalogImport {
  private final FlakySupplier supplier;
  private final PrintStream out;

  /** A supplier whose first two downloads time out; prints to standard output. */
  public CatalogImport() {
    this(new FlakySupplier(2), System.out);
  }

  public CatalogImport(FlakySupplier supplier, PrintStream out) {
    this.supplier = supplier;
    this.out = out;
  }

  /** Which supplier's feed to import. */
  public record ImportRequest(String supplier, String feed) {}

  public record Feed(String url) {}

  public record Products(String url, List<String> skus) {}

  public record Published(String catalogue, List<String> skus) {}

  @Task
  public Feed locate(@Input ImportRequest request) {
    return new Feed("https://" + request.supplier() + "/feeds/" + request.feed() + ".json");
  }

  @Task
  @DependsOn("locate")
  @Retry(
      maxAttempts = 4,
      backoff = "PT0.05S",
      multiplier = 2.0,
      retryOn = SupplierUnavailableException.class)
  public Products importProducts(Feed locate, TaskContext context) {
    out.println("    attempt " + context.attempt() + ": downloading " + locate.url());
    List<String> skus = supplier.download(locate.url());
    out.println("    attempt " + context.attempt() + ": " + skus.size() + " products");
    return new Products(locate.url(), skus);
  }

  @Task
  @DependsOn("importProducts")
  public Published publish(Products importProducts, @Input ImportRequest request) {
    return new Published("catalogue/" + request.feed(), importProducts.skus());
  }
}
