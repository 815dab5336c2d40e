package dev.hypha.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/**
 * The best any engine could do on this file: per task, one inserted and one updated row with a
 * small JSON output, through plain JDBC, in transactions of 1,000 writes, with the durability
 * settings Hypha uses (WAL, synchronous=FULL). Measured next to each workload, on the same disk.
 */
final class SqliteCeiling {
  private static final int WRITES_PER_TRANSACTION = 1_000;

  private SqliteCeiling() {}

  /** Tasks per second at the ceiling, measured over {@code tasks} tasks. */
  static double tasksPerSecond(Path dir, int tasks) throws Exception {
    Path file = dir.resolve("ceiling.db");
    deleteDatabase(file);
    try (Connection connection = durableConnection(file)) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute(
            "CREATE TABLE tasks (run_id TEXT NOT NULL, task_index INTEGER NOT NULL, state TEXT"
                + " NOT NULL, finished_at INTEGER, output_json TEXT,"
                + " PRIMARY KEY (run_id, task_index)) WITHOUT ROWID");
      }
      connection.setAutoCommit(false);
      String runId = "0192f1c4-8b3a-7e21-9c40-5d2f6a7b8c9d";
      long start = System.nanoTime();
      try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO tasks (run_id, task_index, state) VALUES (?, ?, 'PENDING')");
          PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE tasks SET state = 'SUCCEEDED', finished_at = ?, output_json = ?"
                      + " WHERE run_id = ? AND task_index = ?")) {
        int perTransaction = WRITES_PER_TRANSACTION / 2;
        for (int first = 0; first < tasks; first += perTransaction) {
          int last = Math.min(tasks, first + perTransaction);
          for (int task = first; task < last; task++) {
            insert.setString(1, runId);
            insert.setInt(2, task);
            insert.addBatch();
          }
          insert.executeBatch();
          for (int task = first; task < last; task++) {
            update.setLong(1, System.currentTimeMillis() * 1000);
            update.setString(2, "{\"value\":" + task + "}");
            update.setString(3, runId);
            update.setInt(4, task);
            update.addBatch();
          }
          update.executeBatch();
          connection.commit();
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return tasks / seconds;
    } finally {
      deleteDatabase(file);
    }
  }

  /**
   * The floor of a chained step: one durable commit of one small row, through plain JDBC with the
   * settings Hypha uses ({@code BEGIN IMMEDIATE}, WAL, synchronous=FULL), in milliseconds, the
   * median of {@code commits} commits on a fresh file.
   */
  static double commitMillis(Path dir, int commits) throws Exception {
    Path file = dir.resolve("commit-floor.db");
    deleteDatabase(file);
    try (Connection connection = durableConnection(file);
        Statement control = connection.createStatement()) {
      control.execute(
          "CREATE TABLE tasks (task_key INTEGER PRIMARY KEY, state TEXT, output_json TEXT)");
      double[] millis = new double[commits];
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO tasks VALUES (?, 'SUCCEEDED', ?)")) {
        for (int i = 0; i < commits; i++) {
          long start = System.nanoTime();
          control.execute("BEGIN IMMEDIATE");
          insert.setLong(1, i);
          insert.setString(2, String.valueOf(i));
          insert.executeUpdate();
          control.execute("COMMIT");
          millis[i] = (System.nanoTime() - start) / 1e6;
        }
      }
      java.util.Arrays.sort(millis);
      return millis[commits / 2];
    } finally {
      deleteDatabase(file);
    }
  }

  /** A connection with the durability settings Hypha uses: WAL, synchronous=FULL. */
  private static Connection durableConnection(Path file) throws java.sql.SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    return config.createConnection("jdbc:sqlite:" + file);
  }

  static void deleteDatabase(Path file) throws java.io.IOException {
    for (String suffix : new String[] {"", "-wal", "-shm", ".lock"}) {
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
    }
  }
}
