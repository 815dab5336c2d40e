package dev.hypha.samples.loops;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Loop;
import dev.hypha.annotations.Task;
import dev.hypha.runtime.Step;

/**
 * A loop (Bureaucrat's while): a seller and a buyer haggle, one round per iteration, until their
 * prices are close enough, at most ten rounds; then the deal is signed. Each round is recorded with
 * the offer it hands on, and a run stopped mid-haggle goes on at the round it was in.
 */
@Flow
public class Negotiation {
  /** The seller's price in a round. */
  public record Offer(int round, int price) {}

  /** What the haggling ended with. */
  public record Deal(int rounds, int price) {}

  /** How the buyer answers an offer. */
  public interface Buyer {
    int counter(Offer offer);
  }

  private final Buyer buyer;

  public Negotiation(Buyer buyer) {
    this.buyer = buyer;
  }

  @Task
  public Offer open(@Input int asking) {
    return new Offer(1, asking);
  }

  @Task
  @DependsOn("open")
  public Step<Offer, Deal> haggle(@Loop(max = 10) Offer offer) {
    int counter = buyer.counter(offer);
    if (offer.price() - counter <= 5) {
      return Step.done(new Deal(offer.round(), (offer.price() + counter) / 2));
    }
    return Step.again(new Offer(offer.round() + 1, offer.price() - (offer.price() - counter) / 2));
  }

  @Task
  @DependsOn("haggle")
  public String sign(Deal haggle) {
    return "sold for " + haggle.price() + " after " + haggle.rounds() + " rounds";
  }
}
