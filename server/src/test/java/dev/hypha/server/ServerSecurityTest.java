package dev.hypha.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.InvalidConfigurationException;
import dev.hypha.runtime.RunQuery;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safety: binding, tokens, CORS and cross-site checks, the Host check, headers, error answers. */
class ServerSecurityTest {
  private static final String TOKEN = "t0k3n-Of-Thirty-Two-Characters-x";
  private static final String PARCEL = "{\"id\":\"p1\",\"weight\":3,\"items\":[]}";

  @TempDir Path dir;
  private Hypha hypha;
  private HyphaServer server;
  private Api api;

  @BeforeEach
  void start() {
    hypha =
        Hypha.builder().path(dir.resolve("runs.db")).shutdownGrace(Duration.ofSeconds(2)).open();
    server = HyphaServer.builder(hypha).port(0).start();
    api = new Api(server);
  }

  @AfterEach
  void stop() {
    server.close();
    hypha.close();
  }

  @Test
  void itBindsTheLoopbackAddressByDefault() {
    assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
    assertThat(server.port()).isPositive();
  }

  @Test
  void everyAnswerCarriesTheSecurityHeadersAndNoServerVersion() {
    for (Api.Response response :
        List.of(
            api.get("/"),
            api.get("/api/flows"),
            api.get("/api/nothing"),
            api.post("/api/flows/nope/runs", "{}"),
            api.send("DELETE", "/api/runs", java.net.http.HttpRequest.BodyPublishers.noBody()))) {
      assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(response.header("Content-Security-Policy"))
          .startsWith("default-src 'self'")
          .contains("frame-ancestors 'none'");
      assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
      assertThat(response.header("Server")).isNull();
    }
  }

  @Test
  void unknownRoutesAre404AndWrongMethods405AsProblems() {
    Api.Response missing = api.get("/api/nothing");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(missing.problem()).isEqualTo("not-found");
    assertThat(missing.json().get("detail").asText()).contains("/api/nothing", "openapi.json");
    assertThat(api.get("/favicon.ico").problem()).isEqualTo("not-found");

    Api.Response delete =
        api.send("DELETE", "/api/runs", java.net.http.HttpRequest.BodyPublishers.noBody());
    assertThat(delete.status()).isEqualTo(405);
    assertThat(delete.problem()).isEqualTo("method-not-allowed");
    assertThat(delete.header("Allow")).isEqualTo("GET");

    Api.Response getCancel = api.get("/api/runs/0192f1c4-8b3a-7e21-9c40-5d2f6a7b8c9d/cancel");
    assertThat(getCancel.status()).isEqualTo(405);
    assertThat(getCancel.header("Allow")).isEqualTo("POST");
  }

  @Test
  void theRootIsTheDashboardOrWithoutOneAListOfTheApi() {
    Api.Response root = api.get("/");
    assertThat(root.status()).isEqualTo(200);
    assertThat(root.header("Content-Type")).startsWith("text/html");
    if (dashboardOnClassPath()) {
      assertThat(root.body()).contains("<script type=\"module\" src=\"js/app.js\">");
    } else {
      assertThat(root.body())
          .contains("/api/flows", "/api/runs", "/api/events", "/api/openapi.json");
    }
  }

  /** Whether the dashboard's files are on the class path (they are, in this module's tests). */
  static boolean dashboardOnClassPath() {
    return HyphaServer.class.getResource("/dev/hypha/server/dashboard/index.html") != null;
  }

  @Test
  void errorsNeverShowAStackTraceOrAnExceptionClass() {
    List<Api.Response> errors =
        List.of(
            api.post("/api/flows/parcels/runs", "{\"id\":\"p1\",\"weight\":\"x\",\"items\":[]}"),
            api.post("/api/flows/parcels/runs", "{"),
            api.get("/api/runs?limit=x"),
            api.get("/api/runs/zzz"),
            api.get("/api/nothing"));
    for (Api.Response error : errors) {
      assertThat(error.status()).isBetween(400, 499);
      assertThat(error.body())
          .doesNotContain("Exception")
          .doesNotContain("\tat ")
          .doesNotContain("jackson")
          .doesNotContain("javalin");
    }
  }

