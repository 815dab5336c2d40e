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

  /** The newest {@code limit} runs of this flow. */
  default List<RunSummary> latest(int limit) {
    return find(RunQuery.builder().limit(limit).build()).items();
  }

  /** Runs of this flow that failed and were started at or after {@code since}, newest first. */
  default List<RunSummary> failedSince(Instant since) {
    return find(RunQuery.builder().state(RunState.FAILED).startedFrom(since).limit(1000).build())
        .items();
  }

  /** A run's full detail, if this flow has a run {@code id}. */
  Optional<RunDetail> detail(RunId id);

  /** The run's result, decoded to the flow's result type, if it succeeded. */
  Optional<T> result(RunId id);
}
