package dev.hypha.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/flows}: the flows, and starting runs by name with JSON, over real HTTP. */
class ServerFlowsTest {
  private static final String PARCEL = "{\"id\":\"p1\",\"weight\":3,\"items\":[\"book\",\"pen\"]}";

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
  void listsEveryFlowWithItsShape() {
    Api.Response response = api.get("/api/flows");

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    JsonNode flows = response.json().get("flows");
    List<String> names = new ArrayList<>();
    flows.forEach(flow -> names.add(flow.get("name").asText()));
    // Every flow on the test class path (the browser tests add theirs), ours among them.
    assertThat(names)
        .containsExactlyInAnyOrderElementsOf(
            hypha.flows().stream().map(FlowDescriptor::name).toList())
        .contains("approval", "broken", "echo", "gate", "parcels");

    JsonNode parcels = find(flows, "parcels");
    FlowDescriptor descriptor =
        hypha.flows().stream().filter(f -> f.name().equals("parcels")).findFirst().orElseThrow();
    assertThat(parcels.get("flowClass").asText()).isEqualTo("dev.hypha.server.flows.Parcels");
    assertThat(parcels.get("inputType").asText())
        .isEqualTo("dev.hypha.server.flows.Parcels$Parcel");
    assertThat(parcels.get("resultType").asText()).isEqualTo("java.lang.String");
    assertThat(parcels.get("shapeHash").asText()).isEqualTo(descriptor.shapeHash());
    assertThat(parcels.get("queues")).hasSize(1);
    assertThat(parcels.get("queues").get(0).asText()).isEqualTo("default");
    assertThat(parcels.get("tasks").toString())
        .isEqualTo(
            "[{\"name\":\"label\",\"queue\":\"default\",\"outputType\":"
                + "\"dev.hypha.server.flows.Parcels$Label\",\"dependsOn\":[]},"
                + "{\"name\":\"ship\",\"queue\":\"default\",\"outputType\":\"java.lang.String\","
                + "\"dependsOn\":[\"label\"]}]");
    assertThat(parcels.get("edges").toString()).isEqualTo("[{\"from\":\"label\",\"to\":\"ship\"}]");
    assertThat(parcels.get("signals").toString()).isEqualTo("[]");
    assertThat(parcels.get("mermaid").asText()).isEqualTo(descriptor.mermaid()).contains("label");

    assertThat(find(flows, "approval").get("signals").toString())
        .isEqualTo(
            "[{\"name\":\"decision\",\"payloadType\":\"dev.hypha.server.flows.Approval$Decision\"}]");
  }

