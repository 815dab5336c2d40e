package dev.hypha.server.internal;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The API's description: {@code /api/openapi.json}, and at {@code /} a plain page listing the entry
 * points when no dashboard is on the class path (with one, its {@code index.html} is served there).
 */
final class DocsApi {
  /** The OpenAPI document, a resource beside this class's package. */
  static final String OPENAPI_RESOURCE = "/dev/hypha/server/openapi.json";

  private static final String INDEX =
      """
      <!DOCTYPE html>
      <html lang="en">
      <head><meta charset="utf-8"><title>Hypha server</title></head>
      <body>
      <h1>Hypha server</h1>
      <p>This server has no dashboard on its class path. Its REST API:</p>
      <ul>
      <li><a href="/api/flows">GET /api/flows</a>: the flows it knows</li>
      <li>POST /api/flows/{name}/runs: start a run with the flow's input as JSON</li>
      <li><a href="/api/runs">GET /api/runs</a>: runs, newest first
        (flow, state, from, to, limit, after)</li>
      <li>GET /api/runs/{id}: a run with its tasks</li>
      <li>POST /api/runs/{id}/cancel, POST /api/runs/{id}/signals/{name}</li>
      <li><a href="/api/workers">GET /api/workers</a>: worker processes of a shared store</li>
      <li>GET /api/events: server-sent events of runs (<code>?run={id}</code>: one run's tasks)</li>
      <li><a href="/api/openapi.json">GET /api/openapi.json</a>: the OpenAPI 3.1 description</li>
      </ul>
      </body>
      </html>
      """;

  private final String openApi;
  private final boolean dashboard;

  DocsApi(boolean dashboard) {
    this.dashboard = dashboard;
    try (InputStream in = DocsApi.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPENAPI_RESOURCE + " is missing from the server's jar");
      }
      this.openApi = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
    }
  }

  void register(Javalin app) {
    app.get("/api/openapi.json", this::openApi);
    if (!dashboard) {
      app.get("/", this::index);
    }
  }

  private void openApi(Context ctx) {
    ctx.status(200).contentType("application/json").result(openApi);
  }

  private void index(Context ctx) {
    ctx.status(200).contentType("text/html; charset=utf-8").result(INDEX);
  }
}
