package dev.hypha.server.internal;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.InvalidQueryException;
import dev.hypha.runtime.Page;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code /api/runs}: the history (a page at a time), one run's detail, cancel, signal, retry. */
final class RunsApi {
  private static final Set<String> QUERY_PARAMETERS =
      Set.of("flow", "state", "from", "to", "limit", "after");

  /** {@code RunQuery}'s names for its parts, as the API's parameters call them. */
  private static final Map<String, String> PARAMETER_NAMES =
      Map.of("startedFrom", "from", "startedBefore", "to", "states", "state");

  private final Hypha hypha;
  private final long maxBodyBytes;

  RunsApi(Hypha hypha, long maxBodyBytes) {
    this.hypha = hypha;
    this.maxBodyBytes = maxBodyBytes;
  }

  void register(Javalin app) {
    app.get("/api/runs", this::list);
    app.get("/api/runs/{id}", this::show);
    app.post("/api/runs/{id}/cancel", this::cancel);
    app.post("/api/runs/{id}/signals/{name}", this::signal);
    app.post("/api/runs/{id}/retry", this::retry);
  }

  private void list(Context ctx) {
    Map<String, List<String>> parameters = ctx.queryParamMap();
    for (String name : parameters.keySet()) {
      if (!QUERY_PARAMETERS.contains(name)) {
        throw Problem.invalidParameter(
            name,
            "GET /api/runs has no parameter '"
                + name
                + "'; it takes flow, state, from, to, limit and after");
      }
    }
    RunQuery.Builder query = RunQuery.builder();
    once(parameters, "flow").ifPresent(query::flow);
    for (String states : parameters.getOrDefault("state", List.of())) {
      for (String state : states.split(",")) {
        if (!state.isBlank()) {
          query.state(state(state.trim()));
        }
      }
    }
    once(parameters, "from").ifPresent(from -> query.startedFrom(instant("from", from)));
    once(parameters, "to").ifPresent(to -> query.startedBefore(instant("to", to)));
    once(parameters, "limit").ifPresent(limit -> query.limit(limit(limit)));
    once(parameters, "after").ifPresent(query::after);
    Page<RunSummary> page;
    try {
      page = hypha.history().find(query.build());
    } catch (InvalidQueryException e) {
      throw Problem.invalidParameter(
          PARAMETER_NAMES.getOrDefault(e.parameter(), e.parameter()), e.getMessage());
    }
    App.json(ctx, 200, JsonViews.page(page));
  }

  private void show(Context ctx) {
    RunId id = runId(ctx);
    App.json(
        ctx,
        200,
        JsonViews.detail(
            hypha.history().detail(id).orElseThrow(() -> Problem.unknownRun(id.value()))));
  }

  private void cancel(Context ctx) {
    RunId id = runId(ctx);
    boolean cancelled = hypha.cancel(id);
    RunSummary run = hypha.history().summary(id).orElseThrow(() -> Problem.unknownRun(id.value()));
    App.json(
        ctx,
        200,
        JsonViews.MAPPER
            .createObjectNode()
            .put("cancelled", cancelled)
            .set("run", JsonViews.summary(run)));
  }

  private void signal(Context ctx) {
    RunId id = runId(ctx);
    String name = ctx.pathParam("name");
    Bodies.Json payload = Bodies.json(ctx, maxBodyBytes);
    hypha.signal(id, name, payload.text());
    App.json(
        ctx, 202, JsonViews.MAPPER.createObjectNode().put("run", id.value()).put("signal", name));
  }

  /** Reopens a FAILED run ({@code Hypha.retry}) and answers with the run, RUNNING again. */
  private void retry(Context ctx) {
    RunId id = runId(ctx);
    hypha.retry(id);
    RunSummary run = hypha.history().summary(id).orElseThrow(() -> Problem.unknownRun(id.value()));
    App.json(ctx, 200, JsonViews.MAPPER.createObjectNode().set("run", JsonViews.summary(run)));
  }

  static RunId runId(Context ctx) {
    return runId("id", ctx.pathParam("id"));
  }

  static RunId runId(String parameter, String text) {
    try {
      return RunId.of(text);
    } catch (InvalidQueryException e) {
      throw Problem.invalidParameter(parameter, e.getMessage());
    }
  }

  private static java.util.Optional<String> once(
      Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw Problem.invalidParameter(
          name, "parameter '" + name + "' is given " + values.size() + " times; give it once");
    }
    // An empty value (as a form sends for an empty field) is the same as none.
    return values.stream().filter(value -> !value.isBlank()).map(String::trim).findFirst();
  }

  private static RunState state(String text) {
    try {
      return RunState.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Problem.invalidParameter(
          "state",
          "'"
              + text
              + "' is not a run state; use "
              + String.join(", ", Arrays.stream(RunState.values()).map(Enum::name).toList())
              + ", several separated by commas");
    }
  }

  private static Instant instant(String parameter, String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw Problem.invalidParameter(
          parameter,
          parameter
              + " '"
              + text
              + "' is not an ISO-8601 instant; write it in UTC like 2024-05-01T12:00:00Z");
    }
  }

  private static int limit(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw Problem.invalidParameter(
          "limit",
          "limit '"
              + text
              + "' is not a whole number; give 1 to "
              + RunQuery.MAX_LIMIT
              + " (default "
              + RunQuery.DEFAULT_LIMIT
              + ")");
    }
  }
}
