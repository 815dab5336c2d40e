package dev.hypha.server.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Set;

/**
 * What every request passes before its route: security headers on every answer, the Host check of a
 * loopback server (against DNS rebinding), CORS for the allowed origins, and for mutating requests
 * the cross-site check, the bearer token and the declared body size.
 */
final class RequestGuards {
  private static final Set<HandlerType> SAFE =
      Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

  /** Fit for a self-contained dashboard: its own scripts, styles, images and API, nothing else. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  private final ServerSettings settings;
  private final byte[] tokenDigest;

  RequestGuards(ServerSettings settings) {
    this.settings = settings;
    this.tokenDigest = settings.token() == null ? null : sha256(settings.token());
  }

  /** The before-handler of every request. */
  void check(Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    if (ctx.path().startsWith("/api/")) {
      ctx.header("Cache-Control", "no-store");
    }
    checkHost(ctx);
    String origin = ctx.header("Origin");
    boolean allowedOrigin = origin != null && settings.allowedOrigins().contains(origin);
    if (allowedOrigin) {
      ctx.header("Access-Control-Allow-Origin", origin);
      ctx.header("Access-Control-Expose-Headers", "Location, WWW-Authenticate, Retry-After");
    }
    if (!settings.allowedOrigins().isEmpty()) {
      ctx.header("Vary", "Origin");
    }
    if (allowedOrigin
        && ctx.method() == HandlerType.OPTIONS
        && ctx.header("Access-Control-Request-Method") != null) {
      // A preflight from an allowed origin: answered here, for every route.
      ctx.header("Access-Control-Allow-Methods", "GET, POST");
      ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Idempotency-Key");
      ctx.header("Access-Control-Max-Age", "600");
      ctx.status(204);
      ctx.skipRemainingHandlers();
      return;
    }
    if (SAFE.contains(ctx.method())) {
      return;
    }
    if (origin != null && !allowedOrigin && !origin.equals(ownOrigin(ctx))) {
      throw Problem.forbidden(
          "cross-origin",
          "Cross-origin request refused",
          "a page of "
              + origin
              + " may not change anything here; start the server with that origin in"
              + " allowedOrigins if it should");
    }
    authenticate(ctx);
    if (Bodies.declaresMoreThan(ctx, settings.maxBodyBytes())) {
      throw Problem.contentTooLarge(settings.maxBodyBytes());
    }
  }

  /**
   * On a loopback address only names of this machine may reach the server: a web page whose own
   * name was made to resolve to 127.0.0.1 (DNS rebinding) still sends its name as Host.
   */
  private void checkHost(Context ctx) {
    String host = ctx.header("Host");
    if (!settings.loopback() || host == null) {
      return;
    }
    String name = hostName(host);
    boolean local =
        name.equals("localhost")
            || name.endsWith(".localhost")
            || name.startsWith("127.")
            || name.equals("[::1]")
            || name.equals(settings.host().toLowerCase(Locale.ROOT));
    if (!local) {
      throw Problem.forbidden(
          "host-not-allowed",
          "Host not allowed",
          "this server listens on a loopback address and answers only to localhost or 127.0.0.1,"
              + " not to "
              + host
              + "; use http://127.0.0.1:<port>/, or bind another address with a token");
    }
  }

  private void authenticate(Context ctx) {
    if (tokenDigest == null) {
      return;
    }
    String authorization = ctx.header("Authorization");
    if (authorization == null || authorization.isBlank()) {
      throw Problem.unauthorized(
          "this server needs a bearer token for changes; send Authorization: Bearer <token>",
          false);
    }
    String given = "";
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      given = authorization.substring(7).strip();
    }
    // Digests of equal length, compared in constant time: neither content nor length leaks.
    if (!MessageDigest.isEqual(tokenDigest, sha256(given))) {
      throw Problem.unauthorized(
          "the bearer token is not this server's; send Authorization: Bearer <token> with the"
              + " token the server was started with",
          true);
    }
  }

  private static String ownOrigin(Context ctx) {
    String host = ctx.header("Host");
    return host == null ? null : "http://" + host.toLowerCase(Locale.ROOT);
  }

  private static String hostName(String host) {
    String lower = host.trim().toLowerCase(Locale.ROOT);
    if (lower.startsWith("[")) {
      int end = lower.indexOf(']');
      return end < 0 ? lower : lower.substring(0, end + 1);
    }
    int colon = lower.indexOf(':');
    return colon < 0 ? lower : lower.substring(0, colon);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
