package dev.hypha.cli.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading and writing times and durations the way the command shows and takes them. Stateless. */
public final class Times {
  private static final Pattern SHORT_DURATION =
      Pattern.compile("(\\d+)(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

  private Times() {}

  /** An ISO-8601 instant to the millisecond, as {@code 2025-05-01T10:15:30.125Z}. */
  public static String instant(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** An ISO-8601 instant to the second, for tables. */
  public static String instantSeconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** {@link #instant} of {@code instant}, or null. */
  public static String instant(Optional<Instant> instant) {
    return instant.map(Times::instant).orElse(null);
  }

  /**
   * A duration for people: {@code 850ms}, {@code 4.2s}, {@code 3m07s}, {@code 2h05m}, {@code
   * 3d04h}.
   */
  public static String duration(Duration duration) {
    long millis = Math.max(0, duration.toMillis());
    if (millis < 1_000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = millis / 1_000;
    if (seconds < 3_600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    if (seconds < 86_400) {
      return String.format(Locale.ROOT, "%dh%02dm", seconds / 3_600, seconds % 3_600 / 60);
    }
    return String.format(Locale.ROOT, "%dd%02dh", seconds / 86_400, seconds % 86_400 / 3_600);
  }

  /** The time from {@code start} to {@code end}, or null without a start. */
  public static String between(Optional<Instant> start, Optional<Instant> end) {
    if (start.isEmpty() || end.isEmpty()) {
      return null;
    }
    return duration(Duration.between(start.get(), end.get()));
  }

  /**
   * A duration as an ISO-8601 duration ({@code PT1H30M}, {@code P2D}) or in short ({@code 90s},
   * {@code 15m}, {@code 1h}, {@code 2d}, {@code 500ms}).
   *
   * @throws IllegalArgumentException naming both forms, for text that is neither
   */
  public static Duration parseDuration(String text) {
    String value = text.trim();
    if (value.regionMatches(true, 0, "P", 0, 1)) {
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw notADuration(text);
      }
    }
    Matcher matcher = SHORT_DURATION.matcher(value);
    if (!matcher.matches()) {
      throw notADuration(text);
    }
    long amount = Long.parseLong(matcher.group(1));
    return switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /**
   * A point in time: an ISO-8601 instant ({@code 2025-05-01T10:00:00Z}), or a duration back from
   * {@code now} ({@code PT1H}, {@code 1h}, {@code 2d}).
   *
   * @throws IllegalArgumentException naming the accepted forms
   */
  public static Instant parseSince(String text, Instant now) {
    String value = text.trim();
    if (!value.isEmpty() && Character.isDigit(value.charAt(0)) && value.contains("T")) {
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "'" + text + "' is not an instant; write it as 2025-05-01T10:00:00Z (UTC)");
      }
    }
    try {
      return now.minus(parseDuration(value));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is neither an instant nor a duration; write an instant as"
              + " 2025-05-01T10:00:00Z or a duration back from now as PT1H, 1h, 30m or 2d");
    }
  }

  private static IllegalArgumentException notADuration(String text) {
    return new IllegalArgumentException(
        "'" + text + "' is not a duration; write it as PT5M or PT1H30M, or as 90s, 5m, 1h or 2d");
  }
}
