package dev.hypha.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {
  private static final Instant NOW = Instant.parse("2025-05-01T12:00:00Z");

  @Test
  void durationsReadInBothForms() {
    assertThat(Times.parseDuration("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(Times.parseDuration("pt1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(Times.parseDuration("P2D")).isEqualTo(Duration.ofDays(2));
    assertThat(Times.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Times.parseDuration("15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Times.parseDuration("1H")).isEqualTo(Duration.ofHours(1));
    assertThat(Times.parseDuration("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(Times.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aBadDurationNamesTheForms() {
    assertThatThrownBy(() -> Times.parseDuration("5 minutes"))
        .hasMessage(
            "'5 minutes' is not a duration; write it as PT5M or PT1H30M, or as 90s, 5m, 1h or 2d");
    assertThatThrownBy(() -> Times.parseDuration("PTX"))
        .hasMessageContaining("'PTX' is not a duration");
  }

  @Test
  void sinceIsAnInstantOrADurationBack() {
    assertThat(Times.parseSince("2025-04-30T10:00:00Z", NOW))
        .isEqualTo(Instant.parse("2025-04-30T10:00:00Z"));
    assertThat(Times.parseSince("PT1H", NOW)).isEqualTo(Instant.parse("2025-05-01T11:00:00Z"));
    assertThat(Times.parseSince("2d", NOW)).isEqualTo(Instant.parse("2025-04-29T12:00:00Z"));
    assertThatThrownBy(() -> Times.parseSince("2025-04-30T10:00", NOW))
        .hasMessageContaining("is not an instant; write it as 2025-05-01T10:00:00Z");
    assertThatThrownBy(() -> Times.parseSince("yesterday", NOW))
        .hasMessageContaining("'yesterday' is neither an instant nor a duration");
  }

  @Test
  void durationsPrintForPeople() {
    assertThat(Times.duration(Duration.ofMillis(850))).isEqualTo("850ms");
    assertThat(Times.duration(Duration.ofMillis(4_240))).isEqualTo("4.2s");
    assertThat(Times.duration(Duration.ofSeconds(187))).isEqualTo("3m07s");
    assertThat(Times.duration(Duration.ofMinutes(125))).isEqualTo("2h05m");
    assertThat(Times.duration(Duration.ofHours(76))).isEqualTo("3d04h");
    assertThat(Times.duration(Duration.ofMillis(-5))).isEqualTo("0ms");
  }

  @Test
  void instantsPrintAsIso() {
    Instant instant = Instant.parse("2025-05-01T10:15:30.123456Z");
    assertThat(Times.instant(instant)).isEqualTo("2025-05-01T10:15:30.123Z");
    assertThat(Times.instantSeconds(instant)).isEqualTo("2025-05-01T10:15:30Z");
  }
}
