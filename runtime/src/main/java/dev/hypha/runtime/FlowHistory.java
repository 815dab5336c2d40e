package dev.hypha.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

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
   * Every run of this flow matching {@code query} (its flow filter is replaced), newest first, read
   * a page at a time as the stream reaches it; see {@link RunHistory#stream(RunQuery)}.
   */
  default Stream<RunSummary> stream(RunQuery query) {
    return PagedStream.of(query, this::find);
  }

  /**
   * Runs of this flow that FAILED and were started at or after {@code since}, newest first, read
   * 100 at a time as the stream reaches them (see {@link RunHistory#stream(RunQuery)}): taking a
   * few of them reads one page, however many failed.
   *
   * <pre>{@code
   * List<RunSummary> latest = flow.history().failedSince(yesterday).limit(20).toList();
   * flow.history().failedSince(yesterday).forEach(run -> retry(run.id()));
   * long failed = flow.history().count(RunQuery.builder().state(RunState.FAILED)
   *     .startedFrom(yesterday).build());
   * }</pre>
   */
  default Stream<RunSummary> failedSince(Instant since) {
    return stream(
        RunQuery.builder()
            .state(RunState.FAILED)
            .startedFrom(since)
            .limit(PagedStream.FAILED_SINCE_PAGE)
            .build());
  }

  /** A run's full detail, if this flow has a run {@code id}. */
  Optional<RunDetail> detail(RunId id);

  /** The run's result, decoded to the flow's result type, if it succeeded. */
  Optional<T> result(RunId id);
}
