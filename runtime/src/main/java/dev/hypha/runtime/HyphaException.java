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

  /** The first line of {@code message} ("" for none): a cause's gist inside a one-line message. */
  static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
