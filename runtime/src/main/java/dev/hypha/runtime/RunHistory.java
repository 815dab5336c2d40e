package dev.hypha.runtime;

import java.util.Optional;

/**
 * Queries over every run in the store, whatever flow or flow version made it. Reads never block the
 * engine.
 *
 * <p>Thread-safe.
 */
public interface RunHistory {

  /** Runs matching {@code query}, newest first. */
  Page<RunSummary> find(RunQuery query);

  /**
   * How many runs match {@code query}'s filters; its {@link RunQuery#limit() limit} and {@link
   * RunQuery#after() page token} play no part. One read, through an index.
   */
  long count(RunQuery query);

  /** A run with all of its tasks. */
  Optional<RunDetail> detail(RunId id);
}
