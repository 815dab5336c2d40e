package dev.hypha.runtime;

/**
 * A history query that cannot be run: a page size out of range, a page token that is not one, a
 * missing or contradictory filter. Thrown where the query is built or, for a page token, where it
 * is used; nothing is read.
 */
public final class InvalidQueryException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final String parameter;

  /**
   * @param parameter the part of the query at fault, as {@link RunQuery} names it
   * @param message what is wrong and how to fix it
   */
  public InvalidQueryException(String parameter, String message) {
    this(parameter, message, null);
  }

  public InvalidQueryException(String parameter, String message, Throwable cause) {
    super(message, cause);
    this.parameter = parameter;
  }

  /**
   * The part of the query at fault, as {@link RunQuery} names it: {@code limit}, {@code after},
   * {@code states}, {@code startedFrom}, {@code flow} and so on.
   */
  public String parameter() {
    return parameter;
  }
}
