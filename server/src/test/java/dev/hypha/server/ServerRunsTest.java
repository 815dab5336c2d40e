package dev.hypha.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.server.flows.Echo;
import dev.hypha.server.flows.EchoFlow;
import dev.hypha.server.flows.Gate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/runs}: history pages, a run's detail, cancel, signal and retry, over real HTTP. */
class ServerRunsTest {
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
  void theDetailOfASucceededRunEmbedsItsValuesAsJson() throws Exception {
    String id = startRun("parcels", "{\"id\":\"p1\",\"weight\":3,\"items\":[\"book\"]}");
    JsonNode detail = awaitEnd(id);

    assertThat(detail.get("run").get("id").asText()).isEqualTo(id);
    assertThat(detail.at("/run/state").asText()).isEqualTo("SUCCEEDED");
    assertThat(Instant.parse(detail.at("/run/finishedAt").asText()))
        .isAfterOrEqualTo(Instant.parse(detail.at("/run/startedAt").asText()));
    assertThat(detail.get("input").toString())
        .isEqualTo("{\"id\":\"p1\",\"weight\":3,\"items\":[\"book\"]}");
    assertThat(detail.get("result").asText()).isEqualTo("shipped L-p1-3");

    JsonNode label = detail.get("tasks").get(0);
    assertThat(label.get("name").asText()).isEqualTo("label");
    assertThat(label.get("kind").asText()).isEqualTo("TASK");
    assertThat(label.get("queue").asText()).isEqualTo("default");
    assertThat(label.get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(label.get("attempt").asInt()).isEqualTo(1);
    for (String time : List.of("readyAt", "startedAt", "finishedAt")) {
      assertThat(Instant.parse(label.get(time).asText())).as(time).isNotNull();
    }
    assertThat(label.get("worker").asText()).isNotBlank();
    assertThat(label.get("output").toString()).isEqualTo("{\"parcel\":\"p1\",\"code\":\"L-p1-3\"}");
    assertThat(label.get("input").isNull()).isTrue();
    assertThat(label.get("error").isNull()).isTrue();
    assertThat(label.get("skipReason").isNull()).isTrue();
    assertThat(label.get("attempts")).isEmpty();
    assertThat(detail.get("tasks").get(1).get("output").asText()).isEqualTo("shipped L-p1-3");
  }

  @Test
  void theDetailOfAFailedRunHasTheErrorTheAttemptsAndWhatWasSkipped() throws Exception {
    String id = startRun("broken", "\"the disk\"");
    JsonNode detail = awaitEnd(id);

    assertThat(detail.at("/run/state").asText()).isEqualTo("FAILED");
    assertThat(detail.get("result").isNull()).isTrue();
    assertThat(detail.at("/run/error").toString())
        .isEqualTo(
            "{\"task\":\"check\",\"type\":\"java.lang.IllegalStateException\","
                + "\"message\":\"cannot check the disk\"}");
    JsonNode check = detail.get("tasks").get(0);
    assertThat(check.get("state").asText()).isEqualTo("FAILED");
    assertThat(check.at("/error/type").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(check.at("/error/message").asText()).isEqualTo("cannot check the disk");
    assertThat(check.at("/error/stackTrace").asText()).contains("Broken.check");
    assertThat(check.get("attempts")).hasSize(1);
    JsonNode attempt = check.get("attempts").get(0);
    assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
    assertThat(attempt.get("outcome").asText()).isEqualTo("FAILED");
    assertThat(attempt.get("worker").asText()).isEqualTo(check.get("worker").asText());
    assertThat(Instant.parse(attempt.get("startedAt").asText())).isNotNull();
    assertThat(Instant.parse(attempt.get("finishedAt").asText())).isNotNull();
    assertThat(attempt.at("/error/message").asText()).isEqualTo("cannot check the disk");
    JsonNode report = detail.get("tasks").get(1);
    assertThat(report.get("state").asText()).isEqualTo("SKIPPED");
    assertThat(report.get("skipReason").asText()).isEqualTo("UPSTREAM_FAILED");
    assertThat(report.get("attempt").asInt()).isZero();
  }

  @Test
  void anUnknownRunIs404AndTextThatIsNoRunIdIs400() {
    String absent = RunId.generate(System.currentTimeMillis()).value();
    Api.Response unknown = api.get("/api/runs/" + absent);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.problem()).isEqualTo("unknown-run");
    assertThat(unknown.json().get("run").asText()).isEqualTo(absent);

    Api.Response malformed = api.get("/api/runs/not-a-run");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.problem()).isEqualTo("invalid-parameter");
    assertThat(malformed.json().get("parameter").asText()).isEqualTo("id");
    assertThat(malformed.json().get("detail").asText()).contains("not-a-run", "UUID");
  }

