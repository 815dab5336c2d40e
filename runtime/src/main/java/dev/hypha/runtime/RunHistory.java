package dev.hypha.runtime;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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

  /**
   * Every run matching {@code query}, newest first, read a page at a time as the stream reaches it:
   * {@code query}'s {@link RunQuery#limit() limit} is the page size, and its {@link
   * RunQuery#after() page token}, if any, where the stream starts. {@code
   * stream(query).limit(10).toList()} reads one page; {@code forEach} over all of them reads them
   * all, one page in memory at a time.
   *
   * <p>Each page is read when it is needed, in its own read transaction, so the stream holds no
   * connection and need not be closed. Pages continue from where the previous one ended, so no run
   * appears twice; a run started after the first page was read does not appear, and a run that
   * changed state meanwhile appears as the page that reached it found it.
   */
  default Stream<RunSummary> stream(RunQuery query) {
    return PagedStream.of(query, this::find);
  }

  /** A run with all of its tasks. */
  Optional<RunDetail> detail(RunId id);

  /** A run's history row alone, without its tasks: one read by the run's id. */
  Optional<RunSummary> summary(RunId id);

  /**
   * The run of the flow named {@code flow} that was started with the idempotency key {@code key}
   * (see {@link dev.hypha.runtime.spi.FlowBinding#start(Object, String)}), if there is one.
   */
  Optional<RunSummary> byKey(String flow, String key);

  /**
   * The worker processes that have used this store (none for an embedded store), by name, with the
   * queues they host and their last heartbeat: where to look when a task stays READY.
   */
  default List<WorkerRecord> workers() {
    return List.of();
  }
}
