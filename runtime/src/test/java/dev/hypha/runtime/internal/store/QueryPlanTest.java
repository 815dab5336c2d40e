package dev.hypha.runtime.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queries the history API, outputs and recovery run use an index, in the plans the runtime
 * really gets: a store filled with thousands of runs, closed and opened again (so its own {@code
 * PRAGMA optimize} gathered the statistics), explains the DAOs' own SQL on its own reader
 * connection. No plan scans a whole table or sorts all runs.
 */
class QueryPlanTest {
  private static final int RUNS = 5_000;

  @TempDir static Path dir;
  private static SqliteStore store;

  @BeforeAll
  static void fillAndReopen() {
    Path file = dir.resolve("plan.db");
    try (SqliteStore filling = SqliteStore.open(file, Duration.ofSeconds(5), false, 0)) {
      FinishedRuns.write(filling, 1, RUNS);
    }
    store = SqliteStore.open(file, Duration.ofSeconds(5), false, 0);
    assertThat(
            store.<Integer>read(
                h -> h.createQuery("SELECT count(*) FROM sqlite_stat1").mapTo(Integer.class).one()))
        .as("statistics gathered by the store itself")
        .isPositive();
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static String plan(Query explain) {
    return String.join(" | ", explain.map((rs, ctx) -> rs.getString("detail")).list());
  }

  private static String planOfFind(RunQuery query, Optional<RunDao.PageToken> after) {
    return store.read(
        handle -> plan(RunDao.findQuery(handle, "EXPLAIN QUERY PLAN ", query, after)));
  }

  private static String plan(String sql, Object... binds) {
    return store.read(
        (Handle handle) -> {
          Query explain = handle.createQuery("EXPLAIN QUERY PLAN " + sql);
          for (int i = 0; i < binds.length; i++) {
            explain.bind(i, binds[i]);
          }
          return plan(explain);
        });
  }

  private static void assertIndexed(String plan, String index) {
    assertThat(plan)
        .contains(index)
        .doesNotContainPattern("SCAN (runs|tasks|attempts)(?! USING)")
        .doesNotContain("TEMP B-TREE");
  }

  private static final Instant JUNE = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  void newestRunsWalkTheTimeIndex() {
    assertIndexed(planOfFind(RunQuery.builder().build(), Optional.empty()), "runs_by_time");
  }

  @Test
  void runsOfAFlowUseTheFlowIndex() {
    assertIndexed(
        planOfFind(RunQuery.builder().flow("orders").build(), Optional.empty()),
        "runs_by_flow (flow=?)");
    assertIndexed(
        planOfFind(RunQuery.builder().flow("sync").build(), Optional.empty()),
        "runs_by_flow (flow=?)");
  }

  @Test
  void runsInAStateUseTheStateIndexRareOrCommon() {
    for (RunState state : RunState.values()) {
      assertIndexed(
          planOfFind(RunQuery.builder().state(state).build(), Optional.empty()),
          "runs_by_state (state=?)");
    }
  }

  @Test
  void runsInOneOfSeveralStatesWalkTheTimeIndexInsteadOfSorting() {
    assertIndexed(
        planOfFind(
            RunQuery.builder().state(RunState.FAILED, RunState.CANCELLED).build(),
            Optional.empty()),
        "runs_by_time");
  }

  @Test
  void failedRunsOfAFlowSinceAnInstantUseAnIndexRange() {
    String plan =
        planOfFind(
            RunQuery.builder().flow("orders").state(RunState.FAILED).startedFrom(JUNE).build(),
            Optional.empty());
    assertIndexed(plan, "runs_by_state (state=? AND started_at>?)");
  }

  @Test
  void aTimeWindowIsAnIndexRange() {
    Instant next = JUNE.plus(Duration.ofDays(1));
    assertIndexed(
        planOfFind(
            RunQuery.builder().startedFrom(JUNE).startedBefore(next).build(), Optional.empty()),
        "runs_by_time (started_at>? AND started_at<?)");
    assertIndexed(
        planOfFind(
            RunQuery.builder().flow("orders").startedFrom(JUNE).startedBefore(next).build(),
            Optional.empty()),
        "runs_by_flow (flow=? AND started_at>? AND started_at<?)");
  }

  @Test
  void theNextPageStartsWhereThePreviousEnded() {
    RunDao.PageToken token = new RunDao.PageToken(FinishedRuns.startedAt(2_500), 2_500);
    assertIndexed(
        planOfFind(RunQuery.builder().flow("orders").build(), Optional.of(token)),
        "runs_by_flow (flow=? AND started_at<?)");
    assertIndexed(
        planOfFind(RunQuery.builder().build(), Optional.of(token)), "runs_by_time (started_at<?)");
  }

  @Test
  void aRunIsFoundByItsIdAndItsTasksAndAttemptsAsOneKeyRange() {
    String id = RunId.generate(1).value();
    assertIndexed(plan(RunDao.SUMMARY, id), "sqlite_autoindex_runs_1 (run_id=?)");
    assertThat(plan(TaskDao.OF_RUN_IN_ORDER, TaskKeys.first(1), TaskKeys.last(1)))
        .isEqualTo("SEARCH tasks USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)");
    assertThat(plan(TaskDao.ATTEMPTS_OF_RUN, TaskKeys.first(1), TaskKeys.last(1)))
        .isEqualTo("SEARCH attempts USING PRIMARY KEY (task_key>? AND task_key<?)");
  }

  @Test
  void aTaskOutputIsOneRow() {
    String plan =
        store.read(
            handle ->
                plan(
                    handle
                        .createQuery("EXPLAIN QUERY PLAN " + TaskDao.ONE)
                        .bind("key", TaskKeys.key(7, 2))));
    assertThat(plan).isEqualTo("SEARCH tasks USING INTEGER PRIMARY KEY (rowid=?)");
  }

  @Test
  void recoveryFindsTheRunsInFlightThroughTheStateIndex() {
    assertIndexed(plan(RunDao.RUNNING, "orders", 0L, 0L, 500), "runs_by_state (state=?");
    assertThat(plan(RunDao.LAST_SEQ)).isEqualTo("SEARCH runs");
  }

  private static String planOfCount(RunQuery query) {
    return store.read(handle -> plan(RunDao.countQuery(handle, "EXPLAIN QUERY PLAN ", query)));
  }

  @Test
  void countsReadOnlyAnIndex() {
    assertThat(planOfCount(RunQuery.builder().build()))
        .startsWith("SCAN runs USING COVERING INDEX");
    assertIndexed(
        planOfCount(RunQuery.builder().flow("orders").build()),
        "SEARCH runs USING COVERING INDEX runs_by_flow (flow=?)");
    assertIndexed(
        planOfCount(RunQuery.builder().state(RunState.FAILED).build()),
        "SEARCH runs USING COVERING INDEX runs_by_state (state=?)");
    // Unlike a page, a count of several states searches the state index: no order to keep.
    assertIndexed(
        planOfCount(RunQuery.builder().state(RunState.FAILED, RunState.CANCELLED).build()),
        "SEARCH runs USING COVERING INDEX runs_by_state (state=?)");
    assertIndexed(
        planOfCount(RunQuery.builder().startedFrom(JUNE).build()),
        "SEARCH runs USING COVERING INDEX runs_by_time (started_at>?)");
    assertIndexed(
        planOfCount(
            RunQuery.builder().flow("orders").state(RunState.FAILED).startedFrom(JUNE).build()),
        "SEARCH runs USING INDEX runs_by_state (state=? AND started_at>?)");
  }
}
