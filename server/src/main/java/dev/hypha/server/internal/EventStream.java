package dev.hypha.server.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client's stream of server-sent events: the feed's poller hands events in, the client's own
 * request thread writes them out in the same order. A client too slow to take {@link #CAPACITY}
 * pending events is cut off (it reconnects and reads the current state), so that it never holds the
 * poller back nor grows memory without bound.
 */
final class EventStream {
  /** The most events waiting for one client. */
  static final int CAPACITY = 10_000;

  private static final Event CLOSE = new Event("", "");

  private record Event(String name, String data) {}

  private final BlockingQueue<Event> pending = new ArrayBlockingQueue<>(CAPACITY + 1);
  private volatile boolean closed;

  /** Queues {@code event} with its JSON {@code data} (one line); false once the stream closed. */
  boolean send(String event, String data) {
    if (closed) {
      return false;
    }
    if (pending.remainingCapacity() <= 1 || !pending.offer(new Event(event, data))) {
      close();
      return false;
    }
    return true;
  }

  /** Ends the stream: its writer stops after what it is writing now. */
  void close() {
    closed = true;
    pending.clear();
    pending.offer(CLOSE);
  }

  boolean closed() {
    return closed;
  }

  /**
   * Writes events to {@code out} until the stream is closed, the client goes away (a write fails)
   * or the thread is interrupted; a comment after {@code heartbeat} of silence keeps proxies and
   * the connection from timing out and finds a client that left.
   */
  void pump(OutputStream out, Duration heartbeat) throws IOException {
    write(out, ": hypha events\n\n");
    try {
      while (!closed) {
        Event event = pending.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
          write(out, ": heartbeat\n\n");
        } else if (event != CLOSE) {
          write(out, "event: " + event.name() + "\ndata: " + event.data() + "\n\n");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closed = true;
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
