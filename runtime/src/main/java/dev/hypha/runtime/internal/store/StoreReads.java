package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.CorruptRecordException;
import dev.hypha.runtime.Page;
import dev.hypha.runtime.QueueStatus;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.StoreException;
import dev.hypha.runtime.WorkerRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * The history reads of a store, the same SQL on SQLite and PostgreSQL: a store says how it runs a
 * read transaction, and whether the database is SQLite (whose planner takes hints the other does
 * not understand).
 */
public abstract class StoreReads implements Store {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StoreReads.class);

  private final boolean sqlite;

  StoreReads(boolean sqlite) {
    this.sqlite = sqlite;
  }

  /**
   * Runs {@code query} on a reader connection, on SQLite in one read transaction; package-private
   * so tests can look at what the readers see, query plans included.
   */
  <T> T read(Function<Handle, T> query) {
    try (Handle handle = openReader()) {
      // On SQLite a read transaction is one snapshot for all the query's statements. PostgreSQL's
      // READ COMMITTED takes a snapshot per statement even in a transaction, whose BEGIN and COMMIT
      // would only add two round trips to every read.
      return sqlite ? handle.inTransaction(query::apply) : query.apply(handle);
    } catch (CorruptRecordException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // Not the database failing: a state, id or page key in a row it returned does not parse.
      throw new CorruptRecordException(location(), e);
    } catch (RuntimeException e) {
      throw translate(e, "read");
    }
  }

  /** A handle on a connection for reads; closing it gives the connection back. */
  abstract Handle openReader();

  /** {@code error}, which the driver threw, as an exception that names the problem and the fix. */
  final StoreException translate(Exception error, String action) {
    if (!(error instanceof StoreException) && find(error, InterruptedException.class) != null) {
      // The pool or the driver gave up waiting because the thread was interrupted: say so, and
      // keep the interrupt for the caller, as an await interrupted between two reads does.
      Thread.currentThread().interrupt();
      return new StoreException(
          location(),
          "interrupted while waiting to "
              + action
              + " database "
              + location()
              + "; the thread's interrupt flag is kept",
          error);
    }
    return translateDriverError(error, action);
  }

  /** {@link #translate} for what the database or its driver reported, not an interrupt. */
  abstract StoreException translateDriverError(Exception error, String action);

  /** The first of {@code error}'s causes (itself included) that is a {@code type}, or null. */
  static <E extends Throwable> E find(Throwable error, Class<E> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }

  @Override
  public RunningPage runningRuns(
      String flow, long afterStartedAt, long afterSeq, int limit, boolean signals) {
    return read(
        handle -> {
          List<StoredRun> runs = new ArrayList<>();
          List<RunDao.Running> rows = RunDao.running(handle, flow, afterStartedAt, afterSeq, limit);
          for (RunDao.Running row : rows) {
            try {
              runs.add(
                  new StoredRun(
                      row.runId(),
                      row.runSeq(),
                      flow,
                      row.shapeHash(),
                      row.inputJson(),
                      row.startedAt(),
                      TaskDao.stored(handle, row.runSeq()),
                      signals ? SignalDao.ofRun(handle, row.runSeq()) : List.of()));
            } catch (IllegalArgumentException corrupt) {
              // One damaged run must not keep the flow's other runs, or new ones, from going on.
              LOG.error(
                  "run {} of flow {} has a row that does not parse and is left as it is; fix or"
                      + " remove the row, then bind the flow again",
                  row.runId(),
                  flow,
                  corrupt);
            }
          }
          RunDao.Running last = rows.isEmpty() ? null : rows.get(rows.size() - 1);
          return new RunningPage(
              runs,
              last == null ? afterStartedAt : last.startedAt(),
              last == null ? afterSeq : last.runSeq(),
              rows.size() == limit);
        });
  }

  @Override
  public Optional<StoredRun> storedRun(long runSeq, String flow, boolean signals) {
    return read(
        handle ->
            RunDao.stored(handle, runSeq)
                .map(
                    row ->
                        new StoredRun(
                            row.runId(),
                            row.runSeq(),
                            flow,
                            row.shapeHash(),
                            row.inputJson(),
                            row.startedAt(),
                            TaskDao.stored(handle, row.runSeq()),
                            signals ? SignalDao.ofRun(handle, row.runSeq()) : List.of())));
  }

  @Override
  public Optional<String> callerContext(long runSeq) {
    return read(handle -> RunDao.callerContext(handle, runSeq));
  }

  @Override
  public Optional<RunSummary> summary(RunId runId) {
    return read(handle -> RunDao.summary(handle, runId));
  }

  @Override
  public Optional<Ending> ending(RunId runId) {
    return read(handle -> RunDao.ending(handle, runId));
  }

  @Override
  public Page<RunSummary> find(RunQuery query) {
    // A bad token is the caller's mistake, said as such before anything is read.
    Optional<RunDao.PageToken> after = query.after().map(RunDao.PageToken::parse);
    return read(handle -> RunDao.find(handle, query, after, sqlite));
  }

  @Override
  public long count(RunQuery query) {
    return read(handle -> RunDao.count(handle, query));
  }

  @Override
  public Optional<Long> runSeq(RunId runId) {
    return read(handle -> RunDao.seq(handle, runId));
  }

  @Override
  public Optional<RunDetail> detail(RunId runId) {
    // One read transaction: the run and its rows as of one commit.
    return read(
        handle ->
            RunDao.summary(handle, runId)
                .map(
                    summary -> {
                      RunDao.Payloads payloads = RunDao.payloads(handle, runId).orElseThrow();
                      return new RunDetail(
                          summary,
                          payloads.inputJson(),
                          Optional.ofNullable(payloads.resultJson()),
                          TaskDao.records(handle, payloads.runSeq()));
                    }));
  }

  @Override
  public List<Long> stillRunning(List<Long> runSeqs) {
    List<Long> running = new ArrayList<>();
    // In chunks: SQLite limits the number of bound parameters.
    for (int from = 0; from < runSeqs.size(); from += 500) {
      List<Long> chunk = runSeqs.subList(from, Math.min(runSeqs.size(), from + 500));
      running.addAll(read(handle -> RunDao.running(handle, chunk)));
    }
    return running;
  }

  @Override
  public Optional<RunId> runByKey(String flow, String key) {
    return read(handle -> RunDao.byKey(handle, flow, key));
  }

  @Override
  public Optional<String> result(RunId runId) {
    return read(handle -> RunDao.payloads(handle, runId).map(RunDao.Payloads::resultJson));
  }

  @Override
  public Optional<StoredTask> task(RunId runId, String shapeHash, int index, String name) {
    return read(
        handle ->
            RunDao.key(handle, runId)
                .flatMap(
                    run ->
                        run.shapeHash().equals(shapeHash)
                            ? TaskDao.one(handle, run.runSeq(), index)
                            : TaskDao.one(handle, run.runSeq(), name)));
  }

  @Override
  public String instanceOutputs(long runSeq, int firstIndex, int count) {
    return read(
        handle -> {
          int[] rows = {0};
          String json =
              TaskDao.outputsAsArray(
                  handle,
                  TaskKeys.key(runSeq, firstIndex),
                  TaskKeys.key(runSeq, firstIndex + count - 1),
                  rows);
          if (rows[0] != count) {
            throw new IllegalStateException(
                "run "
                    + runSeq
                    + " has "
                    + rows[0]
                    + " rows of instances at "
                    + firstIndex
                    + " where "
                    + count
                    + " were expected");
          }
          return json;
        });
  }

  @Override
  public long lastRunSeq() {
    return read(RunDao::lastSeq);
  }

  @Override
  public List<WorkerRecord> workers() {
    return read(
        handle ->
            handle
                .createQuery(
                    "SELECT worker, queues, started_at, seen_at, stopped_at FROM workers"
                        + " ORDER BY worker")
                .map(
                    (rs, ctx) -> {
                      long stopped = rs.getLong(5);
                      boolean running = rs.wasNull();
                      return new WorkerRecord(
                          rs.getString(1),
                          List.of(rs.getString(2).split(",")),
                          Micros.toInstant(rs.getLong(3)),
                          Micros.toInstant(rs.getLong(4)),
                          running ? Optional.empty() : Optional.of(Micros.toInstant(stopped)));
                    })
                .list());
  }

  @Override
  public List<QueueStatus> queues(long nowMicros) {
    // The claim index (queue, ready_at) WHERE state = 'READY' answers this without touching rows
    // of other states. A READY row without a due time waits for a signal, not for a worker.
    return read(
        handle ->
            handle
                .createQuery(
                    """
                    SELECT queue, count(*), min(ready_at) FROM tasks
                    WHERE state = 'READY' AND ready_at <= :now
                    GROUP BY queue ORDER BY queue
                    """)
                .bind("now", nowMicros)
                .map(
                    (rs, ctx) -> {
                      long oldest = rs.getLong(3);
                      return new QueueStatus(
                          rs.getString(1),
                          rs.getLong(2),
                          rs.wasNull() ? Optional.empty() : Optional.of(Micros.toInstant(oldest)));
                    })
                .list());
  }

  /**
   * How many runs are RUNNING that a shared store started ({@code shared}), or that an embedded
   * engine started: the two write a run's rows differently, and neither can carry on the other's.
   */
  public long runsInFlight(boolean shared) {
    return read(
        handle ->
            handle
                .createQuery(
                    "SELECT count(*) FROM runs WHERE state = 'RUNNING' AND tasks_left IS "
                        + (shared ? "NOT NULL" : "NULL"))
                .mapTo(Long.class)
                .one());
  }
}
