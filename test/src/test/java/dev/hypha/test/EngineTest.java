package dev.hypha.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine a test runs on: serial by default, or as the annotation or an argument says. */
@HyphaTest
class EngineTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void theSerialEngineRunsOneTaskAtATime(Hypha hypha) {
    assertThat(PairFlow.bind(hypha, new Pair()).start().await(WAIT))
        .isEqualTo("left met right: false, right met left: true");
  }

  @Test
  @HyphaTest(engine = HyphaTest.Engine.PARALLEL)
  void theParallelEngineRunsThemAtOnce(Hypha hypha) {
    assertThat(PairFlow.bind(hypha, new Pair()).start().await(WAIT))
        .isEqualTo("left met right: true, right met left: true");
  }

  @ParameterizedTest
  @EnumSource(HyphaTest.Engine.class)
  void anEngineArgumentChoosesTheEngine(HyphaTest.Engine engine, Hypha hypha) {
    String expected =
        engine == HyphaTest.Engine.SERIAL
            ? "left met right: false, right met left: true"
            : "left met right: true, right met left: true";
    assertThat(PairFlow.bind(hypha, new Pair()).start().await(WAIT)).isEqualTo(expected);
  }
}
