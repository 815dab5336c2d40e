package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The {@code tasks} table: one row per task per run. Reads go through jdbi; the writer's hot path
 * binds plain JDBC statements kept prepared on its connection, which the benchmarks showed to cost
 * a third of jdbi's per-row binding.
 */
final class TaskDao {
  private static final String INSERT =
      """
      INSERT INTO tasks (task_key, run_seq, name, queue, state, attempt, ready_at, started_at,
                         finished_at, worker, output_json, error_type, error_message, error_stack,
                         kind)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING""";

  private static final String INSERT_ATTEMPT =
      """
      INSERT INTO attempts (task_key, attempt, run_seq, started_at, finished_at, worker, timed_out,
                            error_type, error_message, error_stack)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING""";

  private static final String RECORD_COLUMNS =
      "task_key, name, kind, queue, state, attempt, ready_at, started_at, finished_at, worker,"
          + " output_json, error_type, error_message, error_stack";

  private static final String OF_RUN = " FROM tasks WHERE task_key BETWEEN ? AND ?";

  private final Connection connection;
  private PreparedStatement insert;
  private PreparedStatement insertAttempt;
  // One statement per set of changed columns: a claim and a completion write different columns.
  private final Map<Integer, PreparedStatement> updates = new HashMap<>();

  /** The write side, on the writer's connection; its statements stay prepared. */
  TaskDao(Connection connection) {
    this.connection = connection;
  }

  void insert(List<TaskWrite> tasks) throws SQLException {
    if (tasks.isEmpty()) {
      return;
    }
    if (insert == null) {
      insert = connection.prepareStatement(INSERT);
    }
    for (TaskWrite task : tasks) {
      insert.setLong(1, task.key());
      insert.setLong(2, task.runSeq);
      insert.setString(3, task.name);
      insert.setString(4, task.queue);
      insert.setString(5, task.state.name());
      insert.setInt(6, task.has(TaskWrite.ATTEMPT) ? task.attempt : 0);
      setLong(insert, 7, task.has(TaskWrite.READY_AT), task.readyAt);
      setLong(insert, 8, task.has(TaskWrite.STARTED_AT), task.startedAt);
      setLong(insert, 9, task.has(TaskWrite.FINISHED_AT), task.finishedAt);
      insert.setString(10, task.has(TaskWrite.WORKER) ? task.worker : null);
      insert.setString(11, task.has(TaskWrite.OUTPUT) ? task.outputJson : null);
      insert.setString(12, task.has(TaskWrite.ERROR) ? task.errorType : null);
      insert.setString(13, task.has(TaskWrite.ERROR) ? task.errorMessage : null);
      insert.setString(14, task.has(TaskWrite.ERROR) ? task.errorStack : null);
      insert.setString(15, task.kind);
      insert.addBatch();
    }
    insert.executeBatch();
  }

  void insertAttempts(List<WriteBatch.AttemptInsert> attempts) throws SQLException {
    if (attempts.isEmpty()) {
      return;
    }
    if (insertAttempt == null) {
      insertAttempt = connection.prepareStatement(INSERT_ATTEMPT);
    }
    for (WriteBatch.AttemptInsert attempt : attempts) {
      insertAttempt.setLong(1, TaskKeys.key(attempt.runSeq(), attempt.index()));
      insertAttempt.setInt(2, attempt.attempt());
      insertAttempt.setLong(3, attempt.runSeq());
      insertAttempt.setLong(4, attempt.startedAt());
      insertAttempt.setLong(5, attempt.finishedAt());
      insertAttempt.setString(6, attempt.worker());
      insertAttempt.setInt(7, attempt.timedOut() ? 1 : 0);
      insertAttempt.setString(8, attempt.error().type());
      insertAttempt.setString(9, attempt.error().message());
      insertAttempt.setString(10, attempt.error().stackTrace());
      insertAttempt.addBatch();
    }
    insertAttempt.executeBatch();
  }

  void update(List<TaskWrite> tasks) throws SQLException {
    if (tasks.isEmpty()) {
      return;
    }
    Map<Integer, PreparedStatement> used = new HashMap<>();
    for (TaskWrite task : tasks) {
      PreparedStatement update = updates.get(task.changed);
      if (update == null) {
        update = connection.prepareStatement(updateSql(task.changed));
        updates.put(task.changed, update);
      }
      int i = 1;
      update.setString(i++, task.state.name());
      if (task.has(TaskWrite.ATTEMPT)) {
        update.setInt(i++, task.attempt);
      }
      if (task.has(TaskWrite.READY_AT)) {
        update.setLong(i++, task.readyAt);
      }
      if (task.has(TaskWrite.STARTED_AT)) {
        update.setLong(i++, task.startedAt);
      }
      if (task.has(TaskWrite.FINISHED_AT)) {
        update.setLong(i++, task.finishedAt);
      }
      if (task.has(TaskWrite.WORKER)) {
        update.setString(i++, task.worker);
      }
      if (task.has(TaskWrite.OUTPUT)) {
        update.setString(i++, task.outputJson);
      }
      if (task.has(TaskWrite.ERROR)) {
        update.setString(i++, task.errorType);
        update.setString(i++, task.errorMessage);
        update.setString(i++, task.errorStack);
      }
      update.setLong(i, task.key());
      update.addBatch();
      used.put(task.changed, update);
    }
    for (PreparedStatement update : used.values()) {
      update.executeBatch();
    }
  }

