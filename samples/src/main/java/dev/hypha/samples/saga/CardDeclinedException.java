package dev.hypha.samples.saga;

/** The payment provider refused the card: trying again would not help. */
public final class CardDeclinedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CardDeclinedException(String message) {
    super(message);
  }
}
