package dev.hypha.runtime;

/**
 * A run's input does not fit its flow: the JSON given to {@link Hypha#start(String, String)} does
 * not read as the flow's input type, or an input object cannot be written as JSON. Nothing was
 * started.
 */
public final class InvalidInputException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final String flow;
  private final String expectedType;

  public InvalidInputException(String flow, String expectedType, String message, Throwable cause) {
    super(message, cause);
    this.flow = flow;
    this.expectedType = expectedType;
  }

  /** The flow whose input it was. */
  public String flow() {
    return flow;
  }

  /** The flow's input type, as declared. */
  public String expectedType() {
    return expectedType;
  }
}
