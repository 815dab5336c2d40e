package dev.hypha.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.server.flows.Approval;
import dev.hypha.server.flows.ApprovalFlow;
import dev.hypha.server.flows.Echo;
import dev.hypha.server.flows.EchoFlow;
import dev.hypha.server.flows.Gate;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as a client of a store that another Hypha executes: a worker of a shared SQLite file
 * (here in the same JVM, as a separate process would), or an embedded engine holding the file.
 */
class ServerSharedStoreTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aClientServerStartsRunsThatAWorkerExecutesAndShowsTheWorker() throws Exception {
    String file = dir.resolve("shared.db").toString();
    try (Hypha worker =
            Hypha.builder()
                .database(file)
                .worker("default")
                .workerId("worker-1")
                .parallel(4)
                .pollInterval(Duration.ofMillis(20))
                .open();
        Hypha client = Hypha.connect(file);
        HyphaServer server =
            HyphaServer.builder(client).port(0).eventPollInterval(Duration.ofMillis(50)).start()) {
      Api api = new Api(server);

      Api.Response started =
          api.post("/api/flows/parcels/runs", "{\"id\":\"s1\",\"weight\":2,\"items\":[]}");
      assertThat(started.status()).isEqualTo(201);
      String id = started.json().get("id").asText();
      JsonNode detail = awaitEnd(api, id);
      assertThat(detail.at("/run/state").asText()).isEqualTo("SUCCEEDED");
      assertThat(detail.get("result").asText()).isEqualTo("shipped L-s1-2");
      assertThat(detail.at("/tasks/0/worker").asText()).isEqualTo("worker-1");

      JsonNode workers = api.get("/api/workers").json().get("workers");
      assertThat(workers).hasSize(1);
      JsonNode one = workers.get(0);
      assertThat(one.get("worker").asText()).isEqualTo("worker-1");
      assertThat(one.get("queues").toString()).isEqualTo("[\"default\"]");
      assertThat(Instant.parse(one.get("lastSeen").asText()))
          .isAfterOrEqualTo(Instant.parse(one.get("startedAt").asText()));
      assertThat(one.get("stoppedAt").isNull()).isTrue();

      // Events of a run the worker executes, seen through the client's store.
      String held = api.post("/api/flows/gate/runs", "\"shared\"").json().get("id").asText();
      try (EventClient events = EventClient.open(api, "/api/events?run=" + held)) {
        assertThat(Gate.awaitEntered("shared")).isTrue();
        events.until(e -> e.text("task").equals("hold") && e.text("state").equals("RUNNING"), WAIT);
        Gate.open("shared");
        List<EventClient.Event> rest =
            events.until(e -> e.name().equals("run") && e.text("state").equals("SUCCEEDED"), WAIT);
        assertThat(rest)
            .anyMatch(e -> e.text("task").equals("hold") && e.text("state").equals("SUCCEEDED"));
      } finally {
        Gate.open("shared");
      }

      worker.close();
      JsonNode stopped = api.get("/api/workers").json().get("workers").get(0);
      assertThat(stopped.get("stoppedAt").isNull()).as("a clean stop is recorded").isFalse();
    }
  }

  @Test
  void aClientBesideAnEmbeddedEngineReadsButCannotChange() throws Exception {
    Path file = dir.resolve("embedded.db");
    try (Hypha engine = Hypha.builder().path(file).shutdownGrace(Duration.ofSeconds(2)).open()) {
      Run<String> done = EchoFlow.bind(engine, new Echo()).start("kept");
      assertThat(done.await(WAIT)).isEqualTo("kept");
      Run<String> waiting =
          ApprovalFlow.bind(engine, new Approval()).start(new Approval.Request("r9", 1));

      try (Hypha reader = Hypha.connect(file.toString());
          HyphaServer server = HyphaServer.builder(reader).port(0).start()) {
        Api api = new Api(server);
        assertThat(api.get("/api/runs").json().get("runs")).hasSize(2);
        JsonNode detail = api.get("/api/runs/" + done.id()).json();
        assertThat(detail.get("result").asText()).isEqualTo("kept");

        List<Api.Response> refused =
            List.of(
                api.post("/api/flows/echo/runs", "\"new\""),
                api.postEmpty("/api/runs/" + waiting.id() + "/cancel"),
                api.post(
                    "/api/runs/" + waiting.id() + "/signals/decision",
                    "{\"approved\":true,\"by\":\"x\"}"));
        for (Api.Response response : refused) {
          assertThat(response.status()).isEqualTo(409);
          assertThat(response.problem()).isEqualTo("not-possible-here");
          assertThat(response.json().get("detail").asText())
              .contains("embedded Hypha engine")
              .contains("only reads its history");
        }
        assertThat(api.get("/api/runs/" + waiting.id()).json().at("/run/state").asText())
            .isEqualTo("RUNNING");
        assertThat(api.get("/api/runs").json().get("runs")).hasSize(2);
      }
      waiting.cancel();
    }
  }

  private static JsonNode awaitEnd(Api api, String id) throws InterruptedException {
    JsonNode[] last = new JsonNode[1];
    boolean ended =
        Eventually.within(
            WAIT,
            () -> {
              last[0] = api.get("/api/runs/" + id).json();
              return !last[0].at("/run/state").asText().equals("RUNNING");
            });
    assertThat(ended).as("run %s ended: %s", id, last[0]).isTrue();
    return last[0];
  }
}
