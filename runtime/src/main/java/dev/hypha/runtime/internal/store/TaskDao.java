package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.SkipReason;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.spi.TaskDescriptor;
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

  private static final String INSERT_ATTEMPT =
      """
      INSERT INTO attempts (task_key, attempt, outcome, started_at, finished_at, worker,
                            error_type, error_message, error_stack)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING""";

  private static final String RECORD_COLUMNS =
      "task_key, name, kind, queue, state, attempt, ready_at, started_at, finished_at, worker,"
          + " output_json, error_type, error_message, error_stack, skip_reason, input_json";

  /** Every task row of a run, in task order: one range of row ids. */
  static final String OF_RUN_IN_ORDER =
      "SELECT " + RECORD_COLUMNS + " FROM tasks WHERE task_key BETWEEN ? AND ? ORDER BY task_key";

  /** Every failed attempt of a run's tasks, in task and attempt order: one range of the key. */
  static final String ATTEMPTS_OF_RUN =
      "SELECT task_key, attempt, outcome, started_at, finished_at, worker, error_type,"
          + " error_message, error_stack FROM attempts WHERE task_key BETWEEN ? AND ?"
          + " ORDER BY task_key, attempt";

  private final Connection connection;
  private final Map<Integer, PreparedStatement> inserts = new HashMap<>();
  private PreparedStatement insertAttempt;
  // One statement per set of changed columns: a claim and a completion write different columns.
  private final Map<Integer, PreparedStatement> updates = new HashMap<>();

  /** The write side, on the writer's connection; its statements stay prepared. */
  TaskDao(Connection connection) {
    this.connection = connection;
  }

  void insert(List<TaskWrite> tasks) throws SQLException {
    Map<Integer, PreparedStatement> used = new HashMap<>();
    for (TaskWrite task : tasks) {
      // One statement per set of columns, state, kind and default queue: unset columns cost no
      // binding of a NULL, and the values most rows share are literals in the SQL, not bound.
      int columns = task.changed & ~TaskWrite.ATTEMPT;
      boolean defaultQueue = TaskDescriptor.DEFAULT_QUEUE.equals(task.queue);
      int statementKey =
          columns
              | task.state.ordinal() << 8
              | TaskKind.valueOf(task.kind).ordinal() << 13
              | (defaultQueue ? 1 << 16 : 0);
      PreparedStatement insert = inserts.get(statementKey);
      if (insert == null) {
        insert =
            connection.prepareStatement(insertSql(columns, task.state, task.kind, defaultQueue));
        inserts.put(statementKey, insert);
      }
      int next = 1;
      insert.setLong(next++, task.key());
      insert.setString(next++, task.name);
      if (!defaultQueue) {
        insert.setString(next++, task.queue);
      }
      insert.setInt(next++, task.has(TaskWrite.ATTEMPT) ? task.attempt : 0);
      bindChanged(insert, next, task, columns);
      insert.addBatch();
      used.put(statementKey, insert);
    }
    for (PreparedStatement insert : used.values()) {
      insert.executeBatch();
    }
  }

  /** Forgets rows added to the statements' batches and not executed (after a failed write). */
  void clearBatches() throws SQLException {
    for (PreparedStatement statement : inserts.values()) {
      statement.clearBatch();
    }
    for (PreparedStatement statement : updates.values()) {
      statement.clearBatch();
    }
    if (insertAttempt != null) {
      insertAttempt.clearBatch();
    }
  }

  void insertAttempts(List<WriteBatch.AttemptInsert> attempts) throws SQLException {
    if (attempts.isEmpty()) {
      return;
    }
    if (insertAttempt == null) {
      insertAttempt = connection.prepareStatement(INSERT_ATTEMPT);
    }
    for (WriteBatch.AttemptInsert attempt : attempts) {
      TaskError error = attempt.error();
      insertAttempt.setLong(1, TaskKeys.key(attempt.runSeq(), attempt.index()));
      insertAttempt.setInt(2, attempt.attempt());
      insertAttempt.setString(3, attempt.outcome().name());
      if (attempt.startedAt() > 0) {
        insertAttempt.setLong(4, attempt.startedAt());
      } else {
        insertAttempt.setNull(4, Types.BIGINT);
      }
      insertAttempt.setLong(5, attempt.finishedAt());
      insertAttempt.setString(6, attempt.worker());
      insertAttempt.setString(7, error == null ? null : error.type());
      insertAttempt.setString(8, error == null ? null : error.message());
      insertAttempt.setString(9, error == null ? null : error.stackTrace());
      insertAttempt.addBatch();
    }
    insertAttempt.executeBatch();
  }

  void update(List<TaskWrite> tasks) throws SQLException {
    Map<Integer, PreparedStatement> used = new HashMap<>();
    for (TaskWrite task : tasks) {
      PreparedStatement update = updates.get(task.changed);
      if (update == null) {
        update = connection.prepareStatement(updateSql(task.changed));
        updates.put(task.changed, update);
      }
      update.setString(1, task.state.name());
      int next = bindChanged(update, 2, task, task.changed);
      update.setLong(next, task.key());
      update.addBatch();
      used.put(task.changed, update);
    }
    for (PreparedStatement update : used.values()) {
      update.executeBatch();
    }
  }

  /** The optional columns, in the order of the bits of {@link TaskWrite}'s mask. */
  private static final String[][] COLUMNS = {
    {"attempt"},
    {"ready_at"},
    {"started_at"},
    {"finished_at"},
    {"worker"},
    {"output_json"},
    {"error_type", "error_message", "error_stack"},
    {"skip_reason"},
    {"input_json"}
  };

  /** {@code UPDATE tasks SET state = ?, <the changed columns> WHERE <the row>}. */
  static String updateSql(int changed) {
    StringBuilder sql = new StringBuilder("UPDATE tasks SET state = ?");
    for (String column : columns(changed)) {
      sql.append(", ").append(column).append(" = ?");
    }
    return sql.append(" WHERE task_key = ?").toString();
  }

  /** {@code INSERT INTO tasks (<key, names, state, attempt>, <the set columns>) VALUES (...)}. */
  static String insertSql(int set, TaskState state, String kind, boolean defaultQueue) {
    List<String> columns = columns(set);
    // State and kind are enum constants' names, safe as literals; a queue is the user's text.
    return "INSERT INTO tasks (task_key, name, queue, kind, state, attempt"
        + columns.stream().map(column -> ", " + column).reduce("", String::concat)
        + ") VALUES (?, ?, "
        + (defaultQueue ? "'" + TaskDescriptor.DEFAULT_QUEUE + "'" : "?")
        + ", '"
        + TaskKind.valueOf(kind).name()
        + "', '"
        + state.name()
        + "', ?"
        + ", ?".repeat(columns.size())
        + ")";
  }

  private static List<String> columns(int mask) {
    List<String> columns = new java.util.ArrayList<>();
    for (int bit = 0; bit < COLUMNS.length; bit++) {
      if ((mask & (1 << bit)) != 0) {
        columns.addAll(List.of(COLUMNS[bit]));
      }
    }
    return columns;
  }

  /** Binds the columns in {@code mask} from {@code index} on; returns the next free index. */
  private static int bindChanged(PreparedStatement statement, int index, TaskWrite task, int mask)
      throws SQLException {
    int i = index;
    if ((mask & TaskWrite.ATTEMPT) != 0) {
      statement.setInt(i++, task.attempt);
    }
    if ((mask & TaskWrite.READY_AT) != 0) {
      statement.setLong(i++, task.readyAt);
    }
    if ((mask & TaskWrite.STARTED_AT) != 0) {
      statement.setLong(i++, task.startedAt);
    }
    if ((mask & TaskWrite.FINISHED_AT) != 0) {
      statement.setLong(i++, task.finishedAt);
    }
    if ((mask & TaskWrite.WORKER) != 0) {
      statement.setString(i++, task.worker);
    }
    if ((mask & TaskWrite.OUTPUT) != 0) {
      statement.setString(i++, task.outputJson);
    }
    if ((mask & TaskWrite.ERROR) != 0) {
      statement.setString(i++, task.errorType);
      statement.setString(i++, task.errorMessage);
      statement.setString(i++, task.errorStack);
    }
    if ((mask & TaskWrite.SKIP_REASON) != 0) {
      statement.setString(i++, task.skipReason);
    }
    if ((mask & TaskWrite.INPUT) != 0) {
      statement.setString(i++, task.inputJson);
    }
    return i;
  }

  /** Cancels the unfinished rows of a run the engine does not execute. */
  static void cancelUnfinished(Handle handle, long runSeq, long at) {
    handle
        .createUpdate(
            "UPDATE tasks SET state = 'CANCELLED', finished_at = ? WHERE task_key BETWEEN ? AND ?"
                + " AND state IN ('PENDING', 'READY', 'RUNNING')")
        .bind(0, at)
        .bind(1, TaskKeys.first(runSeq))
        .bind(2, TaskKeys.last(runSeq))
        .execute();
  }

  /**
   * For a retry: the run's FAILED task rows, and those SKIPPED because a dependency failed, become
   * PENDING. Their attempt numbers stay, so the next attempt is numbered after the failed ones,
   * which the attempts table keeps; handler rows and branches not taken stay as they are.
   */
  static void reopen(Handle handle, long runSeq) {
    handle
        .createUpdate(
            "UPDATE tasks SET state = 'PENDING', ready_at = NULL, started_at = NULL,"
                + " finished_at = NULL, worker = NULL, error_type = NULL, error_message = NULL,"
                + " error_stack = NULL, skip_reason = NULL WHERE task_key BETWEEN ? AND ?"
                + " AND kind = 'TASK' AND (state = 'FAILED' OR (state = 'SKIPPED'"
                + " AND (skip_reason IS NULL OR skip_reason <> 'NOT_TAKEN')))")
        .bind(0, TaskKeys.first(runSeq))
        .bind(1, TaskKeys.last(runSeq))
        .execute();
  }

  /** Every task of a run, in task order, as the history shows it, with its failed attempts. */
  static List<TaskRecord> records(Handle handle, long runSeq) {
    Map<Long, List<AttemptRecord>> failures = new HashMap<>();
    handle
        .createQuery(ATTEMPTS_OF_RUN)
        .bind(0, TaskKeys.first(runSeq))
        .bind(1, TaskKeys.last(runSeq))
        .map((rs, ctx) -> Map.entry(rs.getLong("task_key"), attempt(rs)))
        .forEach(
            entry ->
                failures
                    .computeIfAbsent(entry.getKey(), key -> new java.util.ArrayList<>())
                    .add(entry.getValue()));
    return handle
        .createQuery(OF_RUN_IN_ORDER)
        .bind(0, TaskKeys.first(runSeq))
        .bind(1, TaskKeys.last(runSeq))
        .map((rs, ctx) -> record(rs, failures.getOrDefault(rs.getLong("task_key"), List.of())))
        .list();
  }

  private static AttemptRecord attempt(ResultSet rs) throws SQLException {
    AttemptRecord.Outcome outcome = AttemptRecord.Outcome.valueOf(rs.getString("outcome"));
    String errorType = rs.getString("error_type");
    TaskError error =
        errorType != null
            ? new TaskError(
                "",
                errorType,
                RunDao.nullToEmpty(rs.getString("error_message")),
                RunDao.nullToEmpty(rs.getString("error_stack")))
            : new TaskError(
                "",
                AttemptRecord.INTERRUPTED_TYPE,
                "the process running this attempt stopped before its end was recorded; the task"
                    + " ran again as its next attempt",
                "");
    return new AttemptRecord(
        rs.getInt("attempt"),
        instant(rs, "started_at"),
        Micros.toInstant(rs.getLong("finished_at")),
        Optional.ofNullable(rs.getString("worker")),
        outcome,
        error);
  }

  /** Every task of a run, in task order, as the engine needs it to go on. */
  static List<StoredTask> stored(Handle handle, long runSeq) {
    return handle
        .createQuery(OF_RUN_IN_ORDER)
        .bind(0, TaskKeys.first(runSeq))
        .bind(1, TaskKeys.last(runSeq))
        .map((rs, ctx) -> stored(rs))
        .list();
  }

  /** One task row, by its key: a point lookup of the row id. */
  static final String ONE = "SELECT " + RECORD_COLUMNS + " FROM tasks WHERE task_key = :key";

  /** One task of a run, by name: a search of the run's key range. */
  static final String ONE_BY_NAME =
      "SELECT "
          + RECORD_COLUMNS
          + " FROM tasks WHERE task_key BETWEEN :first AND :last"
          + " AND name = :name";

  /**
   * The outputs of the rows with keys {@code firstKey} to {@code lastKey}, the instances of one
   * fan-out, as one JSON array in key order (that is, element order): one range scan. Sets {@code
   * rows[0]} to how many rows there were.
   */
  static String outputsAsArray(Handle handle, long firstKey, long lastKey, int[] rows) {
    StringBuilder json = new StringBuilder(1024).append('[');
    handle
        .createQuery(
            "SELECT output_json FROM tasks WHERE task_key BETWEEN :first AND :last"
                + " ORDER BY task_key")
        .bind("first", firstKey)
        .bind("last", lastKey)
        .setFetchSize(1024)
        .map((rs, ctx) -> rs.getString(1))
        .forEach(
            output ->
                json.append(rows[0]++ == 0 ? "" : ",").append(output == null ? "null" : output));
    return json.append(']').toString();
  }

  /** The row of the task at {@code index} of a run, if it has one. */
  static Optional<StoredTask> one(Handle handle, long runSeq, int index) {
    return handle
        .createQuery(ONE)
        .bind("key", TaskKeys.key(runSeq, index))
        .map((rs, ctx) -> stored(rs))
        .findOne();
  }

  /**
   * The row of the task {@code name} of a run, if it has one; for a run of another version of its
   * flow, where names may sit at other indexes. It reads every row of the run.
   */
  static Optional<StoredTask> one(Handle handle, long runSeq, String name) {
    return handle
        .createQuery(ONE_BY_NAME)
        .bind("first", TaskKeys.first(runSeq))
        .bind("last", TaskKeys.last(runSeq))
        .bind("name", name)
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
        rs.getLong("started_at"),
        rs.getString("worker"),
        rs.getLong("finished_at"),
        rs.getString("output_json"),
        rs.getString("error_type"),
        RunDao.nullToEmpty(rs.getString("error_message")),
        RunDao.nullToEmpty(rs.getString("error_stack")),
        notTaken(rs),
        rs.getString("input_json"));
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
        Optional.ofNullable(rs.getString("input_json")),
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
                        failure.outcome(),
                        new TaskError(
                            name,
                            failure.error().type(),
                            failure.error().message(),
                            failure.error().stackTrace())))
            .toList(),
        skipReason(rs));
  }

  /** Rows skipped before branches existed have no reason: their upstream failed. */
  private static Optional<SkipReason> skipReason(ResultSet rs) throws SQLException {
    if (!TaskState.SKIPPED.name().equals(rs.getString("state"))) {
      return Optional.empty();
    }
    return Optional.of(notTaken(rs) ? SkipReason.NOT_TAKEN : SkipReason.UPSTREAM_FAILED);
  }

  private static boolean notTaken(ResultSet rs) throws SQLException {
    return SkipReason.NOT_TAKEN.name().equals(rs.getString("skip_reason"));
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    long micros = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Micros.toInstant(micros));
  }
}
