package dev.hypha.runtime.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queries the history API and recovery run use an index: SQLite's plan for the very SQL the
 * DAOs build names one and never scans a whole table or sorts all runs.
 */
class QueryPlanTest {
  @TempDir Path dir;
  private Jdbi jdbi;

  @BeforeEach
  void createSchema() {
    Path file = dir.resolve("plan.db");
    SqliteStore.open(file, Duration.ofSeconds(1), false, 0).close();
    jdbi = Jdbi.create("jdbc:sqlite:" + file);
    // Statistics as a store of many finished runs would have them, so the planner is realistic.
    jdbi.useHandle(
        handle -> {
          handle.execute("ANALYZE");
          handle.execute("DELETE FROM sqlite_stat1");
          handle.execute(
              "INSERT INTO sqlite_stat1 VALUES ('runs', 'runs_by_time', '100000 1'),"
                  + " ('runs', 'runs_by_flow', '100000 10000 1'),"
                  + " ('runs', 'runs_by_state', '100000 25000 1'),"
                  + " ('runs', 'sqlite_autoindex_runs_1', '100000 1')");
          handle.execute("ANALYZE sqlite_schema");
        });
  }

  private String planOfFind(RunQuery query, Optional<RunDao.PageToken> after) {
    return jdbi.withHandle(
        handle -> {
          Query explain = RunDao.findQuery(handle, "EXPLAIN QUERY PLAN ", query, after);
          return explain.map((rs, ctx) -> rs.getString("detail")).list().stream()
              .collect(Collectors.joining(" | "));
        });
  }

  private String plan(String sql, Object... binds) {
    return jdbi.withHandle(
        handle -> {
          Query explain = handle.createQuery("EXPLAIN QUERY PLAN " + sql);
          for (int i = 0; i < binds.length; i++) {
            explain.bind(i, binds[i]);
          }
          List<String> rows = explain.map((rs, ctx) -> rs.getString("detail")).list();
          return String.join(" | ", rows);
        });
  }

  private static void assertIndexed(String plan, String index) {
    assertThat(plan)
        .contains(index)
        .doesNotContainPattern("SCAN (runs|tasks)(?! USING)")
        .doesNotContain("TEMP B-TREE");
  }

  @Test
  void newestRunsUseTheTimeIndex() {
    assertIndexed(planOfFind(RunQuery.builder().build(), Optional.empty()), "runs_by_time");
  }

  @Test
  void runsOfAFlowUseTheFlowIndex() {
    assertIndexed(
        planOfFind(RunQuery.builder().flow("a").build(), Optional.empty()), "runs_by_flow");
  }

  @Test
  void runsInAStateUseTheStateIndex() {
    assertIndexed(
        planOfFind(RunQuery.builder().state(RunState.FAILED).build(), Optional.empty()),
        "runs_by_state");
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
  void failedRunsOfAFlowSinceAnInstantUseAnIndex() {
    String plan =
        planOfFind(
            RunQuery.builder()
                .flow("a")
                .state(RunState.FAILED)
                .startedFrom(Instant.parse("2026-11-01T00:00:00Z"))
                .build(),
            Optional.empty());
    assertThat(plan).containsPattern("runs_by_(flow|state)").doesNotContain("TEMP B-TREE");
  }

  @Test
  void theNextPageStartsWhereThePreviousEnded() {
    assertIndexed(
        planOfFind(RunQuery.builder().flow("a").build(), Optional.of(new RunDao.PageToken(5, 7))),
        "runs_by_flow");
  }

  @Test
  void aRunsDetailReadsItsTasksAsOneKeyRange() {
    assertIndexed(
        plan("SELECT run_seq, input_json FROM runs WHERE run_id = ?", "x"),
        "sqlite_autoindex_runs_1");
    assertThat(
            plan(
                "SELECT name FROM tasks WHERE task_key BETWEEN ? AND ? ORDER BY task_key",
                TaskKeys.first(1),
                TaskKeys.last(1)))
        .contains("SEARCH tasks USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)");
  }

  @Test
  void recoveryFindsTheRunsInFlightThroughTheStateIndexAndTheirTasksByKey() {
    assertIndexed(plan(RunDao.RUNNING, "a", 0L, 0L, 500), "runs_by_state");
    assertThat(
            plan("SELECT state FROM tasks WHERE task_key BETWEEN ? AND ? AND name = ?", 1, 2, "x"))
        .contains("USING INTEGER PRIMARY KEY");
  }
}
