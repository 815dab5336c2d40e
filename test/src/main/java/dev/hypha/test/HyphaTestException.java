package dev.hypha.test;

import dev.hypha.runtime.HyphaException;

/**
 * A {@link HyphaTest} that cannot be set up as it asks: PostgreSQL asked for but not configured or
 * not reachable, a Hypha asked for outside a test. The message ends with the fix. Immutable.
 */
public final class HyphaTestException extends HyphaException {
  private static final long serialVersionUID = 1L;

  HyphaTestException(String message) {
    super(message);
  }

  HyphaTestException(String message, Throwable cause) {
    super(message, cause);
  }
}
