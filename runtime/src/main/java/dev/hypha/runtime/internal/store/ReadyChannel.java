package dev.hypha.runtime.internal.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wake-ups between the processes of a PostgreSQL store: {@code NOTIFY hypha_ready} when work may
 * have become READY, {@code LISTEN} for it in workers. Notifications are sent by a thread of their
 * own, at most one per {@value #COALESCE_MILLIS} ms however many commits asked for one, so they
 * never add to a commit (a NOTIFY inside each transaction would serialise them). They only make
 * workers look sooner: a worker that misses one still finds its work at its next poll.
 */
public final class ReadyChannel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ReadyChannel.class);
  static final String CHANNEL = "hypha_ready";
  private static final long COALESCE_MILLIS = 20;

  private final String url;
  private final String location;
  private final AtomicBoolean wanted = new AtomicBoolean();
  private final Object signal = new Object();
  private volatile boolean closed;
  private Thread sender;
  private Thread listener;

  ReadyChannel(String url, String location) {
    this.url = url;
    this.location = location;
  }

  /** Asks for a notification soon; returns at once. */
  public void ready() {
    if (wanted.compareAndSet(false, true)) {
      synchronized (signal) {
        signal.notifyAll();
      }
    }
    startSender();
  }

  private synchronized void startSender() {
    if (sender == null && !closed) {
      sender = daemon(this::send, "hypha-notify");
    }
  }

  /** Calls {@code onReady} whenever another process (or this one) says work may be READY. */
  public synchronized void listen(Runnable onReady) {
    if (listener == null && !closed) {
      listener = daemon(() -> receive(onReady), "hypha-listen");
    }
  }

  private void send() {
    Connection connection = null;
    while (!closed) {
      try {
        synchronized (signal) {
          while (!wanted.get() && !closed) {
            signal.wait(1_000);
          }
        }
        if (closed) {
          break;
        }
        if (connection == null) {
          connection = DriverManager.getConnection(url);
        }
        wanted.set(false);
        try (Statement statement = connection.createStatement()) {
          statement.execute("NOTIFY " + CHANNEL);
        }
        Thread.sleep(COALESCE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (SQLException e) {
        LOG.debug(
            "could not notify workers through {}; they find the work at their poll", location, e);
        connection = closeQuietly(connection);
        pause(1_000);
      }
    }
    closeQuietly(connection);
  }

  private void receive(Runnable onReady) {
    Connection connection = null;
    while (!closed) {
      try {
        if (connection == null) {
          connection = DriverManager.getConnection(url);
          try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
          }
        }
        PGNotification[] notifications =
            connection.unwrap(PGConnection.class).getNotifications(1_000);
        if (notifications != null && notifications.length > 0) {
          onReady.run();
        }
      } catch (SQLException e) {
        if (!closed) {
          LOG.debug("lost the notifications of {}; polling meanwhile", location, e);
        }
        connection = closeQuietly(connection);
        pause(1_000);
      }
    }
    closeQuietly(connection);
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  private static Connection closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Going away anyway.
      }
    }
    return null;
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Override
  public void close() {
    closed = true;
    synchronized (signal) {
      signal.notifyAll();
    }
    Thread[] threads;
    synchronized (this) {
      threads = new Thread[] {sender, listener};
    }
    for (Thread thread : threads) {
      if (thread != null) {
        thread.interrupt();
        try {
          thread.join(2_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
