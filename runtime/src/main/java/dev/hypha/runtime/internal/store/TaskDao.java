package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** The {@code tasks} table: one row per task per run. */
final class TaskDao {
  private static final String INSERT =
      """
      INSERT INTO tasks (run_id, task_index, name, queue, state, attempt, ready_at, started_at,
                         finished_at, worker, output_json, error_type, error_message, error_stack)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING""";

  // Null parameters leave a column as it is, so one statement serves every transition.
  private static final String UPDATE =
      """
      UPDATE tasks
         SET state = ?,
             attempt = COALESCE(?, attempt),
             ready_at = COALESCE(?, ready_at),
             started_at = COALESCE(?, started_at),
             finished_at = COALESCE(?, finished_at),
             worker = COALESCE(?, worker),
             output_json = COALESCE(?, output_json),
             error_type = COALESCE(?, error_type),
             error_message = COALESCE(?, error_message),
             error_stack = COALESCE(?, error_stack)
       WHERE run_id = ? AND task_index = ?""";

  private static final String RECORD_COLUMNS =
      "task_index, name, queue, state, attempt, ready_at, started_at, finished_at, worker,"
          + " output_json, error_type, error_message, error_stack";

  private TaskDao() {}

  static void insert(Handle handle, List<TaskWrite> tasks) {
    if (tasks.isEmpty()) {
      return;
    }
    PreparedBatch batch = handle.prepareBatch(INSERT);
    for (TaskWrite task : tasks) {
      batch
          .bind(0, task.runId.value())
          .bind(1, task.index)
          .bind(2, task.name)
          .bind(3, task.queue)
          .bind(4, task.state.name())
          .bind(5, task.attempt == null ? 0 : task.attempt)
          .bind(6, task.readyAt)
          .bind(7, task.startedAt)
          .bind(8, task.finishedAt)
          .bind(9, task.worker)
          .bind(10, task.outputJson)
          .bind(11, task.errorType)
          .bind(12, task.errorMessage)
          .bind(13, task.errorStack)
          .add();
    }
    batch.execute();
  }

  static void update(Handle handle, List<TaskWrite> tasks) {
    if (tasks.isEmpty()) {
      return;
    }
    PreparedBatch batch = handle.prepareBatch(UPDATE);
    for (TaskWrite task : tasks) {
      batch
          .bind(0, task.state.name())
          .bind(1, task.attempt)
          .bind(2, task.readyAt)
          .bind(3, task.startedAt)
          .bind(4, task.finishedAt)
          .bind(5, task.worker)
          .bind(6, task.outputJson)
          .bind(7, task.errorType)
          .bind(8, task.errorMessage)
          .bind(9, task.errorStack)
          .bind(10, task.runId.value())
          .bind(11, task.index)
          .add();
    }
    batch.execute();
  }

  /** Every task of a run, in task order, as the history shows it. */
  static List<TaskRecord> records(Handle handle, RunId runId) {
    return handle
        .createQuery(
            "SELECT " + RECORD_COLUMNS + " FROM tasks WHERE run_id = ? ORDER BY task_index")
        .bind(0, runId.value())
        .map((rs, ctx) -> record(rs))
        .list();
  }

  /** Every task of a run, in task order, as the engine needs it to go on. */
  static List<StoredTask> stored(Handle handle, RunId runId) {
    return handle
        .createQuery(
            "SELECT " + RECORD_COLUMNS + " FROM tasks WHERE run_id = ? ORDER BY task_index")
        .bind(0, runId.value())
        .map((rs, ctx) -> stored(rs))
        .list();
  }

  static Optional<StoredTask> one(Handle handle, RunId runId, String name) {
    return handle
        .createQuery("SELECT " + RECORD_COLUMNS + " FROM tasks WHERE run_id = ? AND name = ?")
        .bind(0, runId.value())
        .bind(1, name)
        .map((rs, ctx) -> stored(rs))
        .findOne();
  }

  private static StoredTask stored(ResultSet rs) throws SQLException {
    return new StoredTask(
        rs.getInt("task_index"),
        rs.getString("name"),
        TaskState.valueOf(rs.getString("state")),
        rs.getInt("attempt"),
        rs.getLong("ready_at"),
        rs.getString("output_json"),
        rs.getString("error_type"),
        rs.getString("error_message"));
  }

  private static TaskRecord record(ResultSet rs) throws SQLException {
    String name = rs.getString("name");
    String errorType = rs.getString("error_type");
    return new TaskRecord(
        name,
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
                    RunDao.nullToEmpty(rs.getString("error_stack")))));
  }

  private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
    long micros = rs.getLong(column);
    return rs.wasNull() ? Optional.empty() : Optional.of(Micros.toInstant(micros));
  }
}
