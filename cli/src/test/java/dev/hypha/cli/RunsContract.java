package dev.hypha.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypha.cli.HyphaCli.Result;
import dev.hypha.runtime.RunId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands on a store with runs in it, end to end: a {@code hypha worker} child process runs
 * the tasks of queue {@code default} while {@code hypha start --wait} and the reading commands run
 * beside it, each a process of its own. Subclasses give the store: a SQLite file, PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RunsContract {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADA = "{\"name\": \"Ada\", \"age\": 36}";

  @TempDir static Path dir;

  HyphaCli hypha;
  String db;
  Background worker;
  RunId succeeded;
  RunId failed;
  Result succeededResult;
  Result failedResult;

  /** A new, empty store for this class's tests, as a --db value. */
  abstract String newStore(Path dir);

  @BeforeAll
  void startWorkerAndRuns() throws Exception {
    hypha = new HyphaCli(dir);
    db = newStore(dir);
    worker =
        hypha.start(
            "worker",
            "--db",
            db,
            "--classpath",
            HyphaCli.APP,
            "--name",
            "cli-test-worker",
            "--threads",
            "2",
            "--grace",
            "5s");
    worker.awaitOutput("ready on", 60_000);

    succeededResult = start("greeting", "--input", ADA, "--wait");
    succeeded = RunId.of(succeededResult.out().lines().findFirst().orElseThrow());
    failedResult = start("inventory", "--input", "\"sku-1\"", "--wait");
    failed = RunId.of(failedResult.out().lines().findFirst().orElseThrow());
  }

  @AfterAll
  void stopWorker() throws Exception {
    if (worker == null) {
      return;
    }
    int exit = worker.stop();
    // SIGTERM ends the JVM through its shutdown hooks: 128 + 15, after the worker's own goodbye.
    assertThat(exit).as(worker.output()).isEqualTo(143);
    assertThat(worker.stdout())
        .contains("worker stopping: finishing running tasks", "worker stopped");
  }

  Result start(String flow, String... args) {
    List<String> all =
        new ArrayList<>(List.of("start", flow, "--db", db, "--classpath", HyphaCli.APP));
    all.addAll(List.of(args));
    return hypha.run(all.toArray(String[]::new));
  }

  Result cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--db", db));
    return hypha.run(all.toArray(String[]::new));
  }

  JsonNode json(Result result) throws Exception {
    assertThat(result.exit()).as(result.toString()).isZero();
    return JSON.readTree(result.out());
  }

  /** Reads {@code hypha show RUN --json} until the run has ended (30 s at most). */
  JsonNode awaitEnd(RunId id) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      JsonNode detail = json(cli("show", id.value(), "--json"));
      if (!detail.get("run").get("state").asText().equals("RUNNING")
          || System.nanoTime() > deadline) {
        return detail;
      }
      Thread.sleep(200);
    }
  }

  @Test
  void startWaitOnASucceedingFlowShowsProgressAndExits0() {
    Result result = succeededResult;

    assertThat(result.exit()).as(result.toString()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo(succeeded.value());
    // Not a terminal: one line per change, never redrawn in place.
    assertThat(result.out()).doesNotContain("\r").doesNotContain("\u001b[");
    assertThat(lines).contains("[########################] 2/2 tasks done");
    assertThat(lines).anyMatch(line -> line.matches("\\[\\.+\\] 0/2 tasks done.*"));
    assertThat(lines)
        .anyMatch(line -> line.matches("run " + succeeded + " SUCCEEDED in .+"))
        .contains("result: \"HELLO, ADA (36)!\"");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void startWaitOnAFailingFlowPrintsTheErrorAndExits1() {
    Result result = failedResult;

    assertThat(result.exit()).as(result.toString()).isEqualTo(1);
    assertThat(result.out().lines().findFirst()).contains(failed.value());
    assertThat(result.out()).contains("3/3 tasks done").doesNotContain("SUCCEEDED");
    assertThat(result.err())
        .contains(
            "hypha start: run " + failed + " FAILED after ",
            ": task reserve failed: java.lang.IllegalStateException: no stock left to reserve\n",
            "hypha show " + failed)
        .doesNotContain("second line")
        .doesNotContain("\tat ");
  }

  @Test
  void onATerminalProgressIsRedrawnInPlaceAndStatesAreColoured() {
    Result waited =
        hypha.runInTerminal(
            "start", "greeting", "--db", db, "--classpath", HyphaCli.APP, "--input", ADA, "--wait");

    assertThat(waited.exit()).as(waited.toString()).isZero();
    assertThat(waited.out())
        .contains("\r[")
        .contains("2/2 tasks done")
        .contains("SUCCEEDED in ")
        .doesNotContain("0/2 tasks done\r\n");
    String id = waited.out().lines().findFirst().orElseThrow().strip();

    Result listed = hypha.runInTerminal("runs", "--db", db, "--flow", "greeting", "--limit", "5");
    assertThat(listed.exit()).as(listed.toString()).isZero();
    assertThat(listed.out()).contains(id).contains("\u001b[32mSUCCEEDED\u001b[0m");
  }

  @Test
  void inputComesFromAFileOrStandardInput() throws Exception {
    Path input = Files.writeString(dir.resolve("person.json"), "{\"name\": \"Bo\", \"age\": 7}");
    Result fromFile = start("greeting", "--input", "@" + input, "--wait");
    assertThat(fromFile.exit()).as(fromFile.toString()).isZero();
    assertThat(fromFile.out()).contains("result: \"HELLO, BO (7)!\"");

    List<String> args =
        List.of(
            "start",
            "greeting",
            "--db",
            db,
            "--classpath",
            HyphaCli.APP,
            "--input",
            "@-",
            "--wait");
    Result fromStdin =
        hypha.runWithInput("{\"name\": \"Cy\", \"age\": 9}", args.toArray(String[]::new));
    assertThat(fromStdin.exit()).as(fromStdin.toString()).isZero();
    assertThat(fromStdin.out()).contains("result: \"HELLO, CY (9)!\"");

    Result missingFile = start("greeting", "--input", "@" + dir.resolve("none.json"));
    assertThat(missingFile.exit()).as(missingFile.toString()).isEqualTo(2);
    assertThat(missingFile.err()).contains("none.json of --input does not exist");
  }

  @Test
  void inputThatDoesNotFitTheFlowIsAUsageError() throws Exception {
    long before =
        json(cli("runs", "--flow", "greeting", "--json", "--limit", "1000")).get("runs").size();

    Result wrongType =
        start("greeting", "--input", "{\"name\": \"Ada\", \"age\": \"old\"}", "--wait");
    assertThat(wrongType.exit()).as(wrongType.toString()).isEqualTo(2);
    assertThat(wrongType.err())
        .contains("the input of flow greeting is not a valid dev.hypha.cli.app.Greeting$Person")
        .contains("age")
        .doesNotContain("\tat ");
    assertThat(wrongType.out()).isEmpty();

    Result malformed = start("greeting", "--input", "{\"name\": ");
    assertThat(malformed.exit()).as(malformed.toString()).isEqualTo(2);
    assertThat(malformed.err()).contains("the input of flow greeting is not a valid");

    Result none = start("greeting");
    assertThat(none.exit()).as(none.toString()).isEqualTo(2);
    assertThat(none.err())
        .contains(
            "flow greeting takes an input of type dev.hypha.cli.app.Greeting$Person; pass it"
                + " with --input");

    long after =
        json(cli("runs", "--flow", "greeting", "--json", "--limit", "1000")).get("runs").size();
    assertThat(after).as("runs started by bad input").isEqualTo(before);
  }

  @Test
  void startingAnUnknownFlowIsNotFound() {
    Result result = start("nope", "--input", "{}", "--wait");

    assertThat(result.exit()).as(result.toString()).isEqualTo(3);
    assertThat(result.err())
        .contains("no flow named 'nope' is on the class path (flows: approval, greeting,");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void startWithAKeyStartsOneRun() throws Exception {
    Result first = start("greeting", "--input", ADA, "--key", "order-42");
    Result second = start("greeting", "--input", ADA, "--key", "order-42");

    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(second.exit()).as(second.toString()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(second.err()).contains("was started with key 'order-42' already");
    awaitEnd(RunId.of(first.out().strip()));
  }

  @Test
  void startJsonPrintsTheRunSummary() throws Exception {
    JsonNode summary = json(start("greeting", "--input", ADA, "--json"));

    assertThat(summary.get("flow").asText()).isEqualTo("greeting");
    assertThat(summary.get("state").asText()).isEqualTo("RUNNING");
    assertThat(summary.get("finishedAt").isNull()).isTrue();
    RunId id = RunId.of(summary.get("id").asText());

    JsonNode detail = awaitEnd(id);
    assertThat(detail.get("run").get("state").asText()).isEqualTo("SUCCEEDED");
  }

  @Test
  void runsListsRunsNewestFirstInATable() {
    Result result = cli("runs");

    assertThat(result.exit()).as(result.toString()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).matches("ID +FLOW +STATE +STARTED +DURATION +ERROR");
    int failedLine = indexOf(lines, failed.value());
    int succeededLine = indexOf(lines, succeeded.value());
    assertThat(failedLine).as("newer first").isLessThan(succeededLine).isPositive();
    assertThat(lines.get(failedLine))
        .matches(
            failed
                + " +inventory +FAILED +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +\\S+ +reserve:"
                + " java.lang.IllegalStateException: no stock left to reserve");
    assertThat(lines.get(succeededLine))
        .matches(succeeded + " +greeting +SUCCEEDED +\\S+ +\\S+ +-");
  }

  @Test
  void runsJsonIsThePageShapeAndFilters() throws Exception {
    JsonNode page = json(cli("runs", "--json", "--since", "1h"));
    JsonNode failedRun = find(page.get("runs"), failed);
    assertThat(failedRun.get("flow").asText()).isEqualTo("inventory");
    assertThat(failedRun.get("state").asText()).isEqualTo("FAILED");
    assertThat(failedRun.get("shapeHash").asText()).isNotBlank();
    assertThat(failedRun.get("finishedAt").asText()).endsWith("Z");
    assertThat(failedRun.get("error").get("task").asText()).isEqualTo("reserve");
    assertThat(failedRun.get("error").get("type").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(failedRun.get("error").get("message").asText())
        .isEqualTo("no stock left to reserve\nsecond line of the message");
    JsonNode succeededRun = find(page.get("runs"), succeeded);
    assertThat(succeededRun.get("error").isNull()).isTrue();
    assertThat(page.get("next").isNull()).isTrue();

    JsonNode failures = json(cli("runs", "--json", "--state", "failed,cancelled"));
    assertThat(failures.get("runs"))
        .allMatch(run -> !run.get("state").asText().equals("SUCCEEDED"));
    assertThat(find(failures.get("runs"), failed)).isNotNull();
    assertThat(ids(failures.get("runs"))).doesNotContain(succeeded.value());

    JsonNode greetings = json(cli("runs", "--json", "--flow", "greeting"));
    assertThat(greetings.get("runs")).allMatch(run -> run.get("flow").asText().equals("greeting"));

    JsonNode future = json(cli("runs", "--json", "--since", "2999-01-01T00:00:00Z"));
    assertThat(future.get("runs")).isEmpty();
    Result none = cli("runs", "--since", "2999-01-01T00:00:00Z");
    assertThat(none.out()).isEqualTo("no runs match\n");
  }

  @Test
  void runsPagesWithNext() throws Exception {
    // A store of its own, with no worker: three runs that stay RUNNING.
    String store = newStore(Files.createDirectories(dir.resolve("paging")));
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Result result =
          hypha.run(
              "start",
              "parked",
              "--db",
              store,
              "--classpath",
              HyphaCli.APP,
              "--input",
              "\"" + i + "\"");
      assertThat(result.exit()).as(result.toString()).isZero();
      started.add(result.out().strip());
    }

    JsonNode first = json(hypha.run("runs", "--db", store, "--limit", "2", "--json"));
    assertThat(ids(first.get("runs"))).containsExactly(started.get(2), started.get(1));
    assertThat(first.get("runs")).allMatch(run -> run.get("state").asText().equals("RUNNING"));
    String next = first.get("next").asText();
    assertThat(next).isNotBlank();

    JsonNode second =
        json(hypha.run("runs", "--db", store, "--limit", "2", "--after", next, "--json"));
    assertThat(ids(second.get("runs"))).containsExactly(started.get(0));
    assertThat(second.get("next").isNull()).isTrue();

    Result table = hypha.run("runs", "--db", store, "--limit", "2");
    assertThat(table.out()).contains("next page: --after " + next);
    Result bad = hypha.run("runs", "--db", store, "--after", "garbage");
    assertThat(bad.exit()).as(bad.toString()).isEqualTo(2);
    assertThat(bad.err()).contains("not a page token");
  }

  @Test
  void showPrintsTheRunAndATableOfItsTasks() {
    Result result = cli("show", failed.value());

    assertThat(result.exit()).as(result.toString()).isZero();
    List<String> lines = result.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("run       " + failed);
    assertThat(lines)
        .anyMatch(line -> line.matches("flow +inventory \\(shape \\w+\\)"))
        .contains("state     FAILED")
        .anyMatch(line -> line.matches("finished +\\S+Z \\(took \\S+\\)"))
        .contains(
            "error     task reserve: java.lang.IllegalStateException: no stock left to reserve",
            "input     \"sku-1\"");
    int header = indexOf(lines, "TASK ");
    assertThat(lines.get(header))
        .matches("TASK +STATE +ATTEMPT +QUEUE +WORKER +STARTED +TOOK +ERROR / SKIP");
    assertThat(lines.get(header + 1))
        .matches("count +SUCCEEDED +1 +default +cli-test-worker +\\S+ +\\S+ +-");
    assertThat(lines.get(header + 2))
        .matches(
            "reserve +FAILED +1 +default +cli-test-worker +\\S+ +\\S+ +"
                + "java.lang.IllegalStateException: no stock left to reserve");
    assertThat(lines.get(header + 3))
        .matches("ship +SKIPPED +0 +default +- +- +- +skipped: upstream failed");
    assertThat(result.out()).doesNotContain("second line", "\tat ");
  }

  @Test
  void showJsonIsTheRunDetail() throws Exception {
    JsonNode detail = json(cli("show", failed.value(), "--json"));

    assertThat(detail.get("run").get("id").asText()).isEqualTo(failed.value());
    assertThat(detail.get("run").get("state").asText()).isEqualTo("FAILED");
    assertThat(detail.get("input").isTextual()).isTrue();
    assertThat(detail.get("input").asText()).isEqualTo("sku-1");
    assertThat(detail.get("result").isNull()).isTrue();
    JsonNode tasks = detail.get("tasks");
    assertThat(tasks).hasSize(3);
    JsonNode count = tasks.get(0);
    assertThat(count.get("name").asText()).isEqualTo("count");
    assertThat(count.get("kind").asText()).isEqualTo("TASK");
    assertThat(count.get("queue").asText()).isEqualTo("default");
    assertThat(count.get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(count.get("attempt").asInt()).isEqualTo(1);
    assertThat(count.get("worker").asText()).isEqualTo("cli-test-worker");
    assertThat(count.get("output").isInt()).isTrue();
    assertThat(count.get("output").asInt()).isZero();
    assertThat(count.get("startedAt").asText()).endsWith("Z");
    assertThat(count.get("error").isNull()).isTrue();
    JsonNode reserve = tasks.get(1);
    assertThat(reserve.get("state").asText()).isEqualTo("FAILED");
    assertThat(reserve.get("output").isNull()).isTrue();
    assertThat(reserve.get("error").get("type").asText())
        .isEqualTo("java.lang.IllegalStateException");
    assertThat(reserve.get("error").get("stackTrace").asText())
        .contains("dev.hypha.cli.app.Inventory.reserve");
    assertThat(reserve.get("attempts").isArray()).isTrue();
    JsonNode ship = tasks.get(2);
    assertThat(ship.get("state").asText()).isEqualTo("SKIPPED");
    assertThat(ship.get("skipReason").asText()).isEqualTo("UPSTREAM_FAILED");
    assertThat(ship.get("startedAt").isNull()).isTrue();

    JsonNode greeting = json(cli("show", succeeded.value(), "--json"));
    assertThat(greeting.get("input").toString()).isEqualTo("{\"name\":\"Ada\",\"age\":36}");
    assertThat(greeting.get("result").asText()).isEqualTo("HELLO, ADA (36)!");
    assertThat(greeting.get("tasks").get(1).get("output").asText()).isEqualTo("HELLO, ADA (36)!");
  }

  @Test
  void showOfAnUnknownRunIsNotFound() {
    Result result = cli("show", "01a22f91-4c93-7c4a-bce1-704cd9902160");

    assertThat(result.exit()).as(result.toString()).isEqualTo(3);
    assertThat(result.err())
        .contains("no run 01a22f91-4c93-7c4a-bce1-704cd9902160 in ")
        .contains("hypha runs lists the runs");
  }

  @Test
  void signalReachesTheWaitingTask() throws Exception {
    Result started = start("approval", "--input", "\"a new laptop\"");
    assertThat(started.exit()).as(started.toString()).isZero();
    RunId id = RunId.of(started.out().strip());

    Result unknown =
        cli("signal", id.value(), "verdict", "--payload", "{}", "--classpath", HyphaCli.APP);
    assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(3);
    assertThat(unknown.err()).contains("waits for a signal named 'verdict'", "it has decision");

    Result badPayload =
        cli(
            "signal",
            id.value(),
            "decision",
            "--payload",
            "{\"approved\": \"perhaps\"}",
            "--classpath",
            HyphaCli.APP);
    assertThat(badPayload.exit()).as(badPayload.toString()).isEqualTo(2);
    assertThat(badPayload.err()).contains("Approval$Decision");

    Result withoutApp =
        cli(
            "signal",
            id.value(),
            "decision",
            "--payload",
            "{\"approver\": \"bo\", \"approved\": true}");
    assertThat(withoutApp.exit()).as(withoutApp.toString()).isEqualTo(3);
    assertThat(withoutApp.err())
        .contains("is a run of flow approval, which is not on the class path; pass --classpath");

    Result sent =
        cli(
            "signal",
            id.value(),
            "decision",
            "--payload",
            "{\"approver\": \"bo\", \"approved\": true}",
            "--classpath",
            HyphaCli.APP);
    assertThat(sent.exit()).as(sent.toString()).isZero();
    assertThat(sent.out()).isEqualTo("sent signal decision to run " + id + "\n");

    JsonNode detail = awaitEnd(id);
    assertThat(detail.get("run").get("state").asText()).isEqualTo("SUCCEEDED");
    assertThat(detail.get("result").asText()).isEqualTo("approved a new laptop by bo");
    assertThat(detail.get("tasks").get(1).get("input").toString())
        .isEqualTo("{\"approver\":\"bo\",\"approved\":true}");

    Result late =
        cli(
            "signal",
            id.value(),
            "decision",
            "--payload",
            "{\"approver\": \"cy\", \"approved\": false}",
            "--classpath",
            HyphaCli.APP);
    assertThat(late.exit()).as(late.toString()).isEqualTo(1);
    assertThat(late.err()).contains("run " + id + " has already ended SUCCEEDED");
  }

  @Test
  void cancelEndsARunningRunOnce() throws Exception {
    Result started = start("parked", "--input", "\"until cancelled\"");
    assertThat(started.exit()).as(started.toString()).isZero();
    RunId id = RunId.of(started.out().strip());

    Result cancelled = cli("cancel", id.value());
    assertThat(cancelled.exit()).as(cancelled.toString()).isZero();
    assertThat(cancelled.out()).isEqualTo("cancelled run " + id + " of flow parked\n");

    JsonNode detail = json(cli("show", id.value(), "--json"));
    assertThat(detail.get("run").get("state").asText()).isEqualTo("CANCELLED");
    assertThat(detail.get("tasks").get(0).get("state").asText()).isEqualTo("CANCELLED");

    Result again = cli("cancel", id.value());
    assertThat(again.exit()).as(again.toString()).isEqualTo(1);
    assertThat(again.err())
        .contains("run " + id + " had already ended CANCELLED; nothing to cancel");

    Result unknown = cli("cancel", "01a22f91-4c93-7c4a-bce1-704cd9902160");
    assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(3);
  }

  @Test
  void retryRunsAFailedRunAgainAndRefusesOthers() throws Exception {
    Result failedAgain = start("inventory", "--input", "\"sku-2\"", "--wait");
    assertThat(failedAgain.exit()).as(failedAgain.toString()).isEqualTo(1);
    RunId id = RunId.of(failedAgain.out().lines().findFirst().orElseThrow());

    Result withoutFlow = cli("retry", id.value());
    assertThat(withoutFlow.exit()).as(withoutFlow.toString()).isEqualTo(3);
    assertThat(withoutFlow.err()).contains("which is not on the class path; pass --classpath");
    assertThat(json(cli("show", id.value(), "--json")).get("run").get("state").asText())
        .isEqualTo("FAILED");

    Result retried = cli("retry", id.value(), "--classpath", HyphaCli.APP);
    assertThat(retried.exit()).as(retried.toString()).isZero();
    assertThat(retried.out())
        .isEqualTo("retried run " + id + " of flow inventory: its failed tasks run again\n");
    JsonNode detail = awaitEnd(id);
    // Still out of stock: the new attempt fails too, and both attempts are in the history.
    assertThat(detail.get("run").get("state").asText()).isEqualTo("FAILED");
    JsonNode reserve = null;
    for (JsonNode task : detail.get("tasks")) {
      if (task.get("name").asText().equals("reserve")) {
        reserve = task;
      }
    }
    assertThat(reserve).isNotNull();
    assertThat(reserve.get("attempt").asInt()).isEqualTo(2);
    assertThat(reserve.get("attempts")).hasSize(2);

    Result notFailed = cli("retry", succeeded.value(), "--classpath", HyphaCli.APP);
    assertThat(notFailed.exit()).as(notFailed.toString()).isEqualTo(1);
    assertThat(notFailed.err())
        .contains("run " + succeeded + " cannot be retried: it is SUCCEEDED");
    Result unknown = cli("retry", "01a22f91-4c93-7c4a-bce1-704cd9902160");
    assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(3);
  }

  /** {@code hypha serve} opens the store as a client and serves its runs and the dashboard. */
  @Test
  void serveAnswersTheApiAndTheDashboardOverTheStore() throws Exception {
    Background server =
        hypha.start("serve", "--db", db, "--classpath", HyphaCli.APP, "--port", "0");
    try {
      server.awaitOutput("Hypha serves", 60_000);
      String line =
          server.stdout().stream()
              .filter(text -> text.startsWith("Hypha serves"))
              .findFirst()
              .orElseThrow();
      java.net.URI base = java.net.URI.create(line.substring(line.lastIndexOf(" at ") + 4));
      assertThat(base.getHost()).isEqualTo("127.0.0.1");
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpResponse<String> runs =
          http.send(
              java.net.http.HttpRequest.newBuilder(base.resolve("/api/runs?limit=1000")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(runs.statusCode()).isEqualTo(200);
      List<String> ids = new ArrayList<>();
      JSON.readTree(runs.body()).get("runs").forEach(run -> ids.add(run.get("id").asText()));
      assertThat(ids).contains(succeeded.value(), failed.value());
      java.net.http.HttpResponse<String> dashboard =
          http.send(
              java.net.http.HttpRequest.newBuilder(base).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(dashboard.statusCode()).isEqualTo(200);
      assertThat(dashboard.body()).contains("<title>Hypha</title>");
    } finally {
      assertThat(server.stop()).as(server.output()).isEqualTo(143);
    }
  }

  @Test
  void startWaitWithoutAWorkerForTheQueueWarnsAndTimesOut() throws Exception {
    Result result = start("parked", "--input", "\"nobody runs me\"", "--wait", "--timeout", "2s");

    assertThat(result.exit()).as(result.toString()).isEqualTo(5);
    RunId id = RunId.of(result.out().lines().findFirst().orElseThrow());
    assertThat(result.err())
        .contains("warning: no live worker on ")
        .contains("hosts queue 'parked' of flow parked")
        .contains("hypha worker --db ")
        .contains("--queues parked")
        .contains("run " + id + " is still RUNNING after PT2S; it goes on");
    assertThat(result.out()).contains("0/1 tasks done");
    assertThat(cli("cancel", id.value()).exit()).isZero();
  }

  @Test
  void workersListsTheWorker() throws Exception {
    JsonNode workers = json(cli("workers", "--json")).get("workers");
    JsonNode ours = null;
    for (JsonNode worker : workers) {
      if (worker.get("worker").asText().equals("cli-test-worker")) {
        ours = worker;
      }
    }
    assertThat(ours).as(workers.toString()).isNotNull();
    assertThat(ours.get("queues").toString()).isEqualTo("[\"default\"]");
    assertThat(ours.get("stoppedAt").isNull()).isTrue();
    assertThat(ours.get("lastSeen").asText()).endsWith("Z");

    Result table = cli("workers");
    assertThat(table.out()).containsPattern("(?m)^cli-test-worker +default +\\S+ +\\S+ +live$");
  }

  private static int indexOf(List<String> lines, String text) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no line contains " + text + " in\n" + String.join("\n", lines));
  }

  private static JsonNode find(JsonNode runs, RunId id) {
    for (JsonNode run : runs) {
      if (run.get("id").asText().equals(id.value())) {
        return run;
      }
    }
    throw new AssertionError("no run " + id + " in " + runs);
  }

  private static List<String> ids(JsonNode runs) {
    List<String> ids = new ArrayList<>();
    runs.forEach(run -> ids.add(run.get("id").asText()));
    return ids;
  }
}