  @Test
  void theListFiltersByFlowStateAndStartTime() throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    String first = startRun("echo", "\"one\"");
    String second = startRun("echo", "\"two\"");
    String failed = startRun("broken", "\"x\"");
    for (String id : List.of(first, second, failed)) {
      awaitEnd(id);
    }

    assertThat(ids(api.get("/api/runs").json())).containsExactly(failed, second, first);
    assertThat(ids(api.get("/api/runs?flow=echo").json())).containsExactly(second, first);
    assertThat(ids(api.get("/api/runs?state=FAILED").json())).containsExactly(failed);
    assertThat(ids(api.get("/api/runs?state=succeeded,failed").json())).hasSize(3);
    assertThat(ids(api.get("/api/runs?state=SUCCEEDED&state=CANCELLED").json()))
        .containsExactly(second, first);
    assertThat(ids(api.get("/api/runs?state=RUNNING").json())).isEmpty();
    assertThat(ids(api.get("/api/runs?from=" + Instant.now().plusSeconds(3600)).json())).isEmpty();
    assertThat(
            ids(api.get("/api/runs?from=" + before + "&to=" + Instant.now().plusSeconds(1)).json()))
        .hasSize(3);
    assertThat(ids(api.get("/api/runs?to=" + before).json())).isEmpty();
    assertThat(ids(api.get("/api/runs?flow=&limit=").json()))
        .as("empty values are none")
        .hasSize(3);

