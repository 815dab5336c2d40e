package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.StoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How the engine's failures reach callers: one wording and one unwrapping for all of them. */
final class EngineErrors {
  private EngineErrors() {}

  /**
   * The future's value, with its failure rethrown as the unchecked exception it was. Interruptible:
   * an interrupted caller gets a {@link HyphaException} and its interrupt flag back, while what it
   * submitted may still be committed.
   */
  static <T> T join(CompletableFuture<T> future, String what) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HyphaException(
          "interrupted while waiting for " + what + "; it may still be committed, look it up", e);
    } catch (ExecutionException e) {
      throw unwrap(e);
    }
  }

  /**
   * The failure of a future as the unchecked exception it was: the cause of an {@link
   * ExecutionException} or {@link CompletionException}, rethrown as is if it is an {@link Error},
   * wrapped in a {@link HyphaException} if it is checked.
   */
  static RuntimeException unwrap(Throwable failure) {
    Throwable cause =
        (failure instanceof ExecutionException || failure instanceof CompletionException)
                && failure.getCause() != null
            ? failure.getCause()
            : failure;
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new HyphaException(cause.getMessage(), cause);
  }

  /** What stopped the engine, in words: its message, or its type where it has none. */
  static String describe(Throwable error) {
    if (error instanceof InterruptedException) {
      return "its thread was interrupted";
    }
    return error.getMessage() != null ? error.getMessage() : error.toString();
  }

  /**
   * The exception callers get once the engine has stopped: a store's own exception as it is (the
   * README's table names it), anything else wrapped with what to do.
   */
  static RuntimeException stoppedError(Throwable error, String what) {
    if (error instanceof StoreException store) {
      return store;
    }
    return new HyphaException(
        "the engine stopped ("
            + describe(error)
            + "), so "
            + what
            + "; close this Hypha and open it again to go on from the last commit",
        error);
  }
}
