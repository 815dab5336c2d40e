package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.StoreException;
import dev.hypha.runtime.StoreLockedException;
import dev.hypha.runtime.StoreUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The embedded store: one SQLite file in WAL mode. One connection writes (each batch in a {@code
 * BEGIN IMMEDIATE} transaction); reads share a few pooled read-only connections ({@link Readers})
 * and, thanks to WAL, never wait for the writer. Thread-safe.
 */
public final class SqliteStore extends StoreReads {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SqliteStore.class);

  /** The most reader connections a store keeps open. */
  static final int MAX_READERS = Readers.MAX;

  /**
   * What {@link #optimize()} and {@link #close()} run: {@code PRAGMA optimize} with the size of
   * every table checked (0x10000), since the writer does not run the queries that would mark a
   * table as worth analyzing, and each {@code ANALYZE} bounded (0x10).
   */
  static final String OPTIMIZE = "PRAGMA optimize=0x10012";

  private final Path file;
  private final String location;
  private final Duration busyTimeout;
  private final Jdbi writerJdbi;
  private final Readers readers;
  private final Handle writer;
  private final RunDao runWrites;
  private final TaskDao taskWrites;

  /** BEGIN IMMEDIATE, COMMIT and ROLLBACK on the writer; created with the first write. */
  private Statement control;

  private boolean closed;

  private SqliteStore(Path file, Duration busyTimeout, boolean synchronousFull, long nowMicros) {
    super(true);
    this.file = file;
    this.location = file.toString();
    this.busyTimeout = busyTimeout;
    checkFile(file);
    this.writerJdbi = Jdbi.create(writerDataSource(file, busyTimeout, synchronousFull));
    Handle handle = null;
    Readers opened = null;
    try {
      handle = writerJdbi.open();
      SchemaDao.migrate(handle, location, nowMicros);
      optimizeOnOpen(handle);
      // Readers only once the schema is there: they cannot create it.
      opened = new Readers(file, busyTimeout);
    } catch (RuntimeException e) {
      if (handle != null) {
        handle.close();
      }
      throw translate(e, "open");
    }
    this.readers = opened;
    this.writer = handle;
    this.runWrites = new RunDao(handle.getConnection());
    this.taskWrites = new TaskDao(handle.getConnection());
  }

  /**
   * Opens (creating if needed) and migrates the database {@code file}.
   *
   * @param synchronousFull whether each commit is flushed to the disk (survives power loss), or
   *     only to the operating system (survives a process crash)
   */
  public static SqliteStore open(
      Path file, Duration busyTimeout, boolean synchronousFull, long nowMicros) {
    return new SqliteStore(
        file.toAbsolutePath().normalize(), busyTimeout, synchronousFull, nowMicros);
  }

  @Override
  public String location() {
    return location;
  }

  public Path file() {
    return file;
  }

  /** Reads the schema version, for tests and tools. */
  public int schemaVersion() {
    return read(SchemaDao::version);
  }

  @Override
  public synchronized void write(WriteBatch batch) {
    if (batch.isEmpty()) {
      return;
    }
    Connection connection = writer.getConnection();
    boolean begun = false;
    try {
      // Plain statements on a connection left in auto-commit: one BEGIN IMMEDIATE (the write
      // lock is taken here, where the busy timeout applies) and one COMMIT per batch, and no
      // transaction held open between batches, where another process may want to write.
      execute(connection, "BEGIN IMMEDIATE");
      begun = true;
      runWrites.insert(batch.runInserts);
      taskWrites.insert(batch.taskInserts);
      taskWrites.update(batch.taskUpdates);
      taskWrites.insertAttempts(batch.attempts);
      // Runs ending in this batch end first: a cancellation then finds them no longer RUNNING.
      runWrites.finish(batch.runFinishes);
      for (WriteBatch.Cancellation cancellation : batch.cancellations) {
        cancellation.applied = RunDao.cancel(writer, cancellation.runSeq, cancellation.at);
        if (cancellation.applied) {
          TaskDao.cancelUnfinished(writer, cancellation.runSeq, cancellation.at);
        }
      }
      for (WriteBatch.Reopening reopening : batch.reopenings) {
        reopening.applied = RunDao.reopen(writer, reopening.runSeq);
        if (reopening.applied) {
          TaskDao.reopen(writer, reopening.runSeq);
        }
      }
      // After the ends too: a signal to a stored run is kept only if the run is still going.
      for (WriteBatch.SignalInsert signal : batch.signals) {
        if (signal.ifRunning) {
          signal.applied =
              SignalDao.insertIfRunning(
                  writer, signal.runSeq, signal.name, signal.json, signal.sentAt);
        } else {
          SignalDao.insert(writer, signal.runSeq, signal.name, signal.json, signal.sentAt);
          signal.applied = true;
        }
      }
      execute(connection, "COMMIT");
    } catch (RuntimeException | SQLException e) {
      try {
        // A retry of the same batch must not find this attempt's rows still batched.
        taskWrites.clearBatches();
        runWrites.clearBatches();
        if (begun) {
          execute(connection, "ROLLBACK");
        }
      } catch (RuntimeException | SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw translate(e, "write to");
    }
  }

  private void execute(Connection connection, String sql) throws SQLException {
    if (control == null) {
      control = connection.createStatement();
    }
    control.execute(sql);
  }

  /**
   * Refreshes the planner's statistics where the tables have changed much since they were taken;
   * usually a no-op that costs microseconds, and a bounded {@code ANALYZE} otherwise. SQLite
   * recommends it every few hours for a long-lived connection; the store runs it itself when it
   * opens and closes. Reader connections see new statistics once the pool replaces them.
   */
  @Override
  public synchronized void optimize() {
    if (closed) {
      return;
    }
    try {
      writer.execute(OPTIMIZE);
    } catch (RuntimeException e) {
      throw translate(e, "optimize");
    }
  }

  /**
   * Closes the readers and then the writer, refreshing the statistics first. Reads after this still
   * work, each on a connection of its own.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      readers.close();
    } finally {
      try {
        writer.execute(OPTIMIZE);
      } catch (RuntimeException e) {
        LOG.warn("could not refresh the planner statistics of {} on close", location, e);
      } finally {
        writer.close();
      }
    }
  }

  /**
   * Planner statistics, as SQLite recommends for a long-lived connection: analyzes now the tables
   * that were never analyzed or have grown or shrunk tenfold since. A store whose statistics cannot
   * be refreshed now still opens.
   */
  private void optimizeOnOpen(Handle handle) {
    try {
      handle.execute("PRAGMA optimize=0x10002");
    } catch (RuntimeException e) {
      LOG.warn("could not refresh the planner statistics of {} on open", location, e);
    }
  }

  /** The reader pool, for tests. */
  com.zaxxer.hikari.HikariDataSource readerPool() {
    return readers.pool();
  }

  @Override
  Handle openReader() {
    return readers.open();
  }

  /**
   * Fails with a message that names the fix when {@code file} cannot be a database this process
   * writes: its folder missing, a folder in its place, no write permission.
   */
  public static void checkFile(Path file) {
    Path folder = file.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw new StoreUnavailableException(
          file.toString(),
          "cannot open database "
              + file
              + ": the folder "
              + folder
              + " does not exist; create it or choose another path",
          null);
    }
    if (Files.isDirectory(file)) {
      throw new StoreUnavailableException(
          file.toString(),
          "cannot open database " + file + ": it is a folder; choose a file path like hypha.db",
          null);
    }
    if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(folder)) {
      Path denied = Files.exists(file) ? file : folder;
      throw new StoreUnavailableException(
          file.toString(),
          "cannot open database "
              + file
              + " for writing: "
              + denied
              + " is not writable by user "
              + System.getProperty("user.name")
              + "; fix its permissions or choose another path",
          null);
    }
  }

  private static SQLiteDataSource writerDataSource(
      Path file, Duration busyTimeout, boolean synchronousFull) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(
        synchronousFull ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    // Take the write lock at BEGIN, where the busy timeout applies, not midway through.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file);
    return dataSource;
  }

  /** Turns a driver error into one that names the problem and the fix. */
  @Override
  StoreException translateDriverError(Exception error, String action) {
    if (error instanceof StoreException storeException) {
      return storeException;
    }
    SQLiteException sqlite = find(error, SQLiteException.class);
    int code = sqlite == null ? -1 : sqlite.getResultCode().code & 0xFF;
    if (code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code) {
      return new StoreLockedException(
          location, busyTimeout, "another connection or process", error);
    }
    if (code == SQLiteErrorCode.SQLITE_READONLY.code
        || code == SQLiteErrorCode.SQLITE_CANTOPEN.code
        || code == SQLiteErrorCode.SQLITE_PERM.code) {
      return unavailable(
          action,
          sqlite,
          error,
          "check that the file and its folder are writable by user "
              + System.getProperty("user.name"));
    }
    if (code == SQLiteErrorCode.SQLITE_FULL.code || code == SQLiteErrorCode.SQLITE_IOERR.code) {
      return unavailable(
          action,
          sqlite,
          error,
          "free disk space or check the device, then restart: committed work is safe");
    }
    if (code == SQLiteErrorCode.SQLITE_NOTADB.code || code == SQLiteErrorCode.SQLITE_CORRUPT.code) {
      return new StoreUnavailableException(
          location,
          "cannot "
              + action
              + " "
              + location
              + ": it is not a valid SQLite database ("
              + sqlite.getMessage()
              + "); point Hypha at its own file",
          error);
    }
    return new StoreException(
        location, "cannot " + action + " database " + location + ": " + error.getMessage(), error);
  }

  private StoreUnavailableException unavailable(
      String action, SQLiteException sqlite, Exception error, String fix) {
    return new StoreUnavailableException(
        location,
        "cannot " + action + " database " + location + ": " + sqlite.getMessage() + "; " + fix,
        error);
  }
}
