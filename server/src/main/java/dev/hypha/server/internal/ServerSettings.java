package dev.hypha.server.internal;

import dev.hypha.runtime.InvalidConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What {@code HyphaServer.Builder} collected, checked.
 *
 * @param host the address to bind, as given
 * @param loopback whether it is a loopback address (then Host headers are checked)
 * @param port the port to bind, 0 for a free one
 * @param token the bearer token mutating requests need, or null for none
 * @param maxBodyBytes the largest request body read
 * @param allowedOrigins the origins browsers may call from, normalised ({@code scheme://host:port})
 * @param eventPollInterval how often the event feed reads the store
 * @param heartbeat how long an event stream stays silent before a comment
 * @param maxEventStreams how many event streams may be open at once
 */
public record ServerSettings(
    String host,
    boolean loopback,
    int port,
    String token,
    long maxBodyBytes,
    List<String> allowedOrigins,
    Duration eventPollInterval,
    Duration heartbeat,
    int maxEventStreams) {

  public ServerSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  /**
   * {@code origin} in the form browsers send in {@code Origin}: lower-case scheme and host, and the
   * port only when it is not the scheme's default.
   *
   * @throws InvalidConfigurationException if it is not {@code http(s)://host[:port]}
   */
  public static String checkOrigin(String origin) {
    if (origin == null || origin.isBlank()) {
      throw new InvalidConfigurationException(
          "an allowed origin is blank; give origins like https://ops.example.com");
    }
    if (origin.trim().equals("*")) {
      throw new InvalidConfigurationException(
          "allowedOrigins does not take '*': any web page could then call the API; list the"
              + " origins of the pages that may, like https://ops.example.com");
    }
    URI uri;
    try {
      uri = new URI(origin.trim());
    } catch (URISyntaxException e) {
      throw notAnOrigin(origin);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare =
        (uri.getRawPath() == null || uri.getRawPath().isEmpty())
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null
            && uri.getRawUserInfo() == null;
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
      throw notAnOrigin(origin);
    }
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    return scheme
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port);
  }

  private static InvalidConfigurationException notAnOrigin(String origin) {
    return new InvalidConfigurationException(
        "'"
            + origin
            + "' is not a web origin; write scheme://host[:port] without a path or a trailing"
            + " slash, like https://ops.example.com or http://localhost:3000");
  }
}
