package dev.hypha.runtime;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Filters and paging for {@link RunHistory#find}, {@link RunHistory#count} and {@link
 * RunHistory#stream}. Results are always newest first. A query that cannot be run fails with an
 * {@link InvalidQueryException} when it is built, or for a page token when it is used.
 *
 * @param flow only runs of this flow
 * @param states only runs in one of these states; empty for any
 * @param startedFrom only runs started at or after this instant
 * @param startedBefore only runs started before this instant
 * @param limit the page size, 1 to {@value #MAX_LIMIT}; a count ignores it
 * @param after the {@link Page#nextPageToken()} of the previous page, to read the page after it; a
 *     count ignores it
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

  /**
   * @throws InvalidQueryException if a component is null, a state is null, the limit is out of
   *     range or the time window ends before it starts
   */
  public RunQuery {
    present(flow, "flow");
    present(states, "states");
    present(startedFrom, "startedFrom");
    present(startedBefore, "startedBefore");
    present(after, "after");
    for (RunState state : states) {
      if (state == null) {
        throw nullState();
      }
    }
    states = states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidQueryException(
          "limit",
          "limit must be between 1 and " + MAX_LIMIT + ", was " + limit + "; page with after()");
    }
    if (startedFrom.isPresent()
        && startedBefore.isPresent()
        && startedFrom.get().isAfter(startedBefore.get())) {
      throw new InvalidQueryException(
          "startedFrom",
          "startedFrom "
              + startedFrom.get()
              + " is after startedBefore "
              + startedBefore.get()
              + ", so no run can match; swap them");
    }
  }

  private static void present(Object component, String name) {
    if (component == null) {
      throw new InvalidQueryException(
          name,
          name
              + " is null; pass Optional.empty() (an empty set for states) to leave it out, or"
              + " build the query with RunQuery.builder()");
    }
  }

  private static InvalidQueryException nullState() {
    return new InvalidQueryException(
        "states", "a state to match is null; pass RunState values, or none for any state");
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

    /**
     * Adds states to match; runs in any of them match.
     *
     * @throws InvalidQueryException if a state is null
     */
    public Builder state(RunState... states) {
      if (states == null) {
        throw nullState();
      }
      for (RunState state : states) {
        if (state == null) {
          throw nullState();
        }
      }
      this.states.addAll(Arrays.asList(states));
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

    /**
     * Continues after the page whose {@link Page#nextPageToken()} is {@code pageToken}; null for
     * the first page. A token is opaque: one that the store did not make fails the query with an
     * {@link InvalidQueryException} when it runs.
     */
    public Builder after(String pageToken) {
      this.after = pageToken;
      return this;
    }

    /**
     * @throws InvalidQueryException if the limit is out of range or the time window ends before it
     *     starts
     */
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