  @Test
  void showsOneFlowOrAnswers404() {
    Api.Response parcels = api.get("/api/flows/parcels");
    assertThat(parcels.status()).isEqualTo(200);
    assertThat(parcels.json())
        .isEqualTo(find(api.get("/api/flows").json().get("flows"), "parcels"));

    Api.Response unknown = api.get("/api/flows/parcel");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).isEqualTo("application/problem+json");
    assertThat(unknown.problem()).isEqualTo("unknown-flow");
    assertThat(unknown.json().get("title").asText()).isEqualTo("Unknown flow");
    assertThat(unknown.json().get("status").asInt()).isEqualTo(404);
    assertThat(unknown.json().get("flow").asText()).isEqualTo("parcel");
    assertThat(unknown.json().get("detail").asText())
        .contains("no flow named 'parcel'")
        .contains("parcels");
  }

  @Test
  void startsARunByNameAnswering201WithItsLocation() throws Exception {
    Instant before = Instant.now();
    Api.Response started = api.post("/api/flows/parcels/runs", PARCEL);

    assertThat(started.status()).isEqualTo(201);
    JsonNode run = started.json();
    String id = run.get("id").asText();
    assertThat(started.header("Location")).isEqualTo("/api/runs/" + id);
    assertThat(run.get("flow").asText()).isEqualTo("parcels");
    assertThat(run.get("state").asText()).isIn("RUNNING", "SUCCEEDED");
    assertThat(Instant.parse(run.get("startedAt").asText()))
        .isAfterOrEqualTo(before.minusSeconds(1));
    assertThat(run.get("error").isNull()).isTrue();

    JsonNode detail = awaitEnd(id);
    assertThat(detail.at("/run/state").asText()).isEqualTo("SUCCEEDED");
    assertThat(detail.get("input"))
        .as("stored input embedded as JSON")
        .isEqualTo(Api.JSON.readTree(PARCEL));
    assertThat(detail.get("result").asText()).isEqualTo("shipped L-p1-3");
    assertThat(hypha.history().detail(RunId.of(id)).orElseThrow().resultJson())
        .contains("\"shipped L-p1-3\"");
  }

  @Test
  void anIdempotencyKeyStartsOneRunAndAnswers200WithItAfterwards() {
    Api.Response first = api.post("/api/flows/parcels/runs", PARCEL, "Idempotency-Key", "order-7");
    Api.Response again =
        api.post(
            "/api/flows/parcels/runs",
            "{\"id\":\"other\",\"weight\":1,\"items\":[]}",
            "Idempotency-Key",
            "order-7");

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    String id = first.json().get("id").asText();
    assertThat(again.json().get("id").asText()).isEqualTo(id);
    assertThat(again.header("Location")).isEqualTo("/api/runs/" + id);
    assertThat(hypha.history().count(RunQuery.builder().flow("parcels").build())).isEqualTo(1);

    Api.Response otherKey =
        api.post("/api/flows/parcels/runs", PARCEL, "Idempotency-Key", "order-8");
    assertThat(otherKey.status()).isEqualTo(201);
    assertThat(otherKey.json().get("id").asText()).isNotEqualTo(id);

    Api.Response blank = api.post("/api/flows/parcels/runs", PARCEL, "Idempotency-Key", " ");
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.problem()).isEqualTo("invalid-parameter");
    assertThat(blank.json().get("parameter").asText()).isEqualTo("Idempotency-Key");
    assertThat(hypha.history().count(RunQuery.builder().flow("parcels").build())).isEqualTo(2);
  }

  @Test
  void inputThatDoesNotBindNamesTheFieldAndTheExpectedType() {
    Api.Response weight =
        api.post("/api/flows/parcels/runs", "{\"id\":\"p1\",\"weight\":\"heavy\",\"items\":[]}");
    assertThat(weight.status()).isEqualTo(400);
    assertThat(weight.problem()).isEqualTo("invalid-input");
    assertThat(weight.json().get("field").asText()).isEqualTo("/weight");
    assertThat(weight.json().get("expectedType").asText()).isEqualTo("int");
    assertThat(weight.json().get("detail").asText())
        .contains("parcels")
        .contains("weight")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");

    Api.Response item =
        api.post(
            "/api/flows/parcels/runs", "{\"id\":\"p1\",\"weight\":1,\"items\":[\"a\",{\"b\":1}]}");
    assertThat(item.status()).isEqualTo(400);
    assertThat(item.json().get("field").asText()).isEqualTo("/items/1");
    assertThat(item.json().get("expectedType").asText()).isEqualTo("java.lang.String");

    Api.Response whole = api.post("/api/flows/parcels/runs", "[1,2]");
    assertThat(whole.status()).isEqualTo(400);
    assertThat(whole.json().get("field").asText()).isEmpty();
    assertThat(whole.json().get("expectedType").asText())
        .isEqualTo("dev.hypha.server.flows.Parcels$Parcel");

    Api.Response nothing = api.post("/api/flows/parcels/runs", "null");
    assertThat(nothing.status()).isEqualTo(400);
    assertThat(nothing.problem()).isEqualTo("invalid-input");
    assertThat(nothing.json().get("field").asText()).isEmpty();
    assertThat(nothing.json().get("detail").asText()).contains("is null");

    assertThat(hypha.history().count(RunQuery.builder().build())).as("nothing started").isZero();
  }

  @Test
  void malformedJsonIsA400ThatSaysWhere() {
    Api.Response cut = api.post("/api/flows/parcels/runs", "{\"id\": ");
    assertThat(cut.status()).isEqualTo(400);
    assertThat(cut.problem()).isEqualTo("malformed-json");
    assertThat(cut.json().get("detail").asText()).contains("line 1");

    Api.Response trailing = api.post("/api/flows/parcels/runs", PARCEL + " {}");
    assertThat(trailing.status()).isEqualTo(400);
    assertThat(trailing.problem()).isEqualTo("malformed-json");

    Api.Response empty = api.post("/api/flows/parcels/runs", "");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.problem()).isEqualTo("malformed-json");
    assertThat(empty.json().get("detail").asText()).contains("no body");

    Api.Response latin1 =
        api.send(
            "POST",
            "/api/flows/parcels/runs",
            HttpRequest.BodyPublishers.ofByteArray(
                "{\"id\":\"caf\u00e9\",\"weight\":1,\"items\":[]}"
                    .getBytes(StandardCharsets.ISO_8859_1)),
            "Content-Type",
            "application/json");
    assertThat(latin1.status()).isEqualTo(400);
    assertThat(latin1.json().get("detail").asText()).contains("UTF-8");

    assertThat(hypha.history().count(RunQuery.builder().build())).isZero();
  }

  @Test
  void aBodyThatIsNotJsonIs415() {
    Api.Response text = api.post("/api/flows/parcels/runs", PARCEL, "Content-Type", "text/plain");
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.problem()).isEqualTo("unsupported-media-type");
    assertThat(text.json().get("detail").asText()).contains("text/plain", "application/json");

    Api.Response untyped =
        api.send("POST", "/api/flows/parcels/runs", HttpRequest.BodyPublishers.ofString(PARCEL));
    assertThat(untyped.status()).isEqualTo(415);
    assertThat(untyped.json().get("detail").asText()).contains("no Content-Type");

    Api.Response form =
        api.post(
            "/api/flows/parcels/runs", PARCEL, "Content-Type", "application/x-www-form-urlencoded");
    assertThat(form.status()).isEqualTo(415);

    assertThat(
            api.post(
                    "/api/flows/parcels/runs",
                    PARCEL,
                    "Content-Type",
                    "application/json; charset=utf-8")
                .status())
        .isEqualTo(201);
    assertThat(
            api.post("/api/flows/parcels/runs", PARCEL, "Content-Type", "application/vnd.x+json")
                .status())
        .isEqualTo(201);
  }

  @Test
  void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrNot() {
    try (HyphaServer small = HyphaServer.builder(hypha).port(0).maxBodyBytes(100).start()) {
      Api smallApi = new Api(small);
      String big = "{\"id\":\"" + "x".repeat(200) + "\",\"weight\":1,\"items\":[]}";

      Api.Response declared = smallApi.post("/api/flows/parcels/runs", big);
      assertThat(declared.status()).isEqualTo(413);
      assertThat(declared.problem()).isEqualTo("content-too-large");
      assertThat(declared.json().get("maxBodyBytes").asLong()).isEqualTo(100);

      // Chunked: no Content-Length, so only the bytes read tell.
      byte[] bytes = big.getBytes(StandardCharsets.UTF_8);
      byte[] chunked =
          (Integer.toHexString(bytes.length) + "\r\n" + big + "\r\n0\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8);
      Api.Response streamed =
          smallApi.raw(
              "POST",
              "/api/flows/parcels/runs",
              Map.of("Content-Type", "application/json", "Transfer-Encoding", "chunked"),
              chunked);
      assertThat(streamed.status()).isEqualTo(413);
      assertThat(streamed.problem()).isEqualTo("content-too-large");

      String fits = "{\"id\":\"" + "y".repeat(100 - 31) + "\",\"weight\":1,\"items\":[]}";
      assertThat(fits.getBytes(StandardCharsets.UTF_8)).hasSize(100);
      assertThat(smallApi.post("/api/flows/parcels/runs", fits).status()).isEqualTo(201);
    }
    assertThat(hypha.history().count(RunQuery.builder().build())).isEqualTo(1);
  }

  @Test
  void startingAnUnknownFlowIs404() {
    Api.Response response = api.post("/api/flows/nope/runs", "{}");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.problem()).isEqualTo("unknown-flow");
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

  static JsonNode find(JsonNode flows, String name) {
    for (JsonNode flow : flows) {
      if (flow.get("name").asText().equals(name)) {
        return flow;
      }
    }
    throw new AssertionError("no flow " + name + " in " + flows);
  }
}
