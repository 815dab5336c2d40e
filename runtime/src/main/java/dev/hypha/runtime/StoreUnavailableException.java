package dev.hypha.runtime;

/** The database file cannot be opened or written: missing folder, permissions, a full disk. */
public final class StoreUnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String location, String message, Throwable cause) {
    super(location, message, cause);
  }
}
