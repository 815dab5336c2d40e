package dev.hypha.server;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.InvalidConfigurationException;
import dev.hypha.server.internal.App;
import dev.hypha.server.internal.ServerSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP server over one {@link Hypha}: the REST API under {@code /api} (flows, runs, signals,
 * cancellation, workers, a stream of events, and its OpenAPI document at {@code
 * /api/openapi.json}), and the web dashboard at {@code /} when its files are on the class path.
 *
 * <pre>{@code
 * try (Hypha hypha = Hypha.connect("runs.db");
 *     HyphaServer server = HyphaServer.builder(hypha).port(8080).tokenFromEnvironment().start()) {
 *   System.out.println("serving " + server.uri());
 *   ...
 * }
 * }</pre>
 *
 * <p>The Hypha may be embedded (it executes the runs it starts) or a client of a shared store
 * (workers in other processes execute them); the server only reads and writes through it, and never
 * closes it. Everything the API sends and accepts is described in {@code docs/SERVER.md}.
 *
 * <p>Safe by default: it binds {@code 127.0.0.1}; it refuses to bind any other address without a
 * bearer token; with a token, every mutating request (POST) must carry it, while reading (GET)
 * stays open; cross-origin browser requests are refused unless their origin is listed in {@link
 * Builder#allowedOrigins(List)}.
 *
 * <p>Thread-safe. {@link #close()} stops serving (ending open event streams) and is idempotent.
 */
public final class HyphaServer implements AutoCloseable {
  /** The port {@link Builder#port(int)} defaults to. */
  public static final int DEFAULT_PORT = 7070;

  /** The environment variable {@link Builder#tokenFromEnvironment()} reads. */
  public static final String TOKEN_VARIABLE = "HYPHA_TOKEN";

  private final App app;
  private final URI uri;

  private HyphaServer(App app, URI uri) {
    this.app = app;
    this.uri = uri;
  }

  /** Settings for a server over {@code hypha}; {@link Builder#start()} starts it. */
  public static Builder builder(Hypha hypha) {
    return new Builder(Objects.requireNonNull(hypha, "hypha"));
  }

  /** Where the server listens, e.g. {@code http://127.0.0.1:7070/}. */
  public URI uri() {
    return uri;
  }

  /** The port it is bound to: the one asked for, or the free port chosen for {@code port(0)}. */
  public int port() {
    return app.port();
  }

  /** The routes registered with the HTTP framework, as {@code "GET /api/flows"}; for tests. */
  List<String> routes() {
    return app.routes();
  }

  /** Stops serving: open event streams end, then the listener closes. The Hypha stays open. */
  @Override
  public void close() {
    app.stop();
  }

  @Override
  public String toString() {
    return "HyphaServer[" + uri + "]";
  }

  /** Settings for a {@link HyphaServer}. Not thread-safe. */
  public static final class Builder {
    private final Hypha hypha;
    private String host = "127.0.0.1";
    private int port = DEFAULT_PORT;
    private String token;
    private long maxBodyBytes = 1024 * 1024;
    private List<String> allowedOrigins = List.of();
    private Duration eventPollInterval = Duration.ofMillis(200);
    private Duration heartbeat = Duration.ofSeconds(15);
    private int maxEventStreams = 64;

    private Builder(Hypha hypha) {
      this.hypha = hypha;
    }

    /**
     * The address to bind: a host name or an IP literal; {@code 127.0.0.1} by default. An address
     * that is not a loopback address (such as {@code 0.0.0.0}) is refused without a {@link
     * #token(String) token}.
     */
    public Builder host(String host) {
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new InvalidConfigurationException(
            "host is blank; give an address to bind such as 127.0.0.1 (the default)");
      }
      this.host = host.trim();
      return this;
    }

    /** The port to bind, {@value HyphaServer#DEFAULT_PORT} by default; 0 picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new InvalidConfigurationException(
            "port must be between 0 and 65535 (0 picks a free port), was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The bearer token that mutating requests (every POST) must carry as {@code Authorization:
     * Bearer <token>}; without one, anybody who can reach the server may start and cancel runs. Use
     * a long random value (32 characters or more). Reading (GET) never needs it.
     *
     * @throws InvalidConfigurationException if it is blank or contains whitespace or control
     *     characters, which an HTTP header cannot carry
     */
    public Builder token(String bearerToken) {
      Objects.requireNonNull(bearerToken, "bearerToken");
      this.token = checkToken(bearerToken, "token(...)");
      return this;
    }

    /**
     * The token of {@link #token(String)} from the environment variable {@value
     * HyphaServer#TOKEN_VARIABLE}, if it is set; when it is not, the token stays as it was (none by
     * default). This keeps the token out of command lines, which other users of the machine can
     * read.
     *
     * @throws InvalidConfigurationException if the variable is set but blank or not a valid token
     */
    public Builder tokenFromEnvironment() {
      return tokenFromEnvironment(System.getenv());
    }

    /** {@link #tokenFromEnvironment()} over {@code environment}, for tests. */
    Builder tokenFromEnvironment(Map<String, String> environment) {
      String value = environment.get(TOKEN_VARIABLE);
      if (value != null) {
        this.token = checkToken(value, "the environment variable " + TOKEN_VARIABLE);
      }
      return this;
    }

    /**
     * The token of {@link #token(String)} from the first line of {@code file} (UTF-8; surrounding
     * whitespace and the line break are dropped). Keep the file readable by its owner only.
     *
     * @throws InvalidConfigurationException if the file cannot be read or holds no valid token
     */
    public Builder tokenFile(Path file) {
      Objects.requireNonNull(file, "file");
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        throw new InvalidConfigurationException(
            "cannot read the token file "
                + file.toAbsolutePath()
                + " ("
                + e.getMessage()
                + "); create it with the token on its first line, readable by this process");
      }
      String firstLine = text.lines().findFirst().orElse("");
      this.token = checkToken(firstLine, "the token file " + file.toAbsolutePath());
      return this;
    }

    /**
     * The largest request body accepted, 1 MiB by default; a larger one is answered 413 without
     * being read further.
     */
    public Builder maxBodyBytes(long bytes) {
      if (bytes < 1) {
        throw new InvalidConfigurationException("maxBodyBytes must be at least 1, was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * The web origins (such as {@code https://ops.example.com}) whose pages may call the API from a
     * browser: they get CORS headers, and their POSTs are not refused as cross-site. None by
     * default: a page of another origin can neither read the API's answers nor make changes.
     *
     * @throws InvalidConfigurationException for {@code *} or a value that is not {@code
     *     scheme://host[:port]}
     */
    public Builder allowedOrigins(List<String> origins) {
      Objects.requireNonNull(origins, "origins");
      List<String> checked = new ArrayList<>();
      for (String origin : origins) {
        checked.add(ServerSettings.checkOrigin(origin));
      }
      this.allowedOrigins = List.copyOf(checked);
      return this;
    }

    /**
     * How often the event stream ({@code GET /api/events}) reads the store for changes; 200 ms by
     * default. Shorter intervals show changes sooner and read the store more often.
     */
    public Builder eventPollInterval(Duration interval) {
      Objects.requireNonNull(interval, "interval");
      if (interval.compareTo(Duration.ofMillis(10)) < 0) {
        throw new InvalidConfigurationException(
            "eventPollInterval must be at least 10 ms, was " + interval);
      }
      this.eventPollInterval = interval;
      return this;
    }

    /** How long an event stream may stay silent before a heartbeat comment; for tests. */
    Builder heartbeat(Duration heartbeat) {
      this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
      return this;
    }

    /** How many event streams may be open at once (each holds a thread); for tests. */
    Builder maxEventStreams(int streams) {
      this.maxEventStreams = streams;
      return this;
    }

    /**
     * Binds the address and starts serving.
     *
     * @throws InvalidConfigurationException if the host is not a loopback address and no token is
     *     set, the host does not resolve, or the port is taken or cannot be bound
     */
    public HyphaServer start() {
      InetAddress address;
      try {
        address = InetAddress.getByName(host);
      } catch (UnknownHostException e) {
        throw new InvalidConfigurationException(
            "host " + host + " does not resolve to an address; give an IP address or a known name");
      }
      if (!address.isLoopbackAddress() && token == null) {
        throw new InvalidConfigurationException(
            "refusing to serve on "
                + host
                + " without a token: any machine that reaches that address could start and cancel"
                + " runs; set a token (token(...), tokenFile(path), or the "
                + TOKEN_VARIABLE
                + " environment variable with tokenFromEnvironment()), or bind 127.0.0.1");
      }
      ServerSettings settings =
          new ServerSettings(
              host,
              address.isLoopbackAddress(),
              port,
              token,
              maxBodyBytes,
              allowedOrigins,
              eventPollInterval,
              heartbeat,
              maxEventStreams);
      App app = App.start(hypha, settings);
      String uriHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
      return new HyphaServer(app, URI.create("http://" + uriHost + ":" + app.port() + "/"));
    }

    private static String checkToken(String token, String source) {
      String trimmed = token.strip();
      if (trimmed.isEmpty()) {
        throw new InvalidConfigurationException(
            source + " gives an empty token; put a long random value there, or leave it unset");
      }
      for (int i = 0; i < trimmed.length(); i++) {
        char c = trimmed.charAt(i);
        if (c <= ' ' || c == 0x7f || c > '~') {
          throw new InvalidConfigurationException(
              source
                  + " gives a token with whitespace, control or non-ASCII characters, which an"
                  + " Authorization header cannot carry; use letters, digits and punctuation");
        }
      }
      return trimmed;
    }
  }
}
