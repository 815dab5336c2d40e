package dev.hypha.samples.claims;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import java.util.Optional;

/**
 * An insurance claim, assessed once, then handled in one of three ways decided by the type the
 * assessment returns: paid (with a receipt), refused, or sent to an investigator. Whichever way was
 * taken, the customer gets one letter: {@code send} joins the three ways, taking each one's letter
 * as an {@code Optional}. Separately, a large claim raises a fraud hint, and only then is an alert
 * raised: {@code alert} takes the hint's value, so it runs only when the hint is present.
 */
@Flow
public class ClaimReview {
  /** A claim as filed. */
  public record Claim(String id, String customer, int amount, boolean covered) {}

  /** What the assessor decided: one of three kinds, each with what its way needs. */
  public sealed interface Assessment permits Approved, Refused, Investigation {}

  public record Approved(String claim, int payout) implements Assessment {}

  public record Refused(String claim, String reason) implements Assessment {}

  public record Investigation(String claim, String question) implements Assessment {}

  public record Payment(String claim, int amount, String reference) {}

  public record Letter(String to, String text) {}

  /** Claims above this are paid only after an investigation, and raise a fraud hint. */
  static final int INVESTIGATE_ABOVE = 10_000;

  @Task
  public Assessment assess(@Input Claim claim) {
    if (!claim.covered()) {
      return new Refused(claim.id(), "the policy does not cover it");
    }
    if (claim.amount() > INVESTIGATE_ABOVE) {
      return new Investigation(claim.id(), "receipts for " + claim.amount());
    }
    return new Approved(claim.id(), claim.amount());
  }

  /** Runs only when {@code assess} returned {@link Approved}. */
  @Task
  @DependsOn("assess")
  public Payment pay(Approved approved) {
    return new Payment(approved.claim(), approved.payout(), "pay-" + approved.claim());
  }

  /** Follows {@code pay}, so it too runs only on that way. */
  @Task
  @DependsOn("pay")
  public Letter receipt(Payment pay, @Input Claim claim) {
    return new Letter(claim.customer(), "we paid " + pay.amount() + " as " + pay.reference());
  }

  @Task
  @DependsOn("assess")
  public Letter refuse(Refused refused, @Input Claim claim) {
    return new Letter(claim.customer(), "we cannot pay: " + refused.reason());
  }

  @Task
  @DependsOn("assess")
  public Letter investigate(Investigation investigation, @Input Claim claim) {
    return new Letter(claim.customer(), "please send " + investigation.question());
  }

  /** The join: runs whichever way was taken, with that way's letter and two empty ones. */
  @Task
  @DependsOn({"receipt", "refuse", "investigate"})
  public String send(
      Optional<Letter> receipt, Optional<Letter> refuse, Optional<Letter> investigate) {
    Letter letter = receipt.or(() -> refuse).or(() -> investigate).orElseThrow();
    return "to " + letter.to() + ": " + letter.text();
  }

  @Task
  public Optional<String> fraudHint(@Input Claim claim) {
    return claim.amount() > INVESTIGATE_ABOVE
        ? Optional.of("claim " + claim.id() + " is over " + INVESTIGATE_ABOVE)
        : Optional.empty();
  }

  /** Runs only when {@code fraudHint} holds a value. */
  @Task
  @DependsOn("fraudHint")
  public String alert(String fraudHint) {
    return "fraud desk alerted: " + fraudHint;
  }
}
