package dev.hypha.runtime;

import java.nio.file.Path;

/**
 * A problem with the store: the database file, its schema or its contents. Nothing already
 * committed is lost when one is thrown.
 */
public class StoreException extends HyphaException {
  private static final long serialVersionUID = 1L;
  private final transient Path path;

  public StoreException(Path path, String message, Throwable cause) {
    super(message, cause);
    this.path = path;
  }

  /** The database file concerned. */
  public Path path() {
    return path;
  }
}
