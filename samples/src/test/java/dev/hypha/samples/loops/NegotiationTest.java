package dev.hypha.samples.loops;

import static dev.hypha.test.HistoryAssert.assertRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.test.HyphaTest;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The loop sample through the real processor: rounds of haggling until the prices meet, each round
 * recorded with the offer it handed on; a buyer who never moves exhausts the ten rounds.
 */
@HyphaTest
class NegotiationTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void theyHaggleRoundByRoundUntilThePricesMeet(HyphaTest.Engine engine, Hypha hypha) {
    // The buyer offers 60, whatever the seller asks: the seller halves the gap each round.
    NegotiationFlow flow = NegotiationFlow.bind(hypha, new Negotiation(offer -> 60));
    Run<String> run = flow.start(100);
    assertThat(run.await(WAIT)).isEqualTo("sold for 62 after 4 rounds");
    assertRun(run)
        .task("haggle[0]")
        .hasOutput("{\"again\":{\"round\":2,\"price\":80}}")
        .and()
        .task("haggle[3]")
        .hasOutput("{\"done\":{\"rounds\":4,\"price\":62}}");
    assertThat(run.detail().task("haggle[4]")).isEmpty();
    assertThat(flow.outputs(run.id()).haggle()).hasValue(new Negotiation.Deal(4, 62));
  }

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void aBuyerWhoNeverMovesExhaustsTheRounds(HyphaTest.Engine engine, Hypha hypha) {
    NegotiationFlow flow =
        NegotiationFlow.bind(hypha, new Negotiation(offer -> offer.price() - 1000));
    Run<String> run = flow.start(100_000);
    assertThatThrownBy(() -> run.await(WAIT))
        .isInstanceOf(RunFailedException.class)
        .hasMessageContaining("loop haggle was not done after 10 iterations");
    assertRun(run).task("haggle[9]").succeeded().and().task("sign").skipped();
  }
}
