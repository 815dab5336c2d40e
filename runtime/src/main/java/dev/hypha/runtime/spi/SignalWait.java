package dev.hypha.runtime.spi;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a task waits for besides its dependencies: an external signal of a name, with a typed
 * payload, perhaps only one that passes a condition, perhaps for a limited time. Generated code
 * makes one from a {@code @Signal} parameter.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the payload's type
 */
public final class SignalWait<T> {
  private final String name;
  private final TypeRef<T> payload;
  private final Duration timeout;
  private final boolean emptyOnTimeout;
  private final Predicate<? super T> condition;
  private final String conditionName;

  private SignalWait(
      String name,
      TypeRef<T> payload,
      Duration timeout,
      boolean emptyOnTimeout,
      Predicate<? super T> condition,
      String conditionName) {
    this.name = name;
    this.payload = payload;
    this.timeout = timeout;
    this.emptyOnTimeout = emptyOnTimeout;
    this.condition = condition;
    this.conditionName = conditionName;
  }

  /**
   * A wait, as long as the run lasts, for any signal {@code name} with a payload of {@code
   * payload}.
   */
  public static <T> SignalWait<T> of(String name, TypeRef<T> payload) {
    TaskDescriptor.requireText(name, "signal name");
    if (!name.matches("[A-Za-z][A-Za-z0-9_-]*")) {
      throw new IllegalArgumentException(
          "signal name '"
              + name
              + "' is not valid; start with a letter and use only letters, digits, '_' and '-'");
    }
    return new SignalWait<>(
        name, Objects.requireNonNull(payload, "payload"), null, false, null, null);
  }

  /**
   * This wait, ending after {@code timeout}: then the task fails with {@code
   * dev.hypha.runtime.SignalTimeoutException}, or runs with an empty payload if {@code
   * emptyOnTimeout} (an {@code Optional} parameter).
   */
  public SignalWait<T> timeout(Duration timeout, boolean emptyOnTimeout) {
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("a signal's timeout must be positive, was " + timeout);
    }
    return new SignalWait<>(name, payload, timeout, emptyOnTimeout, condition, conditionName);
  }

  /** This wait, taking only a signal whose payload passes {@code condition}, named for messages. */
  public SignalWait<T> when(Predicate<? super T> condition, String conditionName) {
    return new SignalWait<>(
        name,
        payload,
        timeout,
        emptyOnTimeout,
        Objects.requireNonNull(condition, "condition"),
        TaskDescriptor.requireText(conditionName, "condition name"));
  }

  /** The signal's name. */
  public String name() {
    return name;
  }

  /** The payload's type. */
  public TypeRef<T> payload() {
    return payload;
  }

  /** How long the task waits once its dependencies are done; empty: as long as the run lasts. */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** Whether a timeout hands the task an empty payload rather than failing it. */
  public boolean emptyOnTimeout() {
    return emptyOnTimeout;
  }

  /** The condition's name, if the wait has one. */
  public Optional<String> conditionName() {
    return Optional.ofNullable(conditionName);
  }

  /**
   * Whether the task takes a signal with {@code payload}, decoded to {@link #payload()}: always
   * without a condition, else what the condition says.
   */
  @SuppressWarnings("unchecked")
  public boolean accepts(Object payload) {
    return condition == null || condition.test((T) payload);
  }

  @Override
  public String toString() {
    return "SignalWait["
        + name
        + ": "
        + payload
        + (timeout == null ? "" : ", timeout " + timeout + (emptyOnTimeout ? " (empty)" : ""))
        + (conditionName == null ? "" : ", when " + conditionName)
        + "]";
  }
}
