package dev.hypha.runtime;

import java.nio.file.Path;

/** The database file cannot be opened or written: missing folder, permissions, a full disk. */
public final class StoreUnavailableException extends StoreException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(Path path, String message, Throwable cause) {
    super(path, message, cause);
  }
}
