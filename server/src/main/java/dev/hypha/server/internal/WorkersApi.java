package dev.hypha.server.internal;

import dev.hypha.runtime.Hypha;
import io.javalin.Javalin;
import io.javalin.http.Context;

/** {@code /api/workers}: the worker processes of a shared store (none for an embedded store). */
final class WorkersApi {
  private final Hypha hypha;

  WorkersApi(Hypha hypha) {
    this.hypha = hypha;
  }

  void register(Javalin app) {
    app.get("/api/workers", this::list);
  }

  private void list(Context ctx) {
    App.json(
        ctx,
        200,
        JsonViews.list(
            "workers", hypha.history().workers().stream().map(JsonViews::worker).toList()));
  }
}
