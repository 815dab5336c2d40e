package dev.hypha.runtime.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queries of the history API, of recovery and of ready-task lookups use an index: SQLite's plan
 * for them names one and never scans a whole table.
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

  private String plan(String sql) {
    List<String> rows =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery("EXPLAIN QUERY PLAN " + sql)
                    .map((rs, ctx) -> rs.getString("detail"))
                    .list());
    return rows.stream().collect(Collectors.joining(" | "));
  }

  private void assertUsesIndex(String sql, String index) {
    String plan = plan(sql);
    assertThat(plan).as(sql).contains(index).doesNotContainPattern("SCAN (runs|tasks)(?! USING)");
  }

  @Test
  void newestRunsUseTheTimeIndex() {
    assertUsesIndex(
        "SELECT run_id FROM runs ORDER BY started_at DESC, run_seq DESC LIMIT 51", "runs_by_time");
  }

  @Test
  void runsOfAFlowUseTheFlowIndex() {
    assertUsesIndex(
        "SELECT run_id FROM runs WHERE flow = 'a' ORDER BY started_at DESC, run_seq DESC LIMIT 51",
        "runs_by_flow");
  }

  @Test
  void runsInAStateUseTheStateIndex() {
    assertUsesIndex(
        "SELECT run_id FROM runs WHERE state IN ('FAILED') ORDER BY started_at DESC, run_seq DESC"
            + " LIMIT 51",
        "runs_by_state");
  }

  @Test
  void runsInOneOfSeveralStatesWalkTheTimeIndexInsteadOfSorting() {
    String plan =
        plan(
            "SELECT run_id FROM runs WHERE +state IN ('FAILED', 'CANCELLED')"
                + " ORDER BY started_at DESC, run_seq DESC LIMIT 51");
    assertThat(plan).contains("runs_by_time").doesNotContain("TEMP B-TREE");
  }

  @Test
  void theNextPageStartsWhereThePreviousEnded() {
    assertUsesIndex(
        "SELECT run_id FROM runs WHERE flow = 'a' AND (started_at, run_seq) < (5, 7)"
            + " ORDER BY started_at DESC, run_seq DESC LIMIT 51",
        "runs_by_flow");
  }

  @Test
  void aRunsDetailReadsItsTasksAsOneKeyRange() {
    assertUsesIndex(
        "SELECT run_seq, input_json FROM runs WHERE run_id = 'x'", "sqlite_autoindex_runs_1");
    assertThat(
            plan(
                "SELECT name FROM tasks WHERE task_key BETWEEN 16777216 AND 33554431"
                    + " ORDER BY task_key"))
        .contains("SEARCH tasks USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)");
  }

  @Test
  void theTasksOfTheRunsToResumeAreFoundByKeyWithoutScanningTasks() {
    // Recovery: in-flight runs through the state index, then each run's tasks by key range.
    assertUsesIndex(
        "SELECT run_seq FROM runs WHERE state = 'RUNNING' AND +flow = 'a' ORDER BY started_at",
        "runs_by_state");
    assertThat(plan("SELECT state FROM tasks WHERE task_key BETWEEN 1 AND 2 AND name = 'x'"))
        .contains("USING INTEGER PRIMARY KEY");
  }
}
