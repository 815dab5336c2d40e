package dev.hypha.runtime;

/**
 * A problem with the store: the database file, its schema or its contents. Nothing already
 * committed is lost when one is thrown.
 */
public class StoreException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final String location;

  public StoreException(String location, String message, Throwable cause) {
    super(message, cause);
    this.location = location;
  }

  /** The database concerned: a file path, or a JDBC URL without credentials. */
  public String location() {
    return location;
  }
}
