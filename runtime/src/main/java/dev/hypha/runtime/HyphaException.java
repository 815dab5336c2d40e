package dev.hypha.runtime;

/**
 * The root of every exception Hypha throws. Subclasses carry the details as accessors; messages end
 * with what to do about the problem.
 */
public class HyphaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HyphaException(String message) {
    super(message);
  }

  public HyphaException(String message, Throwable cause) {
    super(message, cause);
  }
}
