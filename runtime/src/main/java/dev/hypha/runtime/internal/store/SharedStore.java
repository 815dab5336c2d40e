package dev.hypha.runtime.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.hypha.runtime.InvalidConfigurationException;
import dev.hypha.runtime.SchemaTooNewException;
import dev.hypha.runtime.StoreException;
import dev.hypha.runtime.StoreLockedException;
import dev.hypha.runtime.StoreUnavailableException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.BusyHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * A store that several processes share: a SQLite file on one machine, or a PostgreSQL database for
 * many. Every write is a short transaction of its own ({@code BEGIN IMMEDIATE} on SQLite, where the
 * busy timeout applies; READ COMMITTED on PostgreSQL, retried on a deadlock), so no process holds
 * the database between its transactions. Thread-safe.
 */
public final class SharedStore extends StoreReads {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SharedStore.class);

  /** The key of the advisory lock under which PostgreSQL migrations run ("hypha" in ASCII). */
  static final long MIGRATION_LOCK = 0x6879706861L;

  private static final int DEADLOCK_RETRIES = 10;

  private final boolean postgres;
  private final String location;
  private final Duration busyTimeout;
  private final HikariDataSource writePool;
  private final Jdbi writes;
  private final Readers sqliteReaders;
  private final ReadyChannel readyChannel;
  private volatile boolean closed;

  private SharedStore(
      boolean postgres,
      String location,
      Duration busyTimeout,
      HikariDataSource writePool,
      Readers sqliteReaders,
      ReadyChannel readyChannel) {
    super(!postgres);
    this.postgres = postgres;
    this.location = location;
    this.busyTimeout = busyTimeout;
    this.writePool = writePool;
    this.writes = writePool == null ? null : Jdbi.create(writePool);
    this.sqliteReaders = sqliteReaders;
    this.readyChannel = readyChannel;
  }

  /**
   * Opens (creating and migrating if need be) the store at {@code url}: {@code
   * jdbc:postgresql://...}, {@code jdbc:sqlite:<file>} or a file path.
   *
   * @throws InvalidConfigurationException for a URL of another database
   * @throws StoreUnavailableException if the database cannot be reached or written
   * @throws SchemaTooNewException if a newer Hypha wrote the store
   */
  public static SharedStore open(
      String url, Duration busyTimeout, boolean flushToDisk, int connections, long nowMicros) {
    Target target = Target.parse(url);
    return target.postgres()
        ? postgres(url, busyTimeout, connections, nowMicros)
        : sqlite(target.file(), busyTimeout, flushToDisk, nowMicros);
  }

  /** What a store URL points at. */
  public record Target(boolean postgres, Path file, String url) {
    /**
     * @throws InvalidConfigurationException for a JDBC URL of a database Hypha does not support
     */
    public static Target parse(String url) {
      if (url == null || url.isBlank()) {
        throw new InvalidConfigurationException(
            "the store URL is empty; give a file path, jdbc:sqlite:<file> or"
                + " jdbc:postgresql://<host>/<database>");
      }
      if (url.startsWith("jdbc:postgresql:")) {
        return new Target(true, null, url);
      }
      if (url.startsWith("jdbc:sqlite:")) {
        return new Target(false, file(url.substring("jdbc:sqlite:".length())), url);
      }
      if (url.startsWith("jdbc:")) {
        throw new InvalidConfigurationException(
            "Hypha stores runs in SQLite or PostgreSQL, not in "
                + url.substring(0, Math.max(5, url.indexOf(':', 5)))
                + "; give a file path, jdbc:sqlite:<file> or jdbc:postgresql://<host>/<database>");
      }
      return new Target(false, file(url), "jdbc:sqlite:" + file(url));
    }

    private static Path file(String path) {
      return Path.of(path).toAbsolutePath().normalize();
    }
  }

  private static SharedStore postgres(
      String url, Duration busyTimeout, int connections, long nowMicros) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setPoolName("hypha " + redact(url));
    config.setMaximumPoolSize(connections);
    config.setMinimumIdle(1);
    config.setAutoCommit(true);
    // Plans for the values at hand. A generic plan that a prepared statement cached while the
    // tables were nearly empty (a new store) scans them whole long after they have grown: the
    // key lookups of a worker's turn then took 5 ms instead of 0.05 ms.
    config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
    config.setConnectionTimeout(Math.max(250, busyTimeout.toMillis()));
    config.setValidationTimeout(Math.min(Math.max(250, busyTimeout.toMillis()), 5_000));
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException | IllegalArgumentException e) {
      throw new StoreUnavailableException(
          redact(url),
          "cannot connect to PostgreSQL at "
              + redact(url)
              + ": "
              + rootMessage(e)
              + "; check that the server runs and that the host, database and user are right",
          e);
    }
    SharedStore store =
        new SharedStore(
            true, redact(url), busyTimeout, pool, null, new ReadyChannel(url, redact(url)));
    try {
      store.migrate(nowMicros);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private static SharedStore sqlite(
      Path file, Duration busyTimeout, boolean flushToDisk, long nowMicros) {
    SqliteStore.checkFile(file);
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setSynchronous(
        flushToDisk ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    sqlite.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    // The migrations' transactions take the write lock at BEGIN, where the busy timeout applies.
    sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource source = new SQLiteDataSource(sqlite);
    source.setUrl("jdbc:sqlite:" + file);
    HikariConfig config = new HikariConfig();
    config.setDataSource(source);
    config.setPoolName("hypha-writer " + file.getFileName());
    // One writing connection per process: SQLite has one writer at a time anyway, and this
    // process's threads queue here rather than in the database's busy handler.
    config.setMaximumPoolSize(1);
    config.setMinimumIdle(1);
    config.setAutoCommit(true);
    config.setConnectionTimeout(Math.max(30_000, 4 * busyTimeout.toMillis()));
    HikariDataSource pool = new HikariDataSource(config);
    Readers readers;
    try {
      // The schema first: the read-only readers cannot create it.
      new SharedStore(false, file.toString(), busyTimeout, pool, null, null).migrate(nowMicros);
      readers = new Readers(file, busyTimeout);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return new SharedStore(false, file.toString(), busyTimeout, pool, readers, null);
  }

  /**
   * Opens the SQLite {@code file} for reading only, beside the embedded engine that holds it: its
   * history reads through WAL snapshots, which never block the engine's writes. Nothing is written,
   * not even a migration, so the file must already be at this Hypha's schema version.
   *
   * @param holder who holds the file, for the error of a write
   */
  public static SharedStore readOnly(Path file, Duration busyTimeout, String holder) {
    Readers readers = new Readers(file, busyTimeout);
    SharedStore store = new SharedStore(false, file.toString(), busyTimeout, null, readers, null);
    store.readOnlyHolder = holder;
    int version;
    try {
      version =
          store.read(
              handle ->
                  handle
                      .createQuery("SELECT COALESCE(MAX(version), 0) FROM hypha_schema")
                      .mapTo(Integer.class)
                      .one());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    if (version != Migrations.latest()) {
      store.close();
      if (version > Migrations.latest()) {
        throw new SchemaTooNewException(file.toString(), version, Migrations.latest());
      }
      throw new StoreUnavailableException(
          file.toString(),
          "cannot read "
              + file
              + " beside the embedded engine that holds it: its schema is version "
              + version
              + " and this Hypha reads version "
              + Migrations.latest()
              + "; run the same Hypha version as the engine",
          null);
    }
    return store;
  }

  /** Who holds the file this store only reads; null for a store that may write. */
  private volatile String readOnlyHolder;

  /**
   * Says that work may have become READY, so that workers of other processes look now; a no-op on
   * SQLite, whose workers poll (a look there is a cheap read of the file).
   */
  public void ready() {
    if (readyChannel != null) {
      readyChannel.ready();
    }
  }

  /** Calls {@code onReady} when another process says work may be READY (PostgreSQL only). */
  public void onReady(Runnable onReady) {
    if (readyChannel != null) {
      readyChannel.listen(onReady);
    }
  }

  /** Whether this is a PostgreSQL store. */
  public boolean postgres() {
    return postgres;
  }

  @Override
  public String location() {
    return location;
  }

  private void migrate(long nowMicros) {
    if (postgres) {
      inTransaction(tx -> PostgresSchema.migrate(tx.handle(), location, nowMicros));
    } else {
      try (Handle handle = writes.open()) {
        SchemaDao.migrate(handle, location, nowMicros);
      } catch (RuntimeException e) {
        throw translate(e, "open");
      }
    }
  }

  /**
   * Runs {@code work} in one writing transaction and commits it. Waits for SQLite's write lock up
   * to twice the busy timeout; repeats the whole work after a PostgreSQL deadlock, so {@code work}
   * must have no effect outside the transaction.
   *
   * @throws StoreLockedException if the write lock could not be had in time
   */
  public <T> T inTransaction(Function<SharedTx, T> work) {
    return write(work, true);
  }

  /**
   * Runs {@code work}, which writes with one statement (and may read after it), as {@link
   * #inTransaction} does, except that on PostgreSQL no transaction surrounds it: the statement
   * commits itself, which saves the round trip of a COMMIT.
   */
  public <T> T inOneStatement(Function<SharedTx, T> work) {
    return write(work, false);
  }

  private <T> T write(Function<SharedTx, T> work, boolean transaction) {
    if (readOnlyHolder != null) {
      throw new InvalidConfigurationException(
          location
              + " is executed by "
              + readOnlyHolder
              + ", which holds it alone: this Hypha only reads its history; start and cancel runs"
              + " through that engine, or run the flows as a shared store (Hypha.connect and"
              + " workers) instead of the embedded engine");
    }
    long deadline = System.nanoTime() + 2 * busyTimeout.toNanos();
    for (int attempt = 1; ; attempt++) {
      try (Handle handle = writes.open()) {
        if (!postgres) {
          return sqliteTransaction(handle, work);
        }
        return transaction
            ? postgresTransaction(handle, work)
            : work.apply(new SharedTx(handle, true));
      } catch (RuntimeException e) {
        if (postgres && isDeadlock(e) && attempt < DEADLOCK_RETRIES) {
          LOG.debug("transaction on {} chosen as a deadlock victim; repeating it", location);
          continue;
        }
        if (!postgres && isBusy(e) && System.nanoTime() < deadline && !closed) {
          LOG.debug("{} stayed locked for the busy timeout; trying again", location);
          continue;
        }
        throw translate(e, "write to");
      }
    }
  }

  private <T> T postgresTransaction(Handle handle, Function<SharedTx, T> work) {
    return handle.inTransaction(tx -> work.apply(new SharedTx(tx, true)));
  }

  /**
   * BEGIN IMMEDIATE and COMMIT as plain statements on an auto-commit connection: the driver's own
   * transactions would begin the next one right after each commit and hold the lock between them.
   */
  private <T> T sqliteTransaction(Handle handle, Function<SharedTx, T> work) {
    try {
      BusyHandler.setHandler(
          handle.getConnection().unwrap(org.sqlite.SQLiteConnection.class),
          new ShortWaits(busyTimeout));
    } catch (SQLException e) {
      throw new StoreException(location, "cannot set the busy handler of " + location, e);
    }
    handle.execute("BEGIN IMMEDIATE");
    try {
      T result = work.apply(new SharedTx(handle, false));
      handle.execute("COMMIT");
      return result;
    } catch (RuntimeException | Error e) {
      try {
        handle.execute("ROLLBACK");
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Waits for another process's write lock in steps of a fraction of a millisecond, up to the busy
   * timeout. SQLite's own busy timeout sleeps in growing steps of up to 100 ms, so processes that
   * take turns with the lock for a millisecond each would mostly sleep.
   */
  private static final class ShortWaits extends BusyHandler {
    private final long timeoutNanos;
    private long firstBusy;

    ShortWaits(Duration timeout) {
      this.timeoutNanos = timeout.toNanos();
    }

    @Override
    protected int callback(int count) {
      long now = System.nanoTime();
      if (count == 0) {
        firstBusy = now;
      }
      if (now - firstBusy > timeoutNanos) {
        return 0;
      }
      long pauseMicros = Math.min(2_000, 50L << Math.min(count / 8, 5));
      LockSupport.parkNanos(
          ThreadLocalRandom.current().nextLong(pauseMicros / 2, pauseMicros) * 1000);
      return 1;
    }
  }

  @Override
  Handle openReader() {
    return readHandle();
  }

  /**
   * A handle to read with: a SQLite reader, or a pooled PostgreSQL connection; once the store is
   * closed, a PostgreSQL connection of its own, so that a closed store still reads, as a closed
   * SQLite store (shared or embedded) does.
   */
  private Handle readHandle() {
    if (sqliteReaders != null) {
      return sqliteReaders.open();
    }
    if (!closed) {
      try {
        return writes.open();
      } catch (RuntimeException e) {
        if (!closed) {
          throw e;
        }
        // Closed while asking: read as a closed store does.
      }
    }
    return Jdbi.create(writePool.getJdbcUrl()).open();
  }

  /**
   * Runs {@code query} in a read transaction that sees every commit made before it began (on SQLite
   * a WAL snapshot of a read-only connection, which waits for no writer).
   */
  public <T> T readFresh(Function<SharedTx, T> query) {
    return read(handle -> query.apply(new SharedTx(handle, postgres)));
  }

  @Override
  public void write(WriteBatch batch) {
    throw new UnsupportedOperationException(
        "a shared store is written through its transactions, not by the embedded engine");
  }

  @Override
  public void optimize() {
    if (closed || writes == null) {
      return;
    }
    try (Handle handle = writes.open()) {
      handle.execute(postgres ? "ANALYZE tasks" : SqliteStore.OPTIMIZE);
    } catch (RuntimeException e) {
      LOG.warn("could not refresh the planner statistics of {}", location, e);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (readyChannel != null) {
        readyChannel.close();
      }
      if (sqliteReaders != null) {
        sqliteReaders.close();
      }
    } finally {
      if (writePool != null) {
        writePool.close();
      }
    }
  }

  private static boolean isDeadlock(Throwable error) {
    SQLException sql = find(error, SQLException.class);
    return sql != null && ("40P01".equals(sql.getSQLState()) || "40001".equals(sql.getSQLState()));
  }

  private static boolean isBusy(Throwable error) {
    SQLiteException sqlite = find(error, SQLiteException.class);
    int code = sqlite == null ? -1 : sqlite.getResultCode().code & 0xFF;
    return code == SQLiteErrorCode.SQLITE_BUSY.code || code == SQLiteErrorCode.SQLITE_LOCKED.code;
  }

  /** Turns a driver error into one that names the problem and the fix. */
  @Override
  StoreException translateDriverError(Exception error, String action) {
    if (error instanceof StoreException storeException) {
      return storeException;
    }
    if (!postgres && isBusy(error)) {
      return new StoreLockedException(
          location, busyTimeout.multipliedBy(2), "another connection or process", error);
    }
    SQLException sql = find(error, SQLException.class);
    String state = sql == null ? null : sql.getSQLState();
    if (state != null && state.startsWith("08")
        || find(error, java.sql.SQLTransientConnectionException.class) != null) {
      return new StoreUnavailableException(
          location,
          "cannot "
              + action
              + " "
              + location
              + ": "
              + rootMessage(error)
              + "; check that the database server runs and is reachable",
          error);
    }
    if (sql instanceof SQLiteException sqlite) {
      return new StoreUnavailableException(
          location,
          "cannot "
              + action
              + " database "
              + location
              + ": "
              + sqlite.getMessage()
              + "; check that the file and its folder are writable and the disk has room",
          error);
    }
    return new StoreException(
        location, "cannot " + action + " database " + location + ": " + rootMessage(error), error);
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  /** The URL without a password given in its query string. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