    JsonNode page = api.get("/api/runs?limit=2").json();
    assertThat(ids(page)).containsExactly(failed, second);
    assertThat(page.get("next").asText()).isNotBlank();
    JsonNode rest = api.get("/api/runs?limit=2&after=" + page.get("next").asText()).json();
    assertThat(ids(rest)).containsExactly(first);
    assertThat(rest.get("next").isNull()).isTrue();
  }

  @Test
  void badQueryParametersAre400NamingTheParameter() {
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry("limit=0", "limit"),
            Map.entry("limit=1001", "limit"),
            Map.entry("limit=ten", "limit"),
            Map.entry("state=DONE", "state"),
            Map.entry("from=yesterday", "from"),
            Map.entry("to=2024-13-01T00:00:00Z", "to"),
            Map.entry("from=2024-05-02T00:00:00Z&to=2024-05-01T00:00:00Z", "from"),
            Map.entry("after=not-a-token", "after"),
            Map.entry("status=FAILED", "status"),
            Map.entry("flow=a&flow=b", "flow"));
    cases.forEach(
        (query, parameter) -> {
          Api.Response response = api.get("/api/runs?" + query);
          assertThat(response.status()).as(query).isEqualTo(400);
          assertThat(response.problem()).as(query).isEqualTo("invalid-parameter");
          assertThat(response.json().get("parameter").asText()).as(query).isEqualTo(parameter);
          assertThat(response.json().get("detail").asText()).as(query).isNotBlank();
        });
  }

  @Test
  void pagingThroughAThousandRunsGivesEachOnceNewestFirst() {
    EchoFlow echo = EchoFlow.bind(hypha, new Echo());
    List<CompletableFuture<Run<String>>> starts = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      starts.add(echo.startAsync("run " + i));
    }
    Set<String> started = new HashSet<>();
    starts.forEach(start -> started.add(start.join().id().value()));
    assertThat(started).hasSize(1000);

    for (String limit : List.of("", "&limit=100", "&limit=1000", "&limit=333")) {
      List<String> seen = new ArrayList<>();
      List<Instant> times = new ArrayList<>();
      String next = null;
      int pages = 0;
      do {
        String path = "/api/runs?flow=echo" + limit + (next == null ? "" : "&after=" + next);
        JsonNode page = api.get(path).json();
        page.get("runs")
            .forEach(
                run -> {
                  seen.add(run.get("id").asText());
                  times.add(Instant.parse(run.get("startedAt").asText()));
                });
        next = page.get("next").isNull() ? null : page.get("next").asText();
        pages++;
        assertThat(pages).as("pages for %s", limit).isLessThanOrEqualTo(1001);
      } while (next != null);

      assertThat(seen).as("limit %s", limit).hasSize(1000).doesNotHaveDuplicates();
      assertThat(new HashSet<>(seen)).isEqualTo(started);
      for (int i = 1; i < times.size(); i++) {
        assertThat(times.get(i)).as("newest first").isBeforeOrEqualTo(times.get(i - 1));
      }
    }
  }

  @Test
  void cancellingARunningRunAnswersWhetherItWasCancelled() throws Exception {
    String id = startRun("gate", "\"cancel-me\"");
    try {
      assertThat(Gate.awaitEntered("cancel-me")).isTrue();

      Api.Response cancelled = api.postEmpty("/api/runs/" + id + "/cancel");
      assertThat(cancelled.status()).isEqualTo(200);
      assertThat(cancelled.json().get("cancelled").asBoolean()).isTrue();
      assertThat(cancelled.json().at("/run/id").asText()).isEqualTo(id);
      JsonNode detail = awaitEnd(id);
      assertThat(detail.at("/run/state").asText()).isEqualTo("CANCELLED");
      assertThat(detail.at("/tasks/0/state").asText()).isEqualTo("CANCELLED");

      Api.Response again = api.postEmpty("/api/runs/" + id + "/cancel");
      assertThat(again.status()).isEqualTo(200);
      assertThat(again.json().get("cancelled").asBoolean()).isFalse();
      assertThat(again.json().at("/run/state").asText()).isEqualTo("CANCELLED");
    } finally {
      Gate.open("cancel-me");
    }

    String absent = RunId.generate(System.currentTimeMillis()).value();
    Api.Response unknown = api.postEmpty("/api/runs/" + absent + "/cancel");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.problem()).isEqualTo("unknown-run");
    Api.Response malformed = api.postEmpty("/api/runs/42/cancel");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.json().get("parameter").asText()).isEqualTo("id");
  }

  @Test
  void aSignalReachesTheWaitingTask() throws Exception {
    String id = startRun("approval", "{\"id\":\"r1\",\"amount\":5}");
    String decision = "/api/runs/" + id + "/signals/decision";

    Api.Response wrongType = api.post(decision, "{\"approved\":\"perhaps\",\"by\":\"ada\"}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.problem()).isEqualTo("invalid-input");
    assertThat(wrongType.json().get("field").asText()).isEqualTo("/approved");
    assertThat(wrongType.json().get("expectedType").asText()).isEqualTo("boolean");
    assertThat(api.post(decision, "{\"approved\":").problem()).isEqualTo("malformed-json");
    assertThat(api.post(decision, "{}", "Content-Type", "text/plain").status()).isEqualTo(415);

    Api.Response unknownSignal = api.post("/api/runs/" + id + "/signals/verdict", "{}");
    assertThat(unknownSignal.status()).isEqualTo(404);
    assertThat(unknownSignal.problem()).isEqualTo("unknown-signal");
    assertThat(unknownSignal.json().get("signal").asText()).isEqualTo("verdict");
    assertThat(unknownSignal.json().get("detail").asText()).contains("decision");

    Api.Response sent = api.post(decision, "{\"approved\":true,\"by\":\"ada\"}");
    assertThat(sent.status()).isEqualTo(202);
    assertThat(sent.json().toString())
        .isEqualTo("{\"run\":\"" + id + "\",\"signal\":\"decision\"}");
    JsonNode detail = awaitEnd(id);
    assertThat(detail.at("/run/state").asText()).isEqualTo("SUCCEEDED");
    assertThat(detail.get("result").asText()).isEqualTo("approved r1 by ada");
    assertThat(detail.at("/tasks/1/input").toString())
        .isEqualTo("{\"approved\":true,\"by\":\"ada\"}");

    Api.Response ended = api.post(decision, "{\"approved\":false,\"by\":\"bo\"}");
    assertThat(ended.status()).isEqualTo(409);
    assertThat(ended.problem()).isEqualTo("run-ended");
    assertThat(ended.json().get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(ended.json().get("run").asText()).isEqualTo(id);

    String absent = RunId.generate(System.currentTimeMillis()).value();
    Api.Response unknownRun = api.post("/api/runs/" + absent + "/signals/decision", "{}");
    assertThat(unknownRun.status()).isEqualTo(404);
    assertThat(unknownRun.problem()).isEqualTo("unknown-run");
    assertThat(api.post("/api/runs/x/signals/decision", "{}").status()).isEqualTo(400);
  }

  @Test
  void aSignalPayloadOverTheLimitIs413() {
    String id = startRun("approval", "{\"id\":\"r2\",\"amount\":5}");
    try (HyphaServer small = HyphaServer.builder(hypha).port(0).maxBodyBytes(64).start()) {
      Api.Response response =
          new Api(small)
              .post(
                  "/api/runs/" + id + "/signals/decision",
                  "{\"approved\":true,\"by\":\"" + "a".repeat(100) + "\"}");
      assertThat(response.status()).isEqualTo(413);
      assertThat(response.problem()).isEqualTo("content-too-large");
    }
    assertThat(hypha.history().summary(RunId.of(id)).orElseThrow().state())
        .isEqualTo(RunState.RUNNING);
    hypha.cancel(RunId.of(id));
  }

  @Test
  void retryReopensAFailedRunAndRefusesOthers() throws Exception {
    String id = startRun("broken", "\"x\"");
    awaitEnd(id);
    Api.Response response = api.postEmpty("/api/runs/" + id + "/retry");
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().at("/run/id").asText()).isEqualTo(id);
    assertThat(response.json().at("/run/state").asText()).isIn("RUNNING", "FAILED");
    // The task still fails: a second attempt, both in the history, and the run FAILED again.
    JsonNode detail = awaitEnd(id);
    assertThat(detail.at("/run/state").asText()).isEqualTo("FAILED");
    JsonNode check = detail.get("tasks").get(0);
    assertThat(check.get("attempt").asInt()).isEqualTo(2);
    assertThat(check.get("attempts")).hasSize(2);
    assertThat(detail.get("tasks").get(1).get("state").asText()).isEqualTo("SKIPPED");

    String succeeded = startRun("echo", "\"hi\"");
    awaitEnd(succeeded);
    Api.Response notFailed = api.postEmpty("/api/runs/" + succeeded + "/retry");
    assertThat(notFailed.status()).isEqualTo(409);
    assertThat(notFailed.problem()).isEqualTo("not-retryable");
    assertThat(notFailed.json().get("detail").asText())
        .contains("cannot be retried: it is SUCCEEDED; only a FAILED run is retried");
    assertThat(api.postEmpty("/api/runs/01a22f91-4c93-7c4a-bce1-704cd9902160/retry").status())
        .isEqualTo(404);
    assertThat(api.postEmpty("/api/runs/not-a-run/retry").status()).isEqualTo(400);
  }

  @Test
  void anEmbeddedStoreHasNoWorkers() {
    Api.Response response = api.get("/api/workers");
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().toString()).isEqualTo("{\"workers\":[]}");
  }

  @Test
  void aDamagedRowAnswers500WithAGenericDetailAndTheLogHasTheCause() throws Exception {
    String id = startRun("echo", "\"intact\"");
    awaitEnd(id);
    server.close();
    hypha.close();
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("runs.db"));
        Statement statement = connection.createStatement()) {
      assertThat(
              statement.executeUpdate(
                  "UPDATE runs SET state = 'BOGUS' WHERE run_id = '" + id + "'"))
          .isEqualTo(1);
    }
    hypha = Hypha.builder().path(dir.resolve("runs.db")).open();
    server = HyphaServer.builder(hypha).port(0).start();
    api = new Api(server);

    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Api.Response response;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      response = api.get("/api/runs/" + id);
    } finally {
      System.setErr(stderr);
    }

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.problem()).isEqualTo("internal-error");
    assertThat(response.json().get("detail").asText())
        .isEqualTo("the server failed to answer this request; its log has the details");
    assertThat(response.body()).doesNotContain("BOGUS").doesNotContain("Corrupt");
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("GET /api/runs/" + id + " failed")
        .contains("CorruptRecordException")
        .contains("BOGUS")
        .contains("\tat ");
  }

  private String startRun(String flow, String json) {
    Api.Response started = api.post("/api/flows/" + flow + "/runs", json);
    assertThat(started.status()).as("start %s: %s", flow, started).isEqualTo(201);
    return started.json().get("id").asText();
  }

  private JsonNode awaitEnd(String id) throws InterruptedException {
    JsonNode[] last = new JsonNode[1];
    boolean ended =
        Eventually.within(
            Duration.ofSeconds(30),
            () -> {
              last[0] = api.get("/api/runs/" + id).json();
              return RunState.valueOf(last[0].at("/run/state").asText()).isFinal();
            });
    assertThat(ended).as("run %s ended: %s", id, last[0]).isTrue();
    return last[0];
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("runs").forEach(run -> ids.add(run.get("id").asText()));
    return ids;
  }
}
