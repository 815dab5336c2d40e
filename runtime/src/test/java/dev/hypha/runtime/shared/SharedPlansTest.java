package dev.hypha.runtime.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import dev.hypha.runtime.testing.SharedStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On PostgreSQL, everything a worker and a client do reads {@code tasks} and {@code runs} through
 * their indexes, in a store whose tables hold many rows that the planner's statistics have never
 * seen (a store that grew fast, before autovacuum analysed it). A statement that scanned a whole
 * table would cost every worker turn more as the history grows: a heartbeat without the lease
 * condition did, and so did a join that looked for a run's first failure.
 */
class SharedPlansTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);
  private static final int HISTORY = 20_000;

  @TempDir Path dir;

  @Test
  void aWorkersTurnsHeartbeatsAndTakeoversScanNoWholeTable() throws Exception {
    assumeTrue(
        SharedStores.postgresUrl() != null,
        SharedStores.URL_VARIABLE + " is not set; .ci/run sets it");
    String url = SharedStores.fresh("postgres", dir);
    String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    try (Hypha creating = Hypha.connect(url)) {
      assertThat(creating.history().workers()).isEmpty();
    }
    fillHistory(url);
    Map<String, Long> before = scans(schema);

    // Retries, failures that skip dependents and fail runs, successes, heartbeats (a lease of
    // 600 ms beats every 200 ms while tasks of 30 ms run) and the look for expired leases.
    LambdaFlow flow =
        LambdaFlow.builder("plans")
            .input(INT)
            .task(TaskDescriptor.builder("a", INT).build(), args -> pause(args.input()))
            .task(
                TaskDescriptor.builder("b", INT)
                    .dependsOn("a")
                    .retry(
                        new RetryPolicy(
                            2,
                            Duration.ofMillis(5),
                            1.0,
                            Duration.ofMillis(5),
                            0.0,
                            List.of(),
                            List.of()))
                    .build(),
                args -> {
                  if ((Integer) args.input() % 3 == 0) {
                    throw new IllegalStateException("b fails for multiples of 3");
                  }
                  return pause(args.output(0));
                })
            .task(TaskDescriptor.builder("c", INT).dependsOn("a").build(), args -> pause(1))
            .task(TaskDescriptor.builder("d", INT).dependsOn("b", "c").build(), args -> pause(2))
            .build();
    List<Run<Object>> runs = new ArrayList<>();
    try (Hypha client = Hypha.connect(url);
        Hypha worker =
            Hypha.builder()
                .database(url)
                .worker(TaskDescriptor.DEFAULT_QUEUE)
                .parallel(4)
                .lease(Duration.ofMillis(600))
                .pollInterval(Duration.ofMillis(20))
                .open()) {
      worker.bind(flow, flow);
      FlowBinding<Object, Object> starts = client.client(flow);
      for (int i = 0; i < 30; i++) {
        runs.add(starts.start(i));
      }
      for (int i = 0; i < runs.size(); i++) {
        Run<Object> run = runs.get(i);
        if (i % 3 == 0) {
          assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
        } else {
          assertThat(run.await(WAIT)).isEqualTo(2);
        }
      }
    }
    // Closed: each connection reports its scans as its server process ends, just after.
    Map<String, Long> after = settled(schema);
    assertThat(after.get("tasks idx_scan")).isGreaterThan(before.get("tasks idx_scan"));
    assertThat(after.get("runs idx_scan")).isGreaterThan(before.get("runs idx_scan"));
    assertThat(after.get("tasks seq_scan"))
        .as("whole-table scans of tasks")
        .isEqualTo(before.get("tasks seq_scan"));
    assertThat(after.get("runs seq_scan"))
        .as("whole-table scans of runs")
        .isEqualTo(before.get("runs seq_scan"));
  }

  private static int pause(Object value) throws InterruptedException {
    Thread.sleep(30);
    return 2;
  }

  /** {@value #HISTORY} ended runs of four tasks each, written directly, never analysed. */
  private static void fillHistory(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO runs (run_id, flow, shape_hash, state, input_json, result_json, task_count,"
              + " started_at, finished_at, tasks_left)"
              + " SELECT 'old-' || n, 'old', 'h', 'SUCCEEDED', '1', '2', 4, n, n + 1, 0"
              + " FROM generate_series(1, "
              + HISTORY
              + ") AS n");
      statement.execute(
          "INSERT INTO tasks (task_key, name, queue, state, attempt, ready_at, started_at,"
              + " finished_at, worker, output_json, flow_version, deps_left)"
              + " SELECT r.run_seq * 16777216 + i, 't' || i, 'default', 'SUCCEEDED', 1, 0, 0, 1,"
              + " 'old-worker', '2', 'old@h', 0"
              + " FROM runs r CROSS JOIN generate_series(0, 3) AS i");
    }
  }

  /** The scans once the closed connections' server processes have reported theirs. */
  private static Map<String, Long> settled(String schema) throws Exception {
    Map<String, Long> last = scans(schema);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      Thread.sleep(300);
      Map<String, Long> now = scans(schema);
      if (now.equals(last)) {
        return now;
      }
      last = now;
    }
    throw new AssertionError("the scan counts of " + schema + " kept changing for 20 s: " + last);
  }

  /** Sequential and index scans of {@code tasks} and {@code runs} in {@code schema}, so far. */
  private static Map<String, Long> scans(String schema) throws SQLException {
    Map<String, Long> scans = new HashMap<>();
    try (Connection connection = DriverManager.getConnection(SharedStores.postgresUrl());
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT relname, seq_scan, coalesce(idx_scan, 0) FROM pg_stat_user_tables"
                    + " WHERE schemaname = '"
                    + schema
                    + "' AND relname IN ('tasks', 'runs')")) {
      while (rows.next()) {
        scans.put(rows.getString(1) + " seq_scan", rows.getLong(2));
        scans.put(rows.getString(1) + " idx_scan", rows.getLong(3));
      }
    }
    assertThat(scans).hasSize(4);
    return scans;
  }
}
