package dev.hypha.runtime.internal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.RunId;
import dev.hypha.runtime.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/**
 * Reads share a few pooled, read-only connections instead of opening one each, and every read
 * transaction still sees what the writer committed before it began.
 */
class ReaderPoolTest {
  @TempDir Path dir;
  private SqliteStore store;
  private final AtomicLong clock = new AtomicLong(1_000);

  @BeforeEach
  void open() {
    store = SqliteStore.open(dir.resolve("pool.db"), Duration.ofSeconds(5), false, 0);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** The SQLite connection under whatever the reader hands out. */
  private Connection sqliteConnection() {
    return store.read(
        handle -> {
          try {
            return handle.getConnection().unwrap(SQLiteConnection.class);
          } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void aThousandReadsReuseAFewConnections() {
    Set<Connection> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (int i = 0; i < 1_000; i++) {
      seen.add(sqliteConnection());
      store.lastRunSeq();
    }
    assertThat(seen).hasSizeLessThanOrEqualTo(SqliteStore.MAX_READERS);
    assertThat(store.readerPool().getHikariPoolMXBean().getTotalConnections())
        .isBetween(1, SqliteStore.MAX_READERS);
  }

  @Test
  void concurrentReadersShareAtMostTheMaximum() throws Exception {
    Set<Connection> seen =
        Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      Future<?>[] all = new Future<?>[8];
      for (int t = 0; t < all.length; t++) {
        all[t] =
            threads.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    seen.add(sqliteConnection());
                  }
                });
      }
      for (Future<?> each : all) {
        each.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(seen).hasSizeLessThanOrEqualTo(SqliteStore.MAX_READERS);
    assertThat(store.readerPool().getHikariPoolMXBean().getTotalConnections())
        .isLessThanOrEqualTo(SqliteStore.MAX_READERS);
  }

  @Test
  void everyReadSeesTheCommitsBeforeIt() {
    assertThat(store.lastRunSeq()).isZero();
    for (long seq = 1; seq <= 50; seq++) {
      insertRun(seq);
      assertThat(store.lastRunSeq()).isEqualTo(seq);
      long expected = seq;
      assertThat(store.<Long>read(RunDao::lastSeq)).isEqualTo(expected);
    }
  }

  @Test
  void theSchemaVersionIsReadOnAReader() {
    assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
  }

  @Test
  void readersCannotWrite() {
    insertRun(1);
    assertThatThrownBy(() -> store.read(handle -> handle.execute("DELETE FROM runs")))
        .isInstanceOf(StoreException.class);
    assertThat(store.lastRunSeq()).isEqualTo(1);
  }

  @Test
  void aClosedStoreStillAnswersReads() {
    insertRun(1);
    store.close();
    assertThat(store.lastRunSeq()).isEqualTo(1);
    assertThat(store.readerPool().isClosed()).isTrue();
  }

  private void insertRun(long seq) {
    WriteBatch batch = new WriteBatch();
    batch.insertRun(
        RunId.generate(clock.incrementAndGet()), seq, "f", "shape", "null", null, clock.get(), 1);
    store.write(batch);
  }
}
