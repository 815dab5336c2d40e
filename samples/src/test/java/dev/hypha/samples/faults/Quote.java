package dev.hypha.samples.faults;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.OnFault;
import dev.hypha.annotations.Retry;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.TaskContext;
import dev.hypha.samples.Journal;

/**
 * A price quote whose pricing service may be down. When it is, after its retries, a fault handler
 * supplies the list price instead, unless the request allows no fallback, in which case the handler
 * rethrows. Errors the handler does not list are not handed to it.
 */
@Flow
public class Quote {
  private final Journal journal;

  public Quote(Journal journal) {
    this.journal = journal;
  }

  /** How the pricing service behaves for this request. */
  public enum Pricing {
    UP,
    DOWN,
    DOWN_WITHOUT_FALLBACK,
    BROKEN
  }

  public record QuoteRequest(String sku, Pricing pricing) {}

  public record Price(String sku, int cents, String source) {}

  /** The service is down: an error worth a fallback. */
  public static final class PricingDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PricingDownException(String message) {
      super(message);
    }
  }

  /** What the fault handler throws when it may not fall back. */
  public static final class NoFallbackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NoFallbackException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  @Task
  @Retry(maxAttempts = 2, backoff = "PT0.01S")
  public Price price(@Input QuoteRequest request, TaskContext context) {
    journal.add("price attempt " + context.attempt());
    return switch (request.pricing()) {
      case UP -> new Price(request.sku(), 1250, "pricing service");
      case DOWN, DOWN_WITHOUT_FALLBACK ->
          throw new PricingDownException(
              "pricing service down (attempt " + context.attempt() + ")");
      case BROKEN -> throw new IllegalArgumentException("no such sku " + request.sku());
    };
  }

  @OnFault(task = "price", value = PricingDownException.class)
  public Price listPrice(PricingDownException down, @Input QuoteRequest request) {
    journal.add("listPrice after: " + down.getMessage());
    if (request.pricing() == Pricing.DOWN_WITHOUT_FALLBACK) {
      throw new NoFallbackException("no list price for " + request.sku(), down);
    }
    return new Price(request.sku(), 1500, "list price");
  }

  @Task
  @DependsOn("price")
  public String offer(Price price) {
    return price.sku() + " at " + price.cents() + " cents (" + price.source() + ")";
  }
}
