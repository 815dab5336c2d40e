package dev.hypha.processor.model;

import java.time.Duration;
import java.util.Optional;
import javax.lang.model.type.TypeMirror;

/**
 * What a task of a valid flow waits for besides its dependencies: an external signal.
 *
 * @param name the signal's name
 * @param payload the payload's type, boxed: the parameter's type, or the {@code T} of its {@code
 *     Optional<T>}
 * @param timeout how long the task waits once its dependencies are done, if limited
 * @param emptyOnTimeout whether a timeout hands the task an empty {@code Optional} rather than
 *     failing it: the parameter is an {@code Optional}
 * @param condition the name of the flow class's {@code public static boolean} method a payload must
 *     pass to be taken, if any
 */
public record SignalPlan(
    String name,
    TypeMirror payload,
    Optional<Duration> timeout,
    boolean emptyOnTimeout,
    Optional<String> condition) {

  /** The generated flow class's method that sends this signal: {@code signalApproval}. */
  public String methodName() {
    return FlowNames.signalMethod(name);
  }
}