  @Test
  void requestsJettyRefusesAreProblemsToo() {
    Api.Response huge =
        api.raw("GET", "/nothing", Map.of("X-Padding", "p".repeat(20_000)), new byte[0]);
    assertThat(huge.status()).isEqualTo(431);
    assertThat(huge.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(huge.problem()).isEqualTo("headers-too-large");

    Api.Response illegal = api.raw("GET", "/nothing", Map.of("X-Bad", "a\u0001b"), new byte[0]);
    assertThat(illegal.status()).isEqualTo(400);
    assertThat(illegal.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(illegal.problem()).isEqualTo("bad-request");
    assertThat(illegal.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aHyphaClosedUnderTheServerAnswers503() {
    hypha.close();
    Api.Response response = api.post("/api/flows/echo/runs", "\"late\"");
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.problem()).isEqualTo("engine-unavailable");
    assertThat(response.header("Retry-After")).isEqualTo("5");
    assertThat(response.json().get("detail").asText()).contains("closed");
    assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aNonLoopbackAddressIsRefusedWithoutAToken() {
    for (String host : List.of("0.0.0.0", "::")) {
      assertThatThrownBy(() -> HyphaServer.builder(hypha).host(host).port(0).start())
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("refusing to serve on " + host + " without a token")
          .hasMessageContaining("HYPHA_TOKEN")
          .hasMessageContaining("bind 127.0.0.1");
    }
    assertThatThrownBy(() -> HyphaServer.builder(hypha).host("no-such-host.invalid").start())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("does not resolve");
  }

  @Test
  void aTakenPortIsAClearError() {
    assertThatThrownBy(() -> HyphaServer.builder(hypha).port(server.port()).start())
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("cannot serve on 127.0.0.1:" + server.port())
        .hasMessageContaining("port(n)");
  }

  @Test
  void settingsOutOfRangeAreRefusedNamingTheFix() {
    HyphaServer.Builder builder = HyphaServer.builder(hypha);
    assertThatThrownBy(() -> builder.port(-1)).hasMessageContaining("between 0 and 65535");
    assertThatThrownBy(() -> builder.port(65_536)).hasMessageContaining("between 0 and 65535");
    assertThatThrownBy(() -> builder.host(" ")).hasMessageContaining("127.0.0.1");
    assertThatThrownBy(() -> builder.token(" ")).hasMessageContaining("empty token");
    assertThatThrownBy(() -> builder.token("two words")).hasMessageContaining("whitespace");
    assertThatThrownBy(() -> builder.maxBodyBytes(0)).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> builder.allowedOrigins(List.of("*")))
        .hasMessageContaining("does not take '*'");
    for (String origin : List.of("https://ops.example.com/", "ftp://ops.example.com", "ops")) {
      assertThatThrownBy(() -> builder.allowedOrigins(List.of(origin)))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("is not a web origin");
    }
    assertThatThrownBy(() -> builder.eventPollInterval(Duration.ofMillis(1)))
        .hasMessageContaining("at least 10 ms");
  }

  @Test
  void withATokenEveryPostNeedsItAndReadingStaysOpen() throws Exception {
    String waiting = startAndGetId(api, "approval", "{\"id\":\"r1\",\"amount\":5}");
    try (HyphaServer guarded = HyphaServer.builder(hypha).port(0).token(TOKEN).start()) {
      Api open = new Api(guarded);
      List<String[]> posts =
          List.of(
              new String[] {"/api/flows/parcels/runs", PARCEL},
              new String[] {"/api/runs/" + waiting + "/signals/decision", "{\"approved\":true}"},
              new String[] {"/api/runs/" + waiting + "/cancel", ""},
              new String[] {"/api/runs/" + waiting + "/retry", ""});
      for (String[] post : posts) {
        Api.Response none = open.post(post[0], post[1]);
        assertThat(none.status()).as(post[0]).isEqualTo(401);
        assertThat(none.problem()).isEqualTo("unauthorized");
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"hypha\"");

        Api.Response wrong = open.post(post[0], post[1], "Authorization", "Bearer " + TOKEN + "x");
        assertThat(wrong.status()).as(post[0]).isEqualTo(401);
        assertThat(wrong.header("WWW-Authenticate")).contains("error=\"invalid_token\"");

        Api.Response basic = open.post(post[0], post[1], "Authorization", "Basic " + TOKEN);
        assertThat(basic.status()).as(post[0]).isEqualTo(401);
      }
      assertThat(hypha.history().count(RunQuery.builder().flow("parcels").build())).isZero();

      String bearer = "Bearer " + TOKEN;
      assertThat(open.post(posts.get(0)[0], PARCEL, "Authorization", bearer).status())
          .isEqualTo(201);
      assertThat(
              open.post(
                      posts.get(1)[0], "{\"approved\":true,\"by\":\"x\"}", "Authorization", bearer)
                  .status())
          .isEqualTo(202);
      assertThat(open.postEmpty(posts.get(2)[0], "Authorization", "bearer " + TOKEN).status())
          .as("the scheme is case-insensitive")
          .isEqualTo(200);
      // Authorized, the retry reaches the runtime, which refuses a cancelled run.
      assertThat(open.postEmpty(posts.get(3)[0], "Authorization", bearer).status()).isEqualTo(409);

      assertThat(open.get("/api/runs").status()).isEqualTo(200);
      assertThat(open.get("/api/runs/" + waiting).status()).isEqualTo(200);
      assertThat(open.get("/api/flows").status()).isEqualTo(200);
    }
  }

  @Test
  void theTokenComesFromTheEnvironmentOrAFile() throws Exception {
    HyphaServer.Builder builder = HyphaServer.builder(hypha);
    assertThatThrownBy(() -> builder.tokenFromEnvironment(Map.of("HYPHA_TOKEN", "  ")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("HYPHA_TOKEN");
    Path missing = dir.resolve("absent.token");
    assertThatThrownBy(() -> builder.tokenFile(missing))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining(missing.toAbsolutePath().toString());
    Path empty = Files.writeString(dir.resolve("empty.token"), "\n");
    assertThatThrownBy(() -> builder.tokenFile(empty)).hasMessageContaining("empty token");

    // Unset: no token, so a non-loopback address is still refused.
    assertThatThrownBy(() -> builder.tokenFromEnvironment(Map.of()).host("0.0.0.0").port(0).start())
        .hasMessageContaining("without a token");

    try (HyphaServer fromEnvironment =
        HyphaServer.builder(hypha)
            .port(0)
            .tokenFromEnvironment(Map.of("HYPHA_TOKEN", "env-" + TOKEN))
            .start()) {
      Api client = new Api(fromEnvironment);
      assertThat(client.post("/api/flows/echo/runs", "\"a\"").status()).isEqualTo(401);
      assertThat(
              client
                  .post("/api/flows/echo/runs", "\"a\"", "Authorization", "Bearer env-" + TOKEN)
                  .status())
          .isEqualTo(201);
    }
    Path file = Files.writeString(dir.resolve("server.token"), "file-" + TOKEN + "\nignored\n");
    try (HyphaServer fromFile = HyphaServer.builder(hypha).port(0).tokenFile(file).start()) {
      Api client = new Api(fromFile);
      assertThat(
              client
                  .post("/api/flows/echo/runs", "\"b\"", "Authorization", "Bearer file-" + TOKEN)
                  .status())
          .isEqualTo(201);
      assertThat(
              client
                  .post("/api/flows/echo/runs", "\"b\"", "Authorization", "Bearer ignored")
                  .status())
          .isEqualTo(401);
    }
  }

  @Test
  void corsIsClosedByDefaultAndCrossSitePostsAreRefused() {
    String evil = "https://evil.example";
    Api.Response read = api.get("/api/flows", "Origin", evil);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.header("Access-Control-Allow-Origin")).isNull();

    String waiting = startAndGetId(api, "approval", "{\"id\":\"r2\",\"amount\":5}");
    for (String path :
        List.of(
            "/api/flows/parcels/runs",
            "/api/runs/" + waiting + "/signals/decision",
            "/api/runs/" + waiting + "/cancel",
            "/api/runs/" + waiting + "/retry")) {
      Api.Response post = api.post(path, "{\"approved\":true,\"by\":\"x\"}", "Origin", evil);
      assertThat(post.status()).as(path).isEqualTo(403);
      assertThat(post.problem()).isEqualTo("cross-origin");
      assertThat(post.json().get("detail").asText()).contains(evil, "allowedOrigins");
      assertThat(post.header("Access-Control-Allow-Origin")).isNull();
    }
    assertThat(api.get("/api/runs/" + waiting).json().at("/run/state").asText())
        .isEqualTo("RUNNING");

    Api.Response preflight =
        api.send(
            "OPTIONS",
            "/api/flows/parcels/runs",
            java.net.http.HttpRequest.BodyPublishers.noBody(),
            "Origin",
            evil,
            "Access-Control-Request-Method",
            "POST");
    assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    assertThat(preflight.header("Access-Control-Allow-Methods")).isNull();

    String own = "http://127.0.0.1:" + server.port();
    assertThat(api.post("/api/flows/parcels/runs", PARCEL, "Origin", own).status())
        .as("the server's own pages may post")
        .isEqualTo(201);
  }

  @Test
  void allowedOriginsOpenCorsToExactlyThoseOrigins() {
    String ops = "https://ops.example.com";
    try (HyphaServer opened =
        HyphaServer.builder(hypha)
            .port(0)
            .allowedOrigins(List.of("HTTPS://Ops.Example.com:443"))
            .start()) {
      Api client = new Api(opened);
      Api.Response read = client.get("/api/flows", "Origin", ops);
      assertThat(read.header("Access-Control-Allow-Origin")).isEqualTo(ops);
      assertThat(read.header("Vary")).isEqualTo("Origin");

      Api.Response other = client.get("/api/flows", "Origin", "https://ops.example.com:8443");
      assertThat(other.header("Access-Control-Allow-Origin")).isNull();

      Api.Response preflight =
          client.send(
              "OPTIONS",
              "/api/flows/parcels/runs",
              java.net.http.HttpRequest.BodyPublishers.noBody(),
              "Origin",
              ops,
              "Access-Control-Request-Method",
              "POST",
              "Access-Control-Request-Headers",
              "authorization, content-type");
      assertThat(preflight.status()).isEqualTo(204);
      assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ops);
      assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
      assertThat(preflight.header("Access-Control-Allow-Headers"))
          .contains("Authorization", "Content-Type", "Idempotency-Key");

      Api.Response post = client.post("/api/flows/parcels/runs", PARCEL, "Origin", ops);
      assertThat(post.status()).isEqualTo(201);
      assertThat(post.header("Access-Control-Allow-Origin")).isEqualTo(ops);
      assertThat(post.header("Access-Control-Expose-Headers")).contains("Location");

      assertThat(
              client
                  .post("/api/flows/parcels/runs", PARCEL, "Origin", "https://evil.example")
                  .status())
          .isEqualTo(403);
    }
  }

  @Test
  void onLoopbackEveryOperationRefusesAForeignHostName() throws Exception {
    String run = startAndGetId(api, "approval", "{\"id\":\"r3\",\"amount\":5}");
    JsonNode openApi;
    try (InputStream in = getClass().getResourceAsStream("/dev/hypha/server/openapi.json")) {
      openApi = Api.JSON.readTree(in);
    }
    int operations = 0;
    for (Map.Entry<String, JsonNode> path : openApi.get("paths").properties()) {
      String concrete =
          path.getKey()
              .replace("{id}", run)
              .replace("/signals/{name}", "/signals/decision")
              .replace("{name}", "parcels");
      for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
        String method = methods.next().toUpperCase(java.util.Locale.ROOT);
        byte[] body = method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
        Map<String, String> headers =
            new java.util.LinkedHashMap<>(
                Map.of(
                    "Host",
                    "rebound.example:" + server.port(),
                    "Content-Type",
                    "application/json"));
        headers.put("Content-Length", String.valueOf(body.length));
        Api.Response refused = api.raw(method, concrete, headers, body);
        assertThat(refused.status()).as(method + " " + concrete).isEqualTo(403);
        assertThat(refused.problem()).isEqualTo("host-not-allowed");
        operations++;
      }
    }
    assertThat(operations).isGreaterThanOrEqualTo(12);

    List<String> localNames = new ArrayList<>(List.of("localhost", "127.0.0.1", "127.0.0.2"));
    for (String name : localNames) {
      Api.Response fine =
          api.raw("GET", "/api/flows", Map.of("Host", name + ":" + server.port()), new byte[0]);
      assertThat(fine.status()).as(name).isEqualTo(200);
    }
    assertThat(api.get("/api/runs/" + run).json().at("/run/state").asText()).isEqualTo("RUNNING");
  }

  private static String startAndGetId(Api api, String flow, String json) {
    Api.Response started = api.post("/api/flows/" + flow + "/runs", json);
    assertThat(started.status()).as("start %s: %s", flow, started).isEqualTo(201);
    return started.json().get("id").asText();
  }
}
