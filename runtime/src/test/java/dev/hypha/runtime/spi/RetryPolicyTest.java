package dev.hypha.runtime.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static RetryPolicy policy(
      int attempts,
      String backoff,
      double multiplier,
      String max,
      double jitter,
      List<Class<? extends Throwable>> retryOn,
      List<Class<? extends Throwable>> abortOn) {
    return new RetryPolicy(
        attempts,
        Duration.parse(backoff),
        multiplier,
        Duration.parse(max),
        jitter,
        retryOn,
        abortOn);
  }

  @Test
  void delaysGrowByTheMultiplierUpToTheCap() {
    RetryPolicy policy = policy(10, "PT1S", 2.0, "PT5S", 0.0, List.of(), List.of());
    assertThat(List.of(2, 3, 4, 5, 6))
        .extracting(attempt -> policy.delayBefore(attempt, 0.5).toMillis())
        .containsExactly(1000L, 2000L, 4000L, 5000L, 5000L);
  }

  @Test
  void jitterSpreadsDelaysBothWaysButNeverPastTheCap() {
    RetryPolicy policy = policy(10, "PT1S", 2.0, "PT2S", 0.5, List.of(), List.of());
    assertThat(policy.delayBefore(2, 0.0)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.delayBefore(2, 0.999_999)).isLessThanOrEqualTo(Duration.ofMillis(1500));
    assertThat(policy.delayBefore(3, 0.999_999)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void attemptsRetryOnAndAbortOnDecideWhatIsRetried() {
    RetryPolicy policy =
        policy(
            3,
            "PT1S",
            1.0,
            "PT1S",
            0.0,
            List.of(IOException.class),
            List.of(FileNotFoundException.class));
    assertThat(policy.retries(new IOException("down"), 1)).isTrue();
    assertThat(policy.retries(new IOException("down"), 3)).as("no fourth attempt").isFalse();
    assertThat(policy.retries(new FileNotFoundException("gone"), 1))
        .as("abortOn wins over retryOn")
        .isFalse();
    assertThat(policy.retries(new UncheckedIOException(new IOException()), 1))
        .as("not listed in retryOn")
        .isFalse();
    assertThat(RetryPolicy.NONE.retries(new IllegalStateException(), 1)).isFalse();
  }

  @Test
  void inconsistentPoliciesAreRefused() {
    assertThatThrownBy(() -> policy(0, "PT1S", 2.0, "PT5S", 0.0, List.of(), List.of()))
        .hasMessageContaining("maxAttempts must be at least 1, was 0");
    assertThatThrownBy(() -> policy(3, "PT10S", 2.0, "PT5S", 0.0, List.of(), List.of()))
        .hasMessageContaining("nor above maxBackoff PT5S");
    assertThatThrownBy(() -> policy(3, "PT1S", 0.5, "PT5S", 0.0, List.of(), List.of()))
        .hasMessageContaining("multiplier must be at least 1.0");
    assertThatThrownBy(() -> policy(3, "PT1S", 2.0, "PT5S", 1.5, List.of(), List.of()))
        .hasMessageContaining("jitter within 0.0 to 1.0");
  }
}
