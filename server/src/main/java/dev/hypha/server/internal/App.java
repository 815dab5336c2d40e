package dev.hypha.server.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.InvalidConfigurationException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.util.JavalinException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server assembled: Javalin with the request guards, the routes of each API class, the problem
 * answers for every error, and the dashboard's files when they are on the class path.
 */
public final class App {
  /** Where the dashboard's files are looked for on the class path. */
  static final String DASHBOARD = "/dev/hypha/server/dashboard";

  private final Javalin javalin;
  private final EventFeed feed;
  private final EventsApi events;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private App(Javalin javalin, EventFeed feed, EventsApi events) {
    this.javalin = javalin;
    this.feed = feed;
    this.events = events;
  }

  /**
   * Binds and serves.
   *
   * @throws InvalidConfigurationException if the address cannot be bound
   */
  public static App start(Hypha hypha, ServerSettings settings) {
    boolean dashboard = App.class.getResource(DASHBOARD + "/index.html") != null;
    Javalin javalin =
        Javalin.create(
            config -> {
              config.showJavalinBanner = false;
              config.startupWatcherEnabled = false;
              config.http.prefer405over404 = true;
              config.http.maxRequestSize = settings.maxBodyBytes();
              JettyErrors errors = new JettyErrors();
              config.jetty.modifyServer(server -> server.setErrorHandler(errors));
              config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(errors));
              config.jetty.modifyHttpConfiguration(
                  http -> {
                    http.setSendServerVersion(false);
                    http.setSendXPoweredBy(false);
                  });
              if (dashboard) {
                config.staticFiles.add(
                    files -> {
                      files.hostedPath = "/";
                      files.directory = DASHBOARD;
                      files.location = Location.CLASSPATH;
                      files.headers = Map.of("Cache-Control", "no-cache");
                    });
              }
            });
    RequestGuards guards = new RequestGuards(settings);
    javalin.before(guards::check);
    javalin.exception(HttpResponseException.class, (e, ctx) -> Problem.of(e, ctx).write(ctx));
    javalin.exception(Exception.class, (e, ctx) -> Problem.of(e, ctx).write(ctx));

    EventFeed feed = new EventFeed(hypha.history(), settings.eventPollInterval());
    EventsApi events = new EventsApi(feed, settings.heartbeat(), settings.maxEventStreams());
    new FlowsApi(hypha, settings.maxBodyBytes()).register(javalin);
    new RunsApi(hypha, settings.maxBodyBytes()).register(javalin);
    new WorkersApi(hypha).register(javalin);
    events.register(javalin);
    new DocsApi(dashboard).register(javalin);
    try {
      javalin.start(settings.host(), settings.port());
    } catch (JavalinException | IllegalStateException e) {
      feed.close();
      javalin.stop();
      throw new InvalidConfigurationException(
          "cannot serve on "
              + settings.host()
              + ":"
              + settings.port()
              + " ("
              + rootMessage(e)
              + "); is another process using that port? choose another with port(n), or 0 for a"
              + " free one");
    }
    return new App(javalin, feed, events);
  }

  /** Answers {@code ctx} with {@code status} and {@code body} as JSON. */
  static void json(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(JsonViews.text(body));
  }

  public int port() {
    return javalin.port();
  }

  /** Every route registered with Javalin, as {@code "GET /api/flows"}. */
  public List<String> routes() {
    return javalin.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .filter(entry -> entry.getEndpoint().getMethod().isHttpMethod())
        .map(entry -> entry.getEndpoint().getMethod().name() + " " + entry.getEndpoint().getPath())
        .toList();
  }

  /** Ends the event streams, then stops the listener; later calls do nothing. */
  public void stop() {
    if (stopped.getAndSet(true)) {
      return;
    }
    events.closeAll();
    feed.close();
    javalin.stop();
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
