package dev.hypha.samples.loops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.samples.EngineKind;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The loop sample through the real processor: rounds of haggling until the prices meet, each round
 * recorded with the offer it handed on; a buyer who never moves exhausts the ten rounds.
 */
class NegotiationTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void theyHaggleRoundByRoundUntilThePricesMeet(EngineKind engine) {
    // The buyer offers 60, whatever the seller asks: the seller halves the gap each round.
    try (Hypha hypha = engine.open(dir.resolve("negotiation.db"))) {
      NegotiationFlow flow = NegotiationFlow.bind(hypha, new Negotiation(offer -> 60));
      Run<String> run = flow.start(100);
      assertThat(run.await(WAIT)).isEqualTo("sold for 62 after 4 rounds");
      RunDetail detail = run.detail();
      assertThat(detail.task("haggle[0]").flatMap(TaskRecord::outputJson))
          .hasValue("{\"again\":{\"round\":2,\"price\":80}}");
      assertThat(detail.task("haggle[3]").flatMap(TaskRecord::outputJson))
          .hasValue("{\"done\":{\"rounds\":4,\"price\":62}}");
      assertThat(detail.task("haggle[4]")).isEmpty();
      assertThat(flow.outputs(run.id()).haggle()).hasValue(new Negotiation.Deal(4, 62));
    }
  }

  @ParameterizedTest
  @EnumSource(EngineKind.class)
  void aBuyerWhoNeverMovesExhaustsTheRounds(EngineKind engine) {
    try (Hypha hypha = engine.open(dir.resolve("negotiation.db"))) {
      NegotiationFlow flow =
          NegotiationFlow.bind(hypha, new Negotiation(offer -> offer.price() - 1000));
      Run<String> run = flow.start(100_000);
      assertThatThrownBy(() -> run.await(WAIT))
          .isInstanceOf(RunFailedException.class)
          .hasMessageContaining("loop haggle was not done after 10 iterations");
      assertThat(run.detail().task("haggle[9]").map(TaskRecord::state))
          .hasValue(TaskState.SUCCEEDED);
      assertThat(run.detail().task("sign").map(TaskRecord::state)).hasValue(TaskState.SKIPPED);
    }
  }
}
