package dev.hypha.runtime.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The read connections of a {@link SqliteStore}: a few pooled connections, opened read-only with
 * their pragmas set once, instead of a new connection per read. A connection goes back to the pool
 * between transactions, so each read transaction takes a fresh WAL snapshot and sees every commit
 * made before it began. Pooled connections are replaced every {@value #MAX_LIFETIME_MINUTES}
 * minutes, which is also how they pick up statistics a later {@code PRAGMA optimize} wrote.
 *
 * <p>Once closed, reads still work, each on a connection of its own: a closed store's history stays
 * readable. Thread-safe.
 */
final class Readers implements AutoCloseable {
  /** The most read connections open at once. */
  static final int MAX = 4;

  private static final int MAX_LIFETIME_MINUTES = 30;

  private final HikariDataSource pool;
  private final Jdbi pooled;
  private final Jdbi unpooled;
  private volatile boolean closed;

  /**
   * Opens the pool and its first connection.
   *
   * @param busyTimeout how long a read waits for the database, and for a free connection
   */
  Readers(Path file, Duration busyTimeout) {
    SQLiteConfig sqlite = new SQLiteConfig();
    // Read-only at the file level: a reader cannot write, whatever SQL it is given. The journal
    // mode is the writer's (WAL is persistent) and synchronous does not apply to reads.
    sqlite.setReadOnly(true);
    sqlite.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
    SQLiteDataSource source = new SQLiteDataSource(sqlite);
    source.setUrl("jdbc:sqlite:" + file);

    HikariConfig config = new HikariConfig();
    config.setDataSource(source);
    config.setPoolName("hypha-readers " + file.getFileName());
    config.setMaximumPoolSize(MAX);
    config.setMinimumIdle(1);
    config.setReadOnly(true);
    config.setAutoCommit(true);
    // Hikari's floor is 250 ms for both; a connection is checked within the time a read waits.
    long wait = Math.max(250, busyTimeout.toMillis());
    config.setConnectionTimeout(wait);
    config.setValidationTimeout(Math.min(wait, 5_000));
    config.setMaxLifetime(Duration.ofMinutes(MAX_LIFETIME_MINUTES).toMillis());
    this.pool = new HikariDataSource(config);
    this.pooled = Jdbi.create(pool);
    this.unpooled = Jdbi.create(source);
  }

  /** A handle on a read connection; close it to give the connection back. */
  Handle open() {
    if (!closed) {
      try {
        return pooled.open();
      } catch (ConnectionException e) {
        if (!closed) {
          throw e;
        }
        // Closed while asking: read as a closed store does.
      }
    }
    return unpooled.open();
  }

  /** The pool, for tests. */
  HikariDataSource pool() {
    return pool;
  }

  @Override
  public void close() {
    closed = true;
    pool.close();
  }
}
