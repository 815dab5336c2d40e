package dev.hypha.runtime;

/**
 * What one iteration of a loop returns: go {@link #again} with a new state, or be {@link #done}
 * with the loop's result. A task returning {@code Step<S, R>} with a {@code @Loop} parameter of
 * type {@code S} runs until an iteration is done; its output, for everybody else, is the {@code R}.
 *
 * <p>Immutable; thread-safe when the state and result are.
 *
 * @param <S> the state an iteration takes and hands on
 * @param <R> the loop's result
 */
public sealed interface Step<S, R> permits Step.Again, Step.Done {

  /** Run the loop's task again, with {@code state}. */
  static <S, R> Step<S, R> again(S state) {
    return new Again<>(state);
  }

  /** End the loop with {@code result}. */
  static <S, R> Step<S, R> done(R result) {
    return new Done<>(result);
  }

  /** Another iteration, with this state. */
  record Again<S, R>(S state) implements Step<S, R> {}

  /** The loop is over, with this result. */
  record Done<S, R>(R result) implements Step<S, R> {}
}
