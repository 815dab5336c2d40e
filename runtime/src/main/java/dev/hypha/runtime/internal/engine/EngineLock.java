package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.StoreLockedException;
import dev.hypha.runtime.StoreUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Makes sure one engine at a time executes the runs of a database file: two would both take up the
 * same in-flight runs after a restart and run their tasks twice. Held as an operating-system lock
 * on {@code <database>.lock}, which the system releases when the process dies, however it dies.
 */
public final class EngineLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private EngineLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Takes the lock of {@code database}, waiting up to {@code timeout} for another holder. */
  public static EngineLock acquire(Path database, Duration timeout, String owner) {
    Path file = lockFile(database);
    FileChannel channel = open(database, file);
    FileLock lock =
        waitFor(
            channel,
            database,
            file,
            timeout,
            false,
            holder ->
                holder.isEmpty()
                    ? "another Hypha engine, or processes sharing the file as a shared store"
                    : "another Hypha engine (" + holder + ")");
    try {
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreUnavailableException(
          database.toString(), "cannot write the engine lock " + file + ": " + e.getMessage(), e);
    }
    return new EngineLock(channel, lock);
  }

  /** Who wrote the lock of {@code database} last (an embedded engine's worker id), or "". */
  public static String holder(Path database) {
    try {
      return Files.readString(lockFile(database), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }

  private static Path lockFile(Path database) {
    return database.resolveSibling(database.getFileName() + ".lock");
  }

  private static FileChannel open(Path database, Path file) {
    try {
      return FileChannel.open(
          file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new StoreUnavailableException(
          database.toString(),
          "cannot create the lock "
              + file
              + ": "
              + e.getMessage()
              + "; the database's folder must be writable",
          e);
    }
  }

  /**
   * Takes the lock on {@code channel}, shared or exclusive, waiting up to {@code timeout}; on
   * failure closes the channel and says who holds it ({@code holder} makes that from what the file
   * says).
   */
  private static FileLock waitFor(
      FileChannel channel,
      Path database,
      Path file,
      Duration timeout,
      boolean shared,
      java.util.function.Function<String, String> holder) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        FileLock lock = tryLock(channel, shared);
        if (lock != null) {
          return lock;
        }
        if (System.nanoTime() > deadline) {
          String written = Files.readString(file, StandardCharsets.UTF_8).trim();
          channel.close();
          throw new StoreLockedException(database.toString(), timeout, holder.apply(written), null);
        }
        Thread.sleep(20);
      }
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreUnavailableException(
          database.toString(), "cannot lock " + file + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closeQuietly(channel);
      throw new StoreLockedException(database.toString(), timeout, holder.apply(""), e);
    }
  }

  private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
    try {
      return channel.tryLock(0, Long.MAX_VALUE, shared);
    } catch (OverlappingFileLockException e) {
      // This very process already holds it through another Hypha instance.
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }

  /** Shared holds of this JVM, by database: several processes' roles may live in one JVM. */
  private static final Map<Path, SharedHold> SHARED = new HashMap<>();

  private static final class SharedHold {
    final FileChannel channel;
    final FileLock lock;
    int users = 1;

    SharedHold(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }
  }

  /**
   * A shared hold on the lock of {@code database}, for the processes of a shared store: any number
   * of them may hold it at once, and none while an embedded engine (which executes every run of the
   * file by itself) holds it exclusively.
   */
  public static AutoCloseable shared(Path database, Duration timeout) {
    Path file = lockFile(database);
    synchronized (SHARED) {
      SharedHold hold = SHARED.get(database);
      if (hold == null) {
        hold = takeShared(database, file, timeout);
        SHARED.put(database, hold);
      } else {
        hold.users++;
      }
    }
    return () -> releaseShared(database);
  }

  private static SharedHold takeShared(Path database, Path file, Duration timeout) {
    FileChannel channel = open(database, file);
    FileLock lock =
        waitFor(
            channel,
            database,
            file,
            timeout,
            true,
            holder ->
                "an embedded Hypha engine"
                    + (holder.isEmpty() ? "" : " (" + holder + ")")
                    + ", which executes every run of the file itself; close it first, or use the"
                    + " file from that process");
    return new SharedHold(channel, lock);
  }

  private static void releaseShared(Path database) throws IOException {
    synchronized (SHARED) {
      SharedHold hold = SHARED.get(database);
      if (hold == null || --hold.users > 0) {
        return;
      }
      SHARED.remove(database);
      try {
        hold.lock.release();
      } finally {
        hold.channel.close();
      }
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // Already failing with a better error.
    }
  }
}
