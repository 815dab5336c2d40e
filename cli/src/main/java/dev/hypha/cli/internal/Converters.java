package dev.hypha.cli.internal;

import dev.hypha.runtime.InvalidQueryException;
import dev.hypha.runtime.RunId;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Picocli converters for run ids, durations and {@code --since}; failures are usage errors. */
public final class Converters {
  private Converters() {}

  /** A run id, the UUID that {@code hypha start} and {@code hypha runs} print. */
  public static final class RunIdConverter implements ITypeConverter<RunId> {
    @Override
    public RunId convert(String value) {
      try {
        return RunId.of(value.trim());
      } catch (InvalidQueryException e) {
        throw new TypeConversionException(e.getMessage() + "; hypha runs lists the ids");
      }
    }
  }

  /** {@code PT5M}, {@code 5m}, {@code 90s} and the like. */
  public static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        Duration duration = Times.parseDuration(value);
        if (duration.isNegative() || duration.isZero()) {
          throw new TypeConversionException("'" + value + "' is not a positive duration");
        }
        return duration;
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** An instant, or a duration back from now. */
  public static final class SinceConverter implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return Times.parseSince(value, Instant.now());
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
