package dev.hypha.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.TaskState;
import dev.hypha.server.flows.Gate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/events}: real streams of a real server, fed by polling a real store. */
class ServerEventsTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path dir;
  private Hypha hypha;
  private HyphaServer server;
  private Api api;

  @BeforeEach
  void start() {
    hypha =
        Hypha.builder().path(dir.resolve("runs.db")).shutdownGrace(Duration.ofSeconds(2)).open();
    server =
        HyphaServer.builder(hypha)
            .port(0)
            .eventPollInterval(Duration.ofMillis(50))
            .heartbeat(Duration.ofMillis(200))
            .start();
    api = new Api(server);
  }

  @AfterEach
  void stop() {
    server.close();
    hypha.close();
  }

  @Test
  void followingARunGivesItsStateThenEachTransitionInOrder() throws Exception {
    String id = start("approval", "{\"id\":\"r1\",\"amount\":5}");
    awaitTask(id, "decide", "READY");

    try (EventClient events = EventClient.open(api, "/api/events?run=" + id)) {
      assertThat(events.status()).isEqualTo(200);
      assertThat(events.header("Content-Type")).startsWith("text/event-stream");
      List<EventClient.Event> snapshot = events.until(e -> e.name().equals("run"), WAIT);
      assertThat(snapshot).hasSize(3);
      assertThat(snapshot.get(0).text("task")).isEqualTo("submit");
      assertThat(snapshot.get(0).text("state")).isEqualTo("SUCCEEDED");
      assertThat(snapshot.get(0).data().get("attempt").asInt()).isEqualTo(1);
      assertThat(snapshot.get(1).text("task")).isEqualTo("decide");
      assertThat(snapshot.get(1).text("state")).isEqualTo("READY");
      assertThat(snapshot.get(2).text("id")).isEqualTo(id);
      assertThat(snapshot.get(2).text("state")).isEqualTo("RUNNING");
      for (EventClient.Event event : snapshot.subList(0, 2)) {
        assertThat(event.text("run")).isEqualTo(id);
        assertThat(java.time.Instant.parse(event.text("at"))).isNotNull();
      }

      assertThat(
              api.post(
                      "/api/runs/" + id + "/signals/decision", "{\"approved\":true,\"by\":\"ada\"}")
                  .status())
          .isEqualTo(202);
      List<EventClient.Event> after = events.until(e -> e.name().equals("run"), WAIT);
      EventClient.Event end = after.get(after.size() - 1);
      assertThat(end.text("state")).isEqualTo("SUCCEEDED");
      assertThat(end.data().get("finishedAt").isNull()).isFalse();
      List<EventClient.Event> tasks = after.subList(0, after.size() - 1);
      assertThat(tasks).isNotEmpty().allMatch(e -> e.name().equals("task"));
      assertThat(tasks).allMatch(e -> e.text("task").equals("decide"));
      assertThat(tasks.get(tasks.size() - 1).text("state")).isEqualTo("SUCCEEDED");
      // A task's states only move forward (a state passed between two polls may be missing).
      for (int i = 1; i < tasks.size(); i++) {
        assertThat(TaskState.valueOf(tasks.get(i).text("state")))
            .isGreaterThan(TaskState.valueOf(tasks.get(i - 1).text("state")));
      }
      assertThat(events.next(Duration.ofMillis(500))).as("nothing after the end").isNull();
    }
  }

  @Test
  void theFeedOfAllRunsAnnouncesNewRunsAndTheirChangesButNotOlderRuns() throws Exception {
    String older = start("echo", "\"before\"");
    awaitState(older, "SUCCEEDED");

    try (EventClient events = EventClient.open(api, "/api/events")) {
      assertThat(events.status()).isEqualTo(200);
      String held = start("gate", "\"feed\"");
      assertThat(Gate.awaitEntered("feed")).isTrue();
      String quick = start("echo", "\"after\"");

      Map<String, List<String>> states = new HashMap<>();
      events.until(
          e -> {
            states
                .computeIfAbsent(e.text("id"), k -> new java.util.ArrayList<>())
                .add(e.text("state"));
            return e.text("id").equals(quick) && e.text("state").equals("SUCCEEDED");
          },
          WAIT);
      assertThat(states.get(held)).containsExactly("RUNNING");

      Gate.open("feed");
      events.until(e -> e.text("id").equals(held) && e.text("state").equals("SUCCEEDED"), WAIT);
      String cancelled = start("gate", "\"feed-cancel\"");
      assertThat(Gate.awaitEntered("feed-cancel")).isTrue();
      assertThat(api.postEmpty("/api/runs/" + cancelled + "/cancel").status()).isEqualTo(200);
      List<EventClient.Event> toCancel =
          events.until(
              e -> e.text("id").equals(cancelled) && e.text("state").equals("CANCELLED"), WAIT);
      assertThat(toCancel).allMatch(e -> e.name().equals("run"));
      assertThat(states).doesNotContainKey(older);
      assertThat(toCancel).noneMatch(e -> e.text("id").equals(older));
    } finally {
      Gate.open("feed");
      Gate.open("feed-cancel");
    }
  }

  @Test
  void badRequestsForAStreamAreProblems() throws Exception {
    try (EventClient malformed = EventClient.open(api, "/api/events?run=nope")) {
      assertThat(malformed.status()).isEqualTo(400);
      assertThat(malformed.problem().get("parameter").asText()).isEqualTo("run");
    }
    String absent = RunId.generate(System.currentTimeMillis()).value();
    try (EventClient unknown = EventClient.open(api, "/api/events?run=" + absent)) {
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.problem().get("type").asText()).endsWith("/unknown-run");
    }
    try (EventClient other = EventClient.open(api, "/api/events?runs=1")) {
      assertThat(other.status()).isEqualTo(400);
      assertThat(other.problem().get("parameter").asText()).isEqualTo("runs");
    }
  }

  @Test
  void streamsAreCappedHeartbeatAndFreeTheirSlotWhenTheClientLeaves() throws Exception {
    try (HyphaServer capped =
        HyphaServer.builder(hypha)
            .port(0)
            .maxEventStreams(1)
            .heartbeat(Duration.ofMillis(100))
            .start()) {
      Api client = new Api(capped);
      EventClient first = EventClient.open(client, "/api/events");
      assertThat(first.status()).isEqualTo(200);
      assertThat(Eventually.within(WAIT, () -> first.comments() >= 3)).as("heartbeats").isTrue();

      try (EventClient second = EventClient.open(client, "/api/events")) {
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.header("Retry-After")).isEqualTo("5");
        assertThat(second.problem().get("type").asText()).endsWith("/too-many-streams");
      }

      first.close();
      boolean freed =
          Eventually.within(
              WAIT,
              () -> {
                try (EventClient next = EventClient.open(client, "/api/events")) {
                  return next.status() == 200;
                } catch (InterruptedException e) {
                  throw new AssertionError(e);
                }
              });
      assertThat(freed).as("the slot of a client that left is freed").isTrue();
    }
  }

  @Test
  void closingTheServerEndsItsStreams() throws Exception {
    HyphaServer closing = HyphaServer.builder(hypha).port(0).start();
    try (EventClient events = EventClient.open(new Api(closing), "/api/events")) {
      assertThat(events.status()).isEqualTo(200);
      long started = System.nanoTime();
      closing.close();
      assertThat(Eventually.within(WAIT, events::ended)).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
    closing.close();
  }

  private String start(String flow, String json) {
    Api.Response started = api.post("/api/flows/" + flow + "/runs", json);
    assertThat(started.status()).as("start %s: %s", flow, started).isEqualTo(201);
    return started.json().get("id").asText();
  }

  private void awaitState(String id, String state) throws InterruptedException {
    assertThat(
            Eventually.within(
                WAIT,
                () -> api.get("/api/runs/" + id).json().at("/run/state").asText().equals(state)))
        .as("run %s %s", id, state)
        .isTrue();
  }

  private void awaitTask(String id, String task, String state) throws InterruptedException {
    assertThat(
            Eventually.within(
                WAIT,
                () -> {
                  for (com.fasterxml.jackson.databind.JsonNode row :
                      api.get("/api/runs/" + id).json().get("tasks")) {
                    if (row.get("name").asText().equals(task)) {
                      return row.get("state").asText().equals(state);
                    }
                  }
                  return false;
                }))
        .as("task %s of %s %s", task, id, state)
        .isTrue();
  }
}
