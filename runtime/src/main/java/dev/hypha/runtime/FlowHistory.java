package dev.hypha.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Queries over the runs of one flow, with typed results. Obtained from the generated flow class.
 *
 * <p>Thread-safe.
 *
 * @param <T> the flow's result type
 */
public interface FlowHistory<T> {

  /** Runs of this flow matching {@code query} (its flow filter is replaced), newest first. */
  Page<RunSummary> find(RunQuery query);

  /**
   * How many runs of this flow match {@code query}'s filters (its flow filter is replaced); its
   * {@link RunQuery#limit() limit} and {@link RunQuery#after() page token} play no part. One read,
   * through an index.
   */
  long count(RunQuery query);

  /** The newest {@code limit} runs of this flow. */
  default List<RunSummary> latest(int limit) {
    return find(RunQuery.builder().limit(limit).build()).items();
  }

  /**
   * Runs of this flow that failed and were started at or after {@code since}, newest first: all of
   * them, read page by page.
   */
  default List<RunSummary> failedSince(Instant since) {
    List<RunSummary> failed = new java.util.ArrayList<>();
    RunQuery.Builder query =
        RunQuery.builder().state(RunState.FAILED).startedFrom(since).limit(RunQuery.MAX_LIMIT);
    Page<RunSummary> page = find(query.build());
    failed.addAll(page.items());
    while (page.nextPageToken().isPresent()) {
      page = find(query.after(page.nextPageToken().get()).build());
      failed.addAll(page.items());
    }
    return failed;
  }

  /** A run's full detail, if this flow has a run {@code id}. */
  Optional<RunDetail> detail(RunId id);

  /** The run's result, decoded to the flow's result type, if it succeeded. */
  Optional<T> result(RunId id);
}
