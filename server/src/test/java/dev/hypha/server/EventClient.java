package dev.hypha.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/** A real client of {@code GET /api/events}: reads the stream on a thread of its own. */
final class EventClient implements AutoCloseable {
  /** One server-sent event. */
  record Event(String name, JsonNode data) {
    String text(String field) {
      return data.path(field).asText();
    }

    @Override
    public String toString() {
      return name + " " + data;
    }
  }

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final AtomicInteger comments = new AtomicInteger();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final Thread reader;

  private final String answer;

  private EventClient(HttpResponse<InputStream> response, String answer) {
    this.response = response;
    this.answer = answer;
    this.reader = new Thread(this::read, "event-client");
    reader.setDaemon(true);
    if (response.statusCode() == 200) {
      reader.start();
    }
  }

  /** Opens the stream at {@code path} of {@code api}'s server; returns once its headers came. */
  static EventClient open(Api api, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(api.base().resolve(path))
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    try {
      HttpResponse<InputStream> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
      String answer = "";
      if (response.statusCode() != 200) {
        try (InputStream in = response.body()) {
          answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      Api.recordStream(
          path,
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(null),
          answer);
      return new EventClient(response, answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  int status() {
    return response.statusCode();
  }

  String header(String name) {
    return response.headers().firstValue(name).orElse(null);
  }

  /** The body of an answer that is not a stream (a problem). */
  JsonNode problem() {
    try {
      return Api.JSON.readTree(answer);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not a problem: " + answer, e);
    }
  }

  /** The next event, or null if none came within {@code timeout}. */
  Event next(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Every event up to and including the first that matches {@code last}.
   *
   * @throws AssertionError if none matched within {@code timeout}
   */
  List<Event> until(Predicate<Event> last, Duration timeout) throws InterruptedException {
    List<Event> seen = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Event event = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
      if (event == null) {
        throw new AssertionError("no matching event within " + timeout + "; got " + seen);
      }
      seen.add(event);
      if (last.test(event)) {
        return seen;
      }
    }
  }

  /** How many comment lines (the greeting and heartbeats) came. */
  int comments() {
    return comments.get();
  }

  /** Whether the server ended the stream. */
  boolean ended() {
    return ended.get();
  }

  private void read() {
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String name = null;
      StringBuilder data = new StringBuilder();
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith(":")) {
          comments.incrementAndGet();
        } else if (line.startsWith("event: ")) {
          name = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        } else if (line.isEmpty() && name != null) {
          events.add(new Event(name, parse(data.toString())));
          name = null;
          data.setLength(0);
        }
      }
    } catch (IOException closed) {
      // Closed by this client, or the connection broke.
    } finally {
      ended.set(true);
    }
  }

  private static JsonNode parse(String json) {
    try {
      return Api.JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new AssertionError("event data is not JSON: " + json, e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      response.body().close();
    } catch (IOException ignored) {
      // Closing is all that was wanted.
    }
    reader.join(5_000);
  }
}
