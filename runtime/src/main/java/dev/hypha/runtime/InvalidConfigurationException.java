package dev.hypha.runtime;

/** A setting of {@link Hypha.Builder} is out of range; the message names it and what it takes. */
public final class InvalidConfigurationException extends HyphaException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigurationException(String message) {
    super(message);
  }
}
