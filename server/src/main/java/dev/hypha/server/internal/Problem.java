package dev.hypha.server.internal;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hypha.runtime.CorruptRecordException;
import dev.hypha.runtime.FlowNotBoundException;
import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.InvalidConfigurationException;
import dev.hypha.runtime.InvalidInputException;
import dev.hypha.runtime.InvalidQueryException;
import dev.hypha.runtime.RunEndedException;
import dev.hypha.runtime.RunNotRetryableException;
import dev.hypha.runtime.StoreException;
import dev.hypha.runtime.UnknownFlowException;
import dev.hypha.runtime.UnknownRunException;
import dev.hypha.runtime.UnknownSignalException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An error answer of the API as RFC 9457 {@code application/problem+json}: every problem type the
 * server sends, the mapping of the runtime's exceptions to them, and the writing. Thrown by route
 * handlers; never carries a stack trace or an exception class name to the client.
 */
public final class Problem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(Problem.class);

  /** Where problem types live; a type is this followed by its slug. */
  public static final String TYPE_BASE = "https://hypha.dev/problems/";

  /** The content type of every error answer. */
  public static final String CONTENT_TYPE = "application/problem+json";

  private final int status;
  private final String slug;
  private final String title;
  private final String detail;
  private final transient Map<String, Object> members = new LinkedHashMap<>();
  private final transient Map<String, String> headers = new LinkedHashMap<>();

  private Problem(int status, String slug, String title, String detail) {
    super(slug + ": " + detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.detail = detail;
  }

  private Problem with(String member, Object value) {
    members.put(member, value);
    return this;
  }

  private Problem header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  /** The last part of the problem's type URI, such as {@code unknown-run}. */
  public String slug() {
    return slug;
  }

  // ---- the problem types ----

  static Problem routeNotFound(String method, String path) {
    return new Problem(
        404,
        "not-found",
        "No such resource",
        "nothing is served at " + method + " " + path + "; GET /api/openapi.json lists the API");
  }

  static Problem methodNotAllowed(String method, String path, String allowed) {
    return new Problem(
            405,
            "method-not-allowed",
            "Method not allowed",
            path + " does not take " + method + "; it takes " + allowed)
        .header("Allow", allowed);
  }

  static Problem unknownRun(String id) {
    return new Problem(
            404,
            "unknown-run",
            "Unknown run",
            "the store holds no run " + id + "; list runs with GET /api/runs")
        .with("run", id);
  }

  static Problem unknownFlow(String name, String message) {
    return new Problem(404, "unknown-flow", "Unknown flow", message).with("flow", name);
  }

  static Problem invalidInput(String detail, String field, String expectedType) {
    return new Problem(400, "invalid-input", "Input does not fit", detail)
        .with("field", field)
        .with("expectedType", expectedType);
  }

  static Problem malformedJson(String detail) {
    return new Problem(400, "malformed-json", "Malformed JSON", detail);
  }

  static Problem invalidParameter(String parameter, String detail) {
    return new Problem(400, "invalid-parameter", "Invalid parameter", detail)
        .with("parameter", parameter);
  }

  static Problem unauthorized(String detail, boolean tokenGiven) {
    return new Problem(401, "unauthorized", "Bearer token required", detail)
        .header(
            "WWW-Authenticate",
            tokenGiven
                ? "Bearer realm=\"hypha\", error=\"invalid_token\""
                : "Bearer realm=\"hypha\"");
  }

  static Problem forbidden(String slug, String title, String detail) {
    return new Problem(403, slug, title, detail);
  }

  static Problem contentTooLarge(long limit) {
    return new Problem(
            413,
            "content-too-large",
            "Request body too large",
            "the request body is larger than this server's limit of "
                + limit
                + " bytes; send less, or start the server with a larger maxBodyBytes")
        .with("maxBodyBytes", limit);
  }

  static Problem unsupportedMediaType(String given) {
    return new Problem(
        415,
        "unsupported-media-type",
        "Unsupported media type",
        (given == null || given.isBlank()
                ? "the request has no Content-Type"
                : "the request's Content-Type is " + given)
            + "; send the body as JSON with Content-Type: application/json");
  }

  static Problem runEnded(RunEndedException e) {
    return new Problem(409, "run-ended", "Run has ended", e.getMessage())
        .with("run", e.runId().value())
        .with("state", e.state().name());
  }

  static Problem notPossibleHere(String message) {
    return new Problem(409, "not-possible-here", "Not possible on this server's store", message);
  }

  static Problem notRetryable(RunNotRetryableException e) {
    return new Problem(409, "not-retryable", "Run cannot be retried", e.getMessage())
        .with("run", e.runId().value());
  }

  static Problem tooManyStreams(int limit) {
    return new Problem(
            503,
            "too-many-streams",
            "Too many event streams",
            "this server already serves "
                + limit
                + " event streams, its limit; close one, or retry later")
        .header("Retry-After", "5");
  }

  static Problem unavailable(String slug, String title, String message) {
    return new Problem(503, slug, title, message).header("Retry-After", "5");
  }

  static Problem internal() {
    return new Problem(
        500,
        "internal-error",
        "Internal server error",
        "the server failed to answer this request; its log has the details");
  }

  // ---- mapping ----

  /**
   * The problem for {@code error}, thrown while answering {@code ctx}: the runtime's exceptions by
   * kind, the HTTP framework's own errors (no route, wrong method, body too large) by status, and
   * anything else as a 500 whose details go to the log only.
   */
  static Problem of(Exception error, Context ctx) {
    if (error instanceof Problem problem) {
      return problem;
    }
    if (error instanceof UnknownRunException e) {
      return unknownRun(e.runId().value());
    }
    if (error instanceof UnknownFlowException e) {
      return unknownFlow(e.flow(), e.getMessage());
    }
    if (error instanceof UnknownSignalException e) {
      return new Problem(404, "unknown-signal", "Unknown signal", e.getMessage())
          .with("signal", e.signal());
    }
    if (error instanceof InvalidInputException e) {
      return invalidInput(e);
    }
    if (error instanceof InvalidQueryException e) {
      return invalidParameter(e.parameter(), e.getMessage());
    }
    if (error instanceof RunEndedException e) {
      return runEnded(e);
    }
    if (error instanceof RunNotRetryableException e) {
      return notRetryable(e);
    }
    if (error instanceof FlowNotBoundException || error instanceof InvalidConfigurationException) {
      return notPossibleHere(error.getMessage());
    }
    if (error instanceof CorruptRecordException) {
      return logged(error, ctx);
    }
    if (error instanceof StoreException) {
      LOG.warn("{} {}: the store is unavailable", ctx.method(), ctx.path(), error);
      return unavailable("store-unavailable", "Store unavailable", error.getMessage());
    }
    if (error.getClass() == HyphaException.class) {
      // The base class marks a closed or stopped engine; its message says what to do.
      return unavailable("engine-unavailable", "Engine unavailable", error.getMessage());
    }
    if (error instanceof HttpResponseException e) {
      return framework(e, ctx);
    }
    return logged(error, ctx);
  }

  private static Problem logged(Exception error, Context ctx) {
    LOG.error("{} {} failed", ctx.method(), ctx.path(), error);
    return internal();
  }

  private static Problem framework(HttpResponseException e, Context ctx) {
    return switch (e.getStatus()) {
      case 404 -> routeNotFound(ctx.method().name(), ctx.path());
      case 405 ->
          methodNotAllowed(
              ctx.method().name(),
              ctx.path(),
              e.getDetails().values().stream().findFirst().orElse("GET"));
      default -> {
        if (e.getStatus() >= 500) {
          yield logged(e, ctx);
        }
        yield new Problem(
            e.getStatus(), "http-" + e.getStatus(), "Request refused", e.getMessage());
      }
    };
  }

  /**
   * The field at fault as a JSON pointer ({@code /lines/0/quantity}, {@code ""} for the whole body)
   * and the type expected there: Jackson's path and target type where the cause has them, else the
   * whole input and the declared type.
   */
  private static Problem invalidInput(InvalidInputException e) {
    String field = "";
    String expected = e.expectedType();
    if (e.getCause() instanceof JsonMappingException mapping) {
      StringBuilder pointer = new StringBuilder();
      for (JsonMappingException.Reference reference : mapping.getPath()) {
        pointer.append('/');
        if (reference.getFieldName() != null) {
          pointer.append(reference.getFieldName().replace("~", "~0").replace("/", "~1"));
        } else if (reference.getIndex() >= 0) {
          pointer.append(reference.getIndex());
        }
      }
      field = pointer.toString();
      if (mapping instanceof MismatchedInputException mismatch
          && mismatch.getTargetType() != null) {
        expected = mismatch.getTargetType().getTypeName();
      }
    }
    return invalidInput(e.getMessage(), field, expected);
  }

  // ---- writing ----

  /**
   * A request Jetty refused before it reached the API (not valid HTTP, headers too large), or an
   * error Jetty answers itself: {@code reason} is its short text, which names no class.
   */
  static Problem http(int status, String reason) {
    String text = reason == null || reason.isBlank() ? "HTTP " + status : reason;
    return new Problem(
        status,
        status == 431 ? "headers-too-large" : "bad-request",
        "Request refused",
        "the request is not one this server can read (" + text + "); send a valid HTTP request");
  }

  /** The problem as JSON text. */
  String body() {
    ObjectNode body = JsonViews.MAPPER.createObjectNode();
    body.put("type", TYPE_BASE + slug);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    members.forEach((name, value) -> body.set(name, JsonViews.MAPPER.valueToTree(value)));
    return JsonViews.text(body);
  }

  /** Answers {@code ctx} with this problem. */
  void write(Context ctx) {
    headers.forEach(ctx::header);
    ctx.status(status).contentType(CONTENT_TYPE).result(body());
  }
}
