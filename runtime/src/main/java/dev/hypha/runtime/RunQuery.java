package dev.hypha.runtime;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Filters and paging for {@link RunHistory#find}. Results are always newest first.
 *
 * @param flow only runs of this flow
 * @param states only runs in one of these states; empty for any
 * @param startedFrom only runs started at or after this instant
 * @param startedBefore only runs started before this instant
 * @param limit the page size, 1 to {@value #MAX_LIMIT}
 * @param after the token of the previous page
 */
public record RunQuery(
    Optional<String> flow,
    Set<RunState> states,
    Optional<Instant> startedFrom,
    Optional<Instant> startedBefore,
    int limit,
    Optional<String> after) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 1000;

  public RunQuery {
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit + "; page with after()");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The same query for the flow {@code name}. */
  public RunQuery withFlow(String name) {
    return new RunQuery(Optional.of(name), states, startedFrom, startedBefore, limit, after);
  }

  /** Collects a {@link RunQuery}. Not thread-safe. */
  public static final class Builder {
    private String flow;
    private final Set<RunState> states = EnumSet.noneOf(RunState.class);
    private Instant startedFrom;
    private Instant startedBefore;
    private int limit = DEFAULT_LIMIT;
    private String after;

    private Builder() {}

    public Builder flow(String flow) {
      this.flow = flow;
      return this;
    }

    /** Adds states to match; runs in any of them match. */
    public Builder state(RunState... states) {
      this.states.addAll(java.util.List.of(states));
      return this;
    }

    public Builder startedFrom(Instant instant) {
      this.startedFrom = instant;
      return this;
    }

    public Builder startedBefore(Instant instant) {
      this.startedBefore = instant;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /** Continues after the page whose {@link Page#nextPageToken()} is {@code pageToken}. */
    public Builder after(String pageToken) {
      this.after = pageToken;
      return this;
    }

    public RunQuery build() {
      return new RunQuery(
          Optional.ofNullable(flow),
          states,
          Optional.ofNullable(startedFrom),
          Optional.ofNullable(startedBefore),
          limit,
          Optional.ofNullable(after));
    }
  }
}
