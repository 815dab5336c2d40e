package dev.hypha.samples.flaky;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A supplier's product feed that is unreliable in a predictable way: its first {@code outages}
 * downloads time out, the next ones answer. Thread-safe.
 */
public final class FlakySupplier {
  private final int outages;
  private final AtomicInteger calls = new AtomicInteger();

  public FlakySupplier(int outages) {
    this.outages = outages;
  }

  /** The SKUs in the feed at {@code url}. */
  public List<String> download(String url) {
    int call = calls.incrementAndGet();
    if (call <= outages) {
      throw new SupplierUnavailableException(
          "no answer from " + url + " (call " + call + " of the supplier's API timed out)");
    }
    return List.of("sku-kettle", "sku-teapot", "sku-mug");
  }

  /** How many downloads were asked for so far. */
  public int calls() {
    return calls.get();
  }
}