  /** {@code UPDATE tasks SET state = ?, <the changed columns> WHERE <the row>}. */
  static String updateSql(int changed) {
    StringBuilder sql = new StringBuilder("UPDATE tasks SET state = ?");
    String[][] columns = {
      {"attempt"},
      {"ready_at"},
      {"started_at"},
      {"finished_at"},
      {"worker"},
      {"output_json"},
      {"error_type", "error_message", "error_stack"}
    };
    for (int bit = 0; bit < columns.length; bit++) {
      if ((changed & (1 << bit)) != 0) {
        for (String column : columns[bit]) {
          sql.append(", ").append(column).append(" = ?");
        }
      }
    }
    return sql.append(" WHERE task_key = ?").toString();
  }

  private static void setLong(PreparedStatement statement, int index, boolean set, long value)
      throws SQLException {
    if (set) {
      statement.setLong(index, value);
    } else {
      statement.setNull(index, Types.BIGINT);
    }
  }

  /** Every task of a run, in task order, as the history shows it, with its failed attempts. */
  static List<TaskRecord> records(Handle handle, long runSeq) {
    Map<Long, List<AttemptRecord>> failures = new HashMap<>();
    handle
        .createQuery(
            "SELECT task_key, attempt, started_at, finished_at, worker, timed_out, error_type,"
                + " error_message, error_stack FROM attempts WHERE task_key BETWEEN ? AND ?"
                + " ORDER BY task_key, attempt")
        .bind(0, TaskKeys.first(runSeq))
        .bind(1, TaskKeys.last(runSeq))
        .map((rs, ctx) -> Map.entry(rs.getLong("task_key"), attempt(rs)))
        .forEach(
            entry ->
                failures
                    .computeIfAbsent(entry.getKey(), key -> new java.util.ArrayList<>())
                    .add(entry.getValue()));
    return handle
        .createQuery("SELECT " + RECORD_COLUMNS + OF_RUN + " ORDER BY task_key")
        .bind(0, TaskKeys.first(runSeq))
        .bind(1, TaskKeys.last(runSeq))
        .map((rs, ctx) -> record(rs, failures.getOrDefault(rs.getLong("task_key"), List.of())))
        .list();
  }

  private static AttemptRecord attempt(ResultSet rs) throws SQLException {
    return new AttemptRecord(
        rs.getInt("attempt"),
        instant(rs, "started_at"),
        Micros.toInstant(rs.getLong("finished_at")),
        Optional.ofNullable(rs.getString("worker")),
        rs.getInt("timed_out") != 0,
        new TaskError(
            "",
            rs.getString("error_type"),
            rs.getString("error_message"),
            rs.getString("error_stack")));
  }

  /** Every task of a run, in task order, as the engine needs it to go on. */
  static List<StoredTask> stored(Handle handle, long runSeq) {
    return handle
        .createQuery("SELECT " + RECORD_COLUMNS + OF_RUN + " ORDER BY task_key")
        .bind(0, TaskKeys.first(runSeq))
        .bind(1, TaskKeys.last(runSeq))
        .map((rs, ctx) -> stored(rs))
        .list();
  }

  static Optional<StoredTask> one(Handle handle, long runSeq, String name) {
    return handle
        .createQuery("SELECT " + RECORD_COLUMNS + OF_RUN + " AND name = ?")
        .bind(0, TaskKeys.first(runSeq))
        .bind(1, TaskKeys.last(runSeq))
        .bind(2, name)
        .map((rs, ctx) -> stored(rs))
        .findOne();
  }

  private static StoredTask stored(ResultSet rs) throws SQLException {
    return new StoredTask(
        (int) (rs.getLong("task_key") & (TaskKeys.MAX_TASKS - 1)),
        rs.getString("name"),
        TaskState.valueOf(rs.getString("state")),
        rs.getInt("attempt"),
        rs.getLong("ready_at"),
        rs.getString("output_json"),
        rs.getString("error_type"),
        rs.getString("error_message"));
  }

  private static TaskRecord record(ResultSet rs, List<AttemptRecord> failures) throws SQLException {
    String name = rs.getString("name");
    String errorType = rs.getString("error_type");
    return new TaskRecord(
        name,
        TaskKind.valueOf(rs.getString("kind")),
        rs.getString("queue"),
        TaskState.valueOf(rs.getString("state")),
        rs.getInt("attempt"),
        instant(rs, "ready_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        Optional.ofNullable(rs.getString("worker")),
        Optional.ofNullable(rs.getString("output_json")),
        errorType == null
            ? Optional.empty()
            : Optional.of(
                new TaskError(
                    name,
                    errorType,
                    RunDao.nullToEmpty(rs.getString("error_message")),
                    RunDao.nullToEmpty(rs.getString("error_stack")))),
        failures.stream()
            .map(
                failure ->
                    new AttemptRecord(
                        failure.attempt(),
                        failure.startedAt(),
                        failure.finishedAt(),
                        failure.worker(),
                        failure.timedOut(),
                        new TaskError(
                            name,
                            failure.error().type(),
                            failure.error().message(),
                            failure.error().stackTrace())))
            .toList());
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    long micros = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Micros.toInstant(micros));
  }
}
