package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.InvalidQueryException;
import dev.hypha.runtime.Page;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskError;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** The {@code runs} table. */
final class RunDao {
  private static final String SUMMARY_COLUMNS =
      "run_seq, run_id, flow, shape_hash, state, started_at, finished_at, error_task, error_type,"
          + " error_message";

  private static final String INSERT =
      """
      INSERT INTO runs (run_seq, run_id, flow, shape_hash, state, input_json, task_count,
                        started_at, run_key, caller_context)
      VALUES (?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?)""";

  static final String RUNNING =
      """
      SELECT run_id, run_seq, shape_hash, input_json, started_at FROM runs
       WHERE state = 'RUNNING' AND +flow = ? AND (started_at, run_seq) > (?, ?)
       ORDER BY started_at, run_seq
       LIMIT ?""";

  private static final String FINISH =
      """
      UPDATE runs
         SET state = ?, result_json = ?, error_task = ?, error_type = ?, error_message = ?,
             finished_at = ?
       WHERE run_seq = ? AND state = 'RUNNING'""";

  private final Connection connection;
  private PreparedStatement insert;
  private PreparedStatement finish;

  /** The write side, on the writer's connection; its statements stay prepared. */
  RunDao(Connection connection) {
    this.connection = connection;
  }

  void insert(List<WriteBatch.RunInsert> runs) throws SQLException {
    if (runs.isEmpty()) {
      return;
    }
    if (insert == null) {
      insert = connection.prepareStatement(INSERT);
    }
    for (WriteBatch.RunInsert run : runs) {
      insert.setLong(1, run.runSeq());
      insert.setString(2, run.runId().value());
      insert.setString(3, run.flow());
      insert.setString(4, run.shapeHash());
      insert.setString(5, run.inputJson());
      insert.setInt(6, run.taskCount());
      insert.setLong(7, run.startedAt());
      insert.setString(8, run.key());
      insert.setString(9, run.callerContext());
      insert.addBatch();
    }
    insert.executeBatch();
  }

  /** Forgets rows added to the statements' batches and not executed (after a failed write). */
  void clearBatches() throws SQLException {
    if (insert != null) {
      insert.clearBatch();
    }
    if (finish != null) {
      finish.clearBatch();
    }
  }

  void finish(List<WriteBatch.RunFinish> runs) throws SQLException {
    if (runs.isEmpty()) {
      return;
    }
    if (finish == null) {
      finish = connection.prepareStatement(FINISH);
    }
    for (WriteBatch.RunFinish run : runs) {
      finish.setString(1, run.state().name());
      finish.setString(2, run.resultJson());
      finish.setString(3, run.errorTask());
      finish.setString(4, run.errorType());
      finish.setString(5, run.errorMessage());
      finish.setLong(6, run.finishedAt());
      finish.setLong(7, run.runSeq());
      finish.addBatch();
    }
    finish.executeBatch();
  }

  /** A run's history row, by its id. */
  static final String SUMMARY = "SELECT " + SUMMARY_COLUMNS + " FROM runs WHERE run_id = ?";

  static Optional<RunSummary> summary(Handle handle, RunId runId) {
    return handle
        .createQuery(SUMMARY)
        .bind(0, runId.value())
        .map((rs, ctx) -> summary(rs))
        .findOne();
  }

  /** A run's history row with its stored result (null until it succeeded), in one read. */
  static Optional<Store.Ending> ending(Handle handle, RunId runId) {
    return handle
        .createQuery("SELECT " + SUMMARY_COLUMNS + ", result_json FROM runs WHERE run_id = ?")
        .bind(0, runId.value())
        .map((rs, ctx) -> new Store.Ending(summary(rs), rs.getString("result_json")))
        .findOne();
  }

  /** Ends a run the engine does not execute as CANCELLED; false if it was not RUNNING. */
  static boolean cancel(Handle handle, long runSeq, long at) {
    return handle
            .createUpdate(
                "UPDATE runs SET state = 'CANCELLED', finished_at = ? WHERE run_seq = ?"
                    + " AND state = 'RUNNING'")
            .bind(0, at)
            .bind(1, runSeq)
            .execute()
        == 1;
  }

  /** Makes a FAILED run RUNNING again, for a retry; false if it was not FAILED. */
  static boolean reopen(Handle handle, long runSeq) {
    return handle
            .createUpdate(
                "UPDATE runs SET state = 'RUNNING', finished_at = NULL, result_json = NULL,"
                    + " error_task = NULL, error_type = NULL, error_message = NULL"
                    + " WHERE run_seq = ? AND state = 'FAILED'")
            .bind(0, runSeq)
            .execute()
        == 1;
  }

