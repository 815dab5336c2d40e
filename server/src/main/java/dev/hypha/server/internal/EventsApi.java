package dev.hypha.server.internal;

import dev.hypha.runtime.RunId;
import io.javalin.Javalin;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * {@code GET /api/events}: server-sent events from the {@link EventFeed}, for all runs or, with
 * {@code ?run=<id>}, for one run and its tasks.
 *
 * <p>Each stream is written by its own request thread (so at most {@code maxEventStreams} are open,
 * answered 503 beyond that) whatever the request's {@code Accept}: a browser's {@code EventSource}
 * and {@code curl -N} both get the stream. A client that went away is noticed at the next write, at
 * the latest at the next heartbeat.
 */
final class EventsApi {
  private final EventFeed feed;
  private final Duration heartbeat;
  private final int maxStreams;
  private final Semaphore slots;
  private final Set<EventStream> open = ConcurrentHashMap.newKeySet();

  EventsApi(EventFeed feed, Duration heartbeat, int maxStreams) {
    this.feed = feed;
    this.heartbeat = heartbeat;
    this.maxStreams = maxStreams;
    this.slots = new Semaphore(maxStreams);
  }

  void register(Javalin app) {
    app.get("/api/events", this::stream);
  }

  private void stream(Context ctx) {
    for (String name : ctx.queryParamMap().keySet()) {
      if (!name.equals("run")) {
        throw Problem.invalidParameter(
            name, "GET /api/events has no parameter '" + name + "'; it takes run=<id> or nothing");
      }
    }
    String runParameter = ctx.queryParam("run");
    RunId run =
        runParameter == null || runParameter.isBlank()
            ? null
            : RunsApi.runId("run", runParameter.trim());
    if (!slots.tryAcquire()) {
      throw Problem.tooManyStreams(maxStreams);
    }
    EventStream stream = new EventStream();
    open.add(stream);
    try {
      if (run == null) {
        feed.subscribeAll(stream);
      } else if (!feed.subscribeRun(stream, run)) {
        throw Problem.unknownRun(run.value());
      }
      HttpServletResponse response = ctx.res();
      response.setStatus(200);
      response.setContentType("text/event-stream");
      response.setCharacterEncoding("UTF-8");
      response.setHeader("Cache-Control", "no-cache");
      response.setHeader("X-Accel-Buffering", "no");
      stream.pump(response.getOutputStream(), heartbeat);
    } catch (IOException gone) {
      // The client went away; nothing to answer.
    } finally {
      stream.close();
      feed.unsubscribe(stream);
      open.remove(stream);
      slots.release();
    }
  }

  /** Ends every open stream, so that the server can stop. */
  void closeAll() {
    open.forEach(EventStream::close);
  }
}
