package dev.hypha.server.internal;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.UnknownFlowException;
import dev.hypha.runtime.spi.FlowDescriptor;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/**
 * {@code /api/flows}: the flows this server knows, and starting a run of one with JSON input.
 *
 * <p>An {@code Idempotency-Key} makes a start idempotent: the server first looks the key up and
 * answers 200 with the run it started; otherwise it starts one with that key (the runtime keeps one
 * run per flow and key). Two first requests with one key that race may therefore both get 201,
 * naming the same run.
 */
final class FlowsApi {
  private final Hypha hypha;
  private final long maxBodyBytes;

  FlowsApi(Hypha hypha, long maxBodyBytes) {
    this.hypha = hypha;
    this.maxBodyBytes = maxBodyBytes;
  }

  void register(Javalin app) {
    app.get("/api/flows", this::list);
    app.get("/api/flows/{name}", this::show);
    app.post("/api/flows/{name}/runs", this::start);
  }

  private void list(Context ctx) {
    App.json(
        ctx, 200, JsonViews.list("flows", hypha.flows().stream().map(JsonViews::flow).toList()));
  }

  private void show(Context ctx) {
    App.json(ctx, 200, JsonViews.flow(flow(ctx.pathParam("name"))));
  }

  private void start(Context ctx) {
    FlowDescriptor flow = flow(ctx.pathParam("name"));
    String key = ctx.header("Idempotency-Key");
    if (key != null && key.isBlank()) {
      throw Problem.invalidParameter(
          "Idempotency-Key",
          "the Idempotency-Key header is blank; send a business key such as an order id, or leave"
              + " the header out");
    }
    Bodies.Json body = Bodies.json(ctx, maxBodyBytes);
    if (body.tree().isNull() && !flow.input().isVoid()) {
      throw Problem.invalidInput(
          "the input of flow " + flow.name() + " is null; send a " + flow.input(),
          "",
          flow.input().toString());
    }
    if (key != null) {
      Optional<RunSummary> earlier = hypha.history().byKey(flow.name(), key);
      if (earlier.isPresent()) {
        answer(ctx, 200, earlier.get());
        return;
      }
    }
    Run<Object> run =
        key == null
            ? hypha.start(flow.name(), body.text())
            : hypha.start(flow.name(), body.text(), key);
    RunSummary started =
        hypha
            .history()
            .summary(run.id())
            .orElseThrow(
                () -> new IllegalStateException("run " + run.id() + " was started but not found"));
    answer(ctx, 201, started);
  }

  private static void answer(Context ctx, int status, RunSummary run) {
    ctx.header("Location", "/api/runs/" + run.id().value());
    App.json(ctx, status, JsonViews.summary(run));
  }

  private FlowDescriptor flow(String name) {
    List<FlowDescriptor> flows = hypha.flows();
    return flows.stream()
        .filter(flow -> flow.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new UnknownFlowException(name, flows.stream().map(FlowDescriptor::name).toList()));
  }
}
