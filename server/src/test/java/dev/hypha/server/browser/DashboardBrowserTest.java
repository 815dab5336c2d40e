package dev.hypha.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.RunState;
import dev.hypha.server.HyphaServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real headless Chromium, against a real server on a free port over a real
 * SQLite file, with an embedded Hypha executing the runs. Each test leaves a screenshot in
 * target/screenshots.
 */
class DashboardBrowserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String TOKEN = "s3cret-dashboard-token";
  private static final String ATTACK = "<img src=x onerror=alert(1)>";

  private static Browser browser;

  @TempDir Path dir;
  private Hypha hypha;
  private HyphaServer server;

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) browser.close();
  }

  @AfterEach
  void tearDown(TestInfo test) throws IOException {
    try {
      browser.screenshot(test.getTestMethod().orElseThrow().getName());
    } finally {
      browser.blank();
      if (server != null) server.close();
      if (hypha != null) hypha.close();
    }
  }

  @BeforeEach
  void forgetEarlierPages() {
    browser.assertNoErrorsLogged(".*"); // drains what an earlier test's page logged
  }

  private void serve(String token) {
    hypha = Hypha.builder().path(dir.resolve("runs.db")).open();
    HyphaServer.Builder builder = HyphaServer.builder(hypha).port(0);
    if (token != null) builder.token(token);
    server = builder.start();
  }

  private String page(String hash) {
    return server.uri().resolve("/").toString() + hash;
  }

  @Test
  void aRunPageShowsTasksTurningGreenLive() throws Exception {
    serve(null);
    CountDownLatch gate = new CountDownLatch(1);
    RelayFlow.bind(hypha, new Relay(gate));
    String id = start("dashboard-relay", "3", null).path("id").asText();

    browser.open(page("#/runs/" + id));
    browser.awaitNodeState("prepare", "RUNNING");
    assertThat(browser.nodeState("total")).isEqualTo("PENDING");
    assertThat(browser.nodeState("square")).isEqualTo("PENDING");
    assertThat(browser.text("#run-meta")).contains("RUNNING");
    browser.script("window.hyphaNotReloaded = true");

    gate.countDown();
    for (String task : List.of("prepare", "square", "label", "total")) {
      browser.awaitNodeState(task, "SUCCEEDED");
    }
    browser.awaitText("#run-meta", "SUCCEEDED");
    assertThat(browser.script("return window.hyphaNotReloaded === true"))
        .as("the page changed in place, without a reload")
        .isEqualTo(true);
    assertThat(browser.text("svg.graph g.node[data-task='square']"))
        .as("the fan-out's instances are counted on its node")
        .contains("3/3 done");
    assertThat(browser.text("#run-result")).contains("14");
    assertThat(browser.findAll("svg.graph path.edge")).hasSize(4);
    assertThat(browser.text("#tasks-table tr.task[data-task='square'] td.note"))
        .contains("3 instances: 3 succeeded");
    assertThat(browser.findAll("svg.timeline g.row")).as("timeline rows").hasSizeGreaterThan(4);
    browser.assertNoErrorsLogged();
  }

  @Test
  void withoutTheEventStreamTheRunPagePolls() throws Exception {
    serve(null);
    CountDownLatch gate = new CountDownLatch(1);
    RelayFlow.bind(hypha, new Relay(gate));
    String id = start("dashboard-relay", "2", null).path("id").asText();
    browser.block("*/api/events*");
    try {
      browser.open(page("#/runs/" + id));
      browser.awaitText("#live", "polling");
      browser.awaitNodeState("prepare", "RUNNING");
      gate.countDown();
      browser.awaitNodeState("total", "SUCCEEDED");
      browser.awaitText("#run-meta", "SUCCEEDED");
      assertThat(browser.text("#live")).isEqualTo("polling");
    } finally {
      browser.block();
    }
    browser.assertNoErrorsLogged("/api/events.*ERR_BLOCKED_BY_CLIENT");
  }

  @Test
  void aFailedRunShowsItsErrorAndStackTrace() throws Exception {
    serve(null);
    String id = start("dashboard-checks", "\"volume-7\"", null).path("id").asText();
    awaitRunState(id, RunState.FAILED);

    browser.open(page("#/runs/" + id));
    browser.awaitNodeState("check", "FAILED");
    assertThat(browser.nodeState("echo")).isEqualTo("SUCCEEDED");
    assertThat(browser.nodeState("report")).isEqualTo("SKIPPED");
    assertThat(browser.text("svg.graph g.node[data-task='report']"))
        .contains("skipped: upstream failed");
    assertThat(browser.text("#run-error"))
        .contains("Failed at task check")
        .contains("java.lang.IllegalStateException")
        .contains("disk quota exceeded for volume-7");

    WebElement stack = browser.find("#errors .error-entry[data-task='check'] details.stack");
    assertThat(stack.findElement(By.tagName("pre")).isDisplayed()).as("collapsed").isFalse();
    stack.findElement(By.tagName("summary")).click();
    WebElement trace = stack.findElement(By.tagName("pre"));
    assertThat(trace.isDisplayed()).isTrue();
    assertThat(trace.getText())
        .startsWith("java.lang.IllegalStateException: disk quota exceeded for volume-7")
        .contains("at dev.hypha.server.browser.Checks.check(Checks.java");
    assertThat(browser.findAll("svg.timeline g.row[data-task='check'] g.bar"))
        .as("both attempts of check on the timeline")
        .hasSize(2);

    // Retry: the run goes on from check, whose one more attempt (its @Retry budget is spent)
    // fails too; three attempts on the timeline.
    assertThat(browser.find("#cancel-button").isEnabled()).isFalse();
    browser.click("#retry-button");
    browser.awaitText("#action-message", "Retry requested.");
    awaitRunState(id, RunState.FAILED);
    browser.await(
        "three attempts of check on the timeline",
        d -> browser.findAll("svg.timeline g.row[data-task='check'] g.bar").size() == 3);
    assertThat(browser.nodeState("echo")).isEqualTo("SUCCEEDED");
    browser.assertNoErrorsLogged();
  }

  @Test
  void theCancelButtonCancelsARunOnceTheTokenIsGiven() throws Exception {
    serve(TOKEN);
    HoldFlow.bind(hypha, new Hold(new CountDownLatch(1)));
    String id = start("dashboard-hold", "\"maintenance\"", TOKEN).path("id").asText();

    browser.open(page("#/runs/" + id));
    browser.awaitNodeState("hold", "RUNNING");
    browser.click("#cancel-button");
    browser.awaitText("#notice", "401 Unauthorized");
    assertThat(browser.find("#token-form").isDisplayed()).as("the token form opens").isTrue();
    assertThat(runState(id)).isEqualTo("RUNNING");

    browser.find("#token-input").sendKeys(TOKEN);
    browser.click("#token-form button[type=submit]");
    assertThat(browser.script("return sessionStorage.getItem('hypha.token')")).isEqualTo(TOKEN);
    browser.click("#cancel-button");
    browser.awaitText("#action-message", "Cancelled.");
    browser.awaitNodeState("hold", "CANCELLED");
    browser.awaitText("#run-meta", "CANCELLED");
    assertThat(runState(id)).isEqualTo("CANCELLED");
    assertThat(browser.find("#cancel-button").isEnabled()).isFalse();

    // Only a FAILED run is retried: the button stays off, and the API refuses it (409).
    assertThat(browser.find("#retry-button").isEnabled()).isFalse();
    HttpResponse<String> retry = post("/api/runs/" + id + "/retry", "null", TOKEN);
    assertThat(retry.statusCode()).isEqualTo(409);
    browser.assertNoErrorsLogged("status of 401");
  }

  @Test
  void theRunsListPagesWithNextAndFiltersByState() throws Exception {
    serve(null);
    for (int i = 0; i < 45; i++) {
      hypha.start("dashboard-quick", String.valueOf(i)).await(Duration.ofSeconds(30));
    }
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = start("dashboard-checks", "\"v" + i + "\"", null).path("id").asText();
      awaitRunState(id, RunState.FAILED);
      failed.add(id);
    }
    List<String> expected = allRunIds();
    assertThat(expected).hasSize(48);

    browser.open(page("#/runs?limit=20"));
    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    while (true) {
      List<String> ids = awaitRows(seen.isEmpty() ? null : seen.get(seen.size() - 1));
      seen.addAll(ids);
      pageSizes.add(ids.size());
      WebElement next = browser.find("#runs-next");
      if (!next.isEnabled()) break;
      next.click();
    }
    assertThat(pageSizes).containsExactly(20, 20, 8);
    assertThat(seen).as("every run once, newest first").containsExactlyElementsOf(expected);
    assertThat(browser.text("#runs-status")).contains("the last page");

    browser.click("#runs-previous");
    assertThat(awaitRows(seen.get(seen.size() - 1))).isEqualTo(seen.subList(20, 40));

    browser.click("#runs-filters input[name=state][value=FAILED]");
    browser.click("#filter-apply");
    browser.await("the filter in the URL", d -> d.getCurrentUrl().contains("state=FAILED"));
    browser.await(
        "only failed runs listed",
        d ->
            rowIds().size() == 3
                && browser.findAll("#runs-table tbody tr:not([data-state=FAILED])").isEmpty());
    List<String> newestFirst = new ArrayList<>(failed);
    Collections.reverse(newestFirst);
    assertThat(rowIds()).containsExactlyElementsOf(newestFirst);
    assertThat(browser.find("#runs-next").isEnabled()).isFalse();
    assertThat(browser.text("#runs-table tbody")).contains("disk quota exceeded for v2");
    browser.assertNoErrorsLogged();
  }

  @Test
  void theRunsListShowsNewRunsAndTheirStateChangesLive() throws Exception {
    serve(null);
    HoldFlow.bind(hypha, new Hold(new CountDownLatch(1)));
    browser.open(page("#/runs"));
    browser.awaitText("#runs-status", "No runs match.");
    browser.script("window.hyphaNotReloaded = true");

    String id = start("dashboard-hold", "\"backup\"", null).path("id").asText();
    String row = "#runs-table tbody tr[data-run='" + id + "']";
    browser.await(
        "the new run listed", d -> !browser.findAll(row + "[data-state=RUNNING]").isEmpty());
    HttpResponse<String> cancel = post("/api/runs/" + id + "/cancel", "null", null);
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
    browser.await(
        "its row cancelled", d -> !browser.findAll(row + "[data-state=CANCELLED]").isEmpty());
    assertThat(browser.script("return window.hyphaNotReloaded === true")).isEqualTo(true);
    assertThat(rowIds()).containsExactly(id);
    browser.assertNoErrorsLogged();
  }

  @Test
  void userTextIsShownAsTextAndNeverBecomesMarkup() throws Exception {
    serve(null);
    String id =
        start("dashboard-checks", JSON.writeValueAsString(ATTACK), null).path("id").asText();
    awaitRunState(id, RunState.FAILED);

    browser.open(page("#/runs/" + id));
    browser.awaitNodeState("check", "FAILED");
    browser.click("#tasks-table tr.task[data-task='echo'] button.toggle");
    browser.awaitText("#tasks-table tr.detail[data-detail-of='echo']", "echo: " + ATTACK);
    assertThat(browser.text("#run-error")).contains("disk quota exceeded for " + ATTACK);
    assertThat(browser.text("#run-input")).contains(ATTACK);
    browser.click("#errors details.stack summary");
    assertThat(browser.text("#errors pre.stack-trace")).contains(ATTACK);
    assertNoInjectedMarkup();

    browser.open(page("#/runs"));
    browser.awaitText("#runs-table tbody", "disk quota exceeded for " + ATTACK);
    assertNoInjectedMarkup();
    browser.assertNoErrorsLogged();
  }

  @Test
  void theFlowsPageDrawsEveryFlowAndTheWorkersPageSaysTheStoreIsEmbedded() throws Exception {
    serve(null);
    browser.open(page("#/flows"));
    browser.await("the flows", d -> !browser.findAll("section.flow").isEmpty());
    JsonNode flows = JSON.readTree(get("/api/flows").body()).path("flows");
    assertThat(browser.findAll("section.flow")).hasSize(flows.size());
    for (JsonNode flow : flows) {
      String name = flow.path("name").asText();
      String section = "section.flow[data-flow='" + name + "'] ";
      assertThat(browser.findAll(section + "svg.graph g.node")).hasSize(flow.path("tasks").size());
      assertThat(browser.findAll(section + "svg.graph path.edge"))
          .hasSize(flow.path("edges").size());
    }

    browser.open(page("#/workers"));
    browser.awaitText("#workers", "No workers: embedded store");
    browser.assertNoErrorsLogged();
  }

  // Helpers --------------------------------------------------------------------------------------

  private void assertNoInjectedMarkup() {
    assertThat(browser.findAll("img")).as("no img element made from data").isEmpty();
    try {
      browser.driver().switchTo().alert();
      throw new AssertionError("an alert opened: a script from the data ran");
    } catch (NoAlertPresentException expected) {
      // nothing ran
    }
  }

  /** Waits until the runs table is loaded and its last id is not lastBefore; its row ids. */
  private List<String> awaitRows(String lastBefore) {
    return browser.await(
        "a page of runs",
        d -> {
          try {
            List<String> ids = rowIds();
            boolean loaded = !browser.text("#runs-status").startsWith("Loading");
            return loaded && !ids.isEmpty() && !ids.get(ids.size() - 1).equals(lastBefore)
                ? ids
                : null;
          } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
            return null;
          }
        });
  }

  private List<String> rowIds() {
    return browser.findAll("#runs-table tbody tr").stream()
        .map(row -> row.getAttribute("data-run"))
        .toList();
  }

  private List<String> allRunIds() throws IOException, InterruptedException {
    Set<String> ids = new LinkedHashSet<>();
    String after = null;
    do {
      JsonNode page =
          JSON.readTree(get("/api/runs?limit=7" + (after == null ? "" : "&after=" + after)).body());
      page.path("runs").forEach(run -> ids.add(run.path("id").asText()));
      after = page.path("next").isNull() ? null : page.path("next").asText();
    } while (after != null);
    return List.copyOf(ids);
  }

  private JsonNode start(String flow, String inputJson, String token)
      throws IOException, InterruptedException {
    HttpResponse<String> response = post("/api/flows/" + flow + "/runs", inputJson, token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body());
  }

  private String runState(String id) throws IOException, InterruptedException {
    HttpResponse<String> response = get("/api/runs/" + id);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body()).path("run").path("state").asText();
  }

  private void awaitRunState(String id, RunState state) throws Exception {
    long deadline = System.nanoTime() + Browser.WAIT.toNanos();
    while (!runState(id).equals(state.name())) {
      assertThat(System.nanoTime()).as("run " + id + " to be " + state).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(server.uri().resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(server.uri().resolve(path).toString()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) request.header("Authorization", "Bearer " + token);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
