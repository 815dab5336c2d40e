package dev.hypha.samples.claims;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.samples.EngineKind;
import dev.hypha.samples.claims.ClaimReview.Claim;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The branches sample through the real processor: each claim takes one of the three ways its
 * assessment's type decides, the other two are SKIPPED as not taken, the join sends that way's
 * letter, and the fraud alert runs only for the claim whose hint is present. The stored history and
 * typed outputs say the same after the store is opened again.
 */
class ClaimReviewTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void eachClaimTakesTheWayItsAssessmentDecidesAndTheJoinSendsOneLetter(EngineKind engine)
      throws Exception {
    Path database = dir.resolve("claims.db");
    Map<String, RunId> ids = new LinkedHashMap<>();
    try (Hypha hypha = engine.open(database)) {
      ClaimReviewFlow flow = ClaimReviewFlow.bind(hypha, new ClaimReview());
      for (Claim claim : ClaimsDemo.claims()) {
        Run<ClaimReviewFlow.Result> run = flow.start(claim);
        ids.put(claim.id(), run.id());
        ClaimReviewFlow.Result result = run.await(WAIT);
        switch (claim.id()) {
          case "c-1" -> {
            assertThat(result.send()).isEqualTo("to ada: we paid 800 as pay-c-1");
            assertThat(result.alert()).isEmpty();
          }
          case "c-2" -> {
            assertThat(result.send())
                .isEqualTo("to bob: we cannot pay: the policy does not cover it");
            assertThat(result.alert()).isEmpty();
          }
          default -> {
            assertThat(result.send()).isEqualTo("to cy: please send receipts for 25000");
            assertThat(result.alert()).contains("fraud desk alerted: claim c-3 is over 10000");
          }
        }
      }
    }
    try (Hypha hypha = engine.open(database)) {
      ClaimReviewFlow flow = ClaimReviewFlow.bind(hypha, new ClaimReview());
      assertThat(states(flow.history().detail(ids.get("c-1")).orElseThrow()))
          .containsExactly(
              "assess SUCCEEDED",
              "pay SUCCEEDED",
              "receipt SUCCEEDED",
              "refuse SKIPPED NOT_TAKEN",
              "investigate SKIPPED NOT_TAKEN",
              "send SUCCEEDED",
              "fraudHint SUCCEEDED",
              "alert SKIPPED NOT_TAKEN");
      assertThat(states(flow.history().detail(ids.get("c-2")).orElseThrow()))
          .contains(
              "pay SKIPPED NOT_TAKEN",
              "receipt SKIPPED NOT_TAKEN",
              "refuse SUCCEEDED",
              "investigate SKIPPED NOT_TAKEN",
              "send SUCCEEDED");
      assertThat(states(flow.history().detail(ids.get("c-3")).orElseThrow()))
          .contains("investigate SUCCEEDED", "alert SUCCEEDED", "pay SKIPPED NOT_TAKEN");
      // The decision is in the history: the assessment's JSON names its kind.
      assertThat(flow.history().detail(ids.get("c-2")).orElseThrow().task("assess"))
          .flatMap(TaskRecord::outputJson)
          .hasValueSatisfying(json -> assertThat(json).contains("\"@type\":\"Refused\""));
      ClaimReviewFlow.Outputs outputs = flow.outputs(ids.get("c-2"));
      assertThat(outputs.assess()).containsInstanceOf(ClaimReview.Refused.class);
      assertThat(outputs.pay()).isEmpty();
      assertThat(flow.history().result(ids.get("c-1")).orElseThrow().alert())
          .isEqualTo(Optional.empty());
      assertThat(flow.history().detail(ids.get("c-1")).orElseThrow().state())
          .isEqualTo(RunState.SUCCEEDED);
    }
  }

  @Test
  void theDemoPrintsEachWayAndTheWaysNotTaken() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    List<RunDetail> history =
        ClaimsDemo.run(
            dir.resolve("demo.db"), new PrintStream(printed, true, StandardCharsets.UTF_8));
    assertThat(history).extracting(RunDetail::state).containsOnly(RunState.SUCCEEDED);
    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(out).contains("Claim c-1: to ada: we paid 800 as pay-c-1");
    assertThat(out).contains("  fraud desk alerted: claim c-3 is over 10000");
    assertThat(out).containsPattern("refuse +SKIPPED +attempt 0  \\(not taken\\)");
  }

  private static List<String> states(RunDetail detail) {
    return detail.tasks().stream()
        .map(
            task ->
                task.name()
                    + " "
                    + task.state()
                    + task.skipReason().map(reason -> " " + reason).orElse(""))
        .toList();
  }
}
