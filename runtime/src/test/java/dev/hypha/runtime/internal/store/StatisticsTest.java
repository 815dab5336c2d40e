package dev.hypha.runtime.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store keeps the planner's statistics as SQLite recommends: {@code PRAGMA optimize} when the
 * writer opens and closes, and whenever the engine calls {@link SqliteStore#optimize()}.
 */
class StatisticsTest {
  @TempDir Path dir;

  private SqliteStore open() {
    return SqliteStore.open(dir.resolve("stats.db"), Duration.ofSeconds(5), false, 0);
  }

  /** The row count sqlite_stat1 has for each index of {@code runs}; empty without statistics. */
  private static Map<String, Long> runStatistics(SqliteStore store) {
    return store.read(
        handle -> {
          boolean any =
              handle
                      .createQuery("SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'")
                      .mapTo(Integer.class)
                      .one()
                  > 0;
          if (!any) {
            return Map.of();
          }
          return handle
              .createQuery("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'runs'")
              .map(
                  (rs, ctx) ->
                      Map.entry(rs.getString(1), Long.parseLong(rs.getString(2).split(" ")[0])))
              .list()
              .stream()
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        });
  }

  @Test
  void aStoreClosedAfterManyRunsHasStatisticsWhenReopened() {
    try (SqliteStore store = open()) {
      FinishedRuns.write(store, 1, 3_000);
      assertThat(runStatistics(store)).isEmpty();
    }
    try (SqliteStore store = open()) {
      assertThat(runStatistics(store))
          .containsOnlyKeys(
              "runs_by_time",
              "runs_by_flow",
              "runs_by_state",
              "sqlite_autoindex_runs_1",
              "runs_by_key",
              "runs_by_parent")
          // The key and parent indexes hold only runs started with a key, or by a task: none here.
          .allSatisfy(
              (index, rows) ->
                  assertThat(rows)
                      .isEqualTo(
                          index.equals("runs_by_key") || index.equals("runs_by_parent")
                              ? 0
                              : 3_000));
    }
  }

  @Test
  void optimizeRefreshesTheStatisticsOfATableThatGrewTenfold() {
    try (SqliteStore store = open()) {
      FinishedRuns.write(store, 1, 100);
    }
    try (SqliteStore store = open()) {
      assertThat(runStatistics(store)).containsEntry("runs_by_time", 100L);
      FinishedRuns.write(store, 101, 5_000);
      assertThat(runStatistics(store)).containsEntry("runs_by_time", 100L);
      store.optimize();
      assertThat(runStatistics(store).get("runs_by_time")).isGreaterThan(1_000L);
    }
  }
}