  /** One run, RUNNING or not, as {@link #running} reads them. */
  static Optional<Running> stored(Handle handle, long runSeq) {
    return handle
        .createQuery(
            "SELECT run_id, run_seq, shape_hash, input_json, started_at FROM runs"
                + " WHERE run_seq = ?")
        .bind(0, runSeq)
        .map(RunDao::running)
        .findOne();
  }

  /** A row of {@code run_id, run_seq, shape_hash, input_json, started_at}. */
  private static Running running(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new Running(
        RunId.of(rs.getString(1)), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5));
  }

  /** The key, input and result JSON of a run, for its detail. */
  record Payloads(long runSeq, String inputJson, String resultJson) {}

  static Optional<Payloads> payloads(Handle handle, RunId runId) {
    return handle
        .createQuery("SELECT run_seq, input_json, result_json FROM runs WHERE run_id = ?")
        .bind(0, runId.value())
        .map((rs, ctx) -> new Payloads(rs.getLong(1), rs.getString(2), rs.getString(3)))
        .findOne();
  }

  /** What an interceptor stored with the run {@code runSeq} when it started, if anything. */
  static Optional<String> callerContext(Handle handle, long runSeq) {
    return handle
        .createQuery("SELECT caller_context FROM runs WHERE run_seq = ?")
        .bind(0, runSeq)
        .map((rs, ctx) -> Optional.ofNullable(rs.getString(1)))
        .findOne()
        .flatMap(context -> context);
  }

  /** A run's key, if the store has the run. */
  static Optional<Long> seq(Handle handle, RunId runId) {
    return handle
        .createQuery("SELECT run_seq FROM runs WHERE run_id = ?")
        .bind(0, runId.value())
        .mapTo(Long.class)
        .findOne();
  }

  /** The run of {@code flow} started with the business key {@code key}, if any. */
  static Optional<RunId> byKey(Handle handle, String flow, String key) {
    return handle
        .createQuery("SELECT run_id FROM runs WHERE flow = ? AND run_key = ?")
        .bind(0, flow)
        .bind(1, key)
        .map((rs, ctx) -> RunId.of(rs.getString(1)))
        .findOne();
  }

  /** Which of the runs {@code seqs} are RUNNING. */
  static List<Long> running(Handle handle, List<Long> seqs) {
    if (seqs.isEmpty()) {
      return List.of();
    }
    return handle
        .createQuery("SELECT run_seq FROM runs WHERE run_seq IN (<seqs>) AND state = 'RUNNING'")
        .bindList("seqs", seqs)
        .mapTo(Long.class)
        .list();
  }

  /** A run's key and the shape of the flow version that started it. */
  record Key(long runSeq, String shapeHash) {}

  static Optional<Key> key(Handle handle, RunId runId) {
    return handle
        .createQuery("SELECT run_seq, shape_hash FROM runs WHERE run_id = ?")
        .bind(0, runId.value())
        .map((rs, ctx) -> new Key(rs.getLong(1), rs.getString(2)))
        .findOne();
  }

  /** The highest run key in use, 0 for an empty store. */
  static final String LAST_SEQ = "SELECT COALESCE(MAX(run_seq), 0) FROM runs";

  static long lastSeq(Handle handle) {
    return handle.createQuery(LAST_SEQ).mapTo(Long.class).one();
  }

  /** The stored fields of an in-flight run. */
  record Running(RunId runId, long runSeq, String shapeHash, String inputJson, long startedAt) {}

  /**
   * In-flight runs of {@code flow}, oldest first. Few runs are in flight, so they are found through
   * the state index (the unary + keeps the planner off the flow index, which would walk every run
   * the flow ever had).
   */
  static List<Running> running(
      Handle handle, String flow, long afterStartedAt, long afterSeq, int limit) {
    return handle
        .createQuery(RUNNING)
        .bind(0, flow)
        .bind(1, afterStartedAt)
        .bind(2, afterSeq)
        .bind(3, limit)
        .map(RunDao::running)
        .list();
  }

  /** Runs matching {@code query}, after the page {@code after} ended if given. */
  static Page<RunSummary> find(
      Handle handle, RunQuery query, Optional<PageToken> after, boolean sqlite) {
    List<PageToken> positions = new ArrayList<>();
    List<RunSummary> rows =
        findQuery(handle, "", query, after, sqlite)
            .map(
                (rs, ctx) -> {
                  positions.add(new PageToken(rs.getLong("started_at"), rs.getLong("run_seq")));
                  return summary(rs);
                })
            .list();
    if (rows.size() <= query.limit()) {
      return new Page<>(rows, Optional.empty());
    }
    return new Page<>(
        rows.subList(0, query.limit()), Optional.of(positions.get(query.limit() - 1).text()));
  }

  /**
   * The history query, bound and ready; {@code prefix} goes before the SQL ({@code EXPLAIN QUERY
   * PLAN } in the test that checks it uses an index).
   */
  static Query findQuery(Handle handle, String prefix, RunQuery query, Optional<PageToken> after) {
    return findQuery(handle, prefix, query, after, true);
  }

  /** {@link #findQuery}, with the planner hint only SQLite understands when {@code sqlite}. */
  static Query findQuery(
      Handle handle, String prefix, RunQuery query, Optional<PageToken> after, boolean sqlite) {
    String sql =
        prefix
            + "SELECT "
            + SUMMARY_COLUMNS
            + " FROM runs"
            + where(query, after, sqlite)
            + " ORDER BY started_at DESC, run_seq DESC LIMIT :limit";
    // One row more than asked tells whether a next page exists.
    return bind(handle.createQuery(sql), query, after).bind("limit", query.limit() + 1);
  }

  /** How many runs match {@code query}, whatever its page size and token. */
  static long count(Handle handle, RunQuery query) {
    return countQuery(handle, "", query).mapTo(Long.class).one();
  }

  /** The count query, bound and ready; {@code prefix} as in {@link #findQuery}. */
  static Query countQuery(Handle handle, String prefix, RunQuery query) {
    String sql = prefix + "SELECT count(*) FROM runs" + where(query, Optional.empty(), false);
    return bind(handle.createQuery(sql), query, Optional.empty());
  }

  /**
   * The {@code WHERE} clause of a history query, empty for none.
   *
   * @param hinted whether the rows are read newest first, a page at a time, from SQLite (whose
   *     planner takes the hint below; PostgreSQL has no unary plus for text)
   */
  private static String where(RunQuery query, Optional<PageToken> after, boolean hinted) {
    List<String> conditions = new ArrayList<>();
    query.flow().ifPresent(flow -> conditions.add("flow = :flow"));
    if (query.states().size() > 1 && hinted) {
      // Several states match many runs: walk the time index and filter, rather than gather every
      // matching run and sort them (the unary + keeps the state index out of the plan). A count
      // has no order to keep and searches the state index.
      conditions.add("+state IN (<states>)");
    } else if (!query.states().isEmpty()) {
      conditions.add("state IN (<states>)");
    }
    query.startedFrom().ifPresent(from -> conditions.add("started_at >= :from"));
    query.startedBefore().ifPresent(before -> conditions.add("started_at < :before"));
    after.ifPresent(token -> conditions.add("(started_at, run_seq) < (:afterTime, :afterSeq)"));
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /** Binds what {@link #where} refers to. */
  private static Query bind(Query statement, RunQuery query, Optional<PageToken> after) {
    query.flow().ifPresent(flow -> statement.bind("flow", flow));
    if (!query.states().isEmpty()) {
      statement.bindList("states", query.states().stream().map(RunState::name).toList());
    }
    query.startedFrom().ifPresent(from -> statement.bind("from", Micros.of(from)));
    query.startedBefore().ifPresent(before -> statement.bind("before", Micros.of(before)));
    after.ifPresent(
        token -> statement.bind("afterTime", token.startedAt()).bind("afterSeq", token.runSeq()));
    return statement;
  }

  private static RunSummary summary(ResultSet rs) throws SQLException {
    long finishedAt = rs.getLong("finished_at");
    boolean finished = !rs.wasNull();
    String errorTask = rs.getString("error_task");
    return new RunSummary(
        RunId.of(rs.getString("run_id")),
        rs.getString("flow"),
        rs.getString("shape_hash"),
        RunState.valueOf(rs.getString("state")),
        Micros.toInstant(rs.getLong("started_at")),
        finished ? Optional.of(Micros.toInstant(finishedAt)) : Optional.empty(),
        errorTask == null
            ? Optional.empty()
            : Optional.of(
                new TaskError(
                    errorTask,
                    rs.getString("error_type"),
                    nullToEmpty(rs.getString("error_message")),
                    "")));
  }

  static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  /** Where a page ended: the start time and key of its last run. */
  record PageToken(long startedAt, long runSeq) {
    String text() {
      return startedAt + "." + runSeq;
    }

    /**
     * @throws InvalidQueryException if {@code text} is not a token this store made
     */
    static PageToken parse(String text) {
      int dot = text.indexOf('.');
      try {
        return new PageToken(
            Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
      } catch (RuntimeException e) {
        throw new InvalidQueryException(
            "after",
            "not a page token: '" + text + "'; pass the nextPageToken of the previous page",
            e);
      }
    }
  }
}
