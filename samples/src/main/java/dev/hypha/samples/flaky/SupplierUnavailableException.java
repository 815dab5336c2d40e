package dev.hypha.samples.flaky;

/** The supplier's service did not answer: worth trying again a little later. */
public final class SupplierUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SupplierUnavailableException(String message) {
    super(message);
  }
}
