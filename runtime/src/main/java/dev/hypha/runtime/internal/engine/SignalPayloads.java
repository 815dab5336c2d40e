package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.InvalidInputException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.SignalTimeoutException;
import dev.hypha.runtime.UnknownSignalException;
import dev.hypha.runtime.internal.json.JsonCodec;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.SignalWait;
import dev.hypha.runtime.spi.TypeRef;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signal's payload to JSON, typed or by name, with the errors every runtime gives for a signal
 * the flow does not wait for or a payload that does not fit.
 */
public final class SignalPayloads {
  private static final Logger LOG = LoggerFactory.getLogger(SignalPayloads.class);

  private SignalPayloads() {}

  /**
   * The first of {@code signals} (name and payload JSON, in the order they came) that {@code wait},
   * the wait of task {@code task} of run {@code runId}, takes: of its name, accepted by its
   * condition. Null for none.
   */
  public static String firstAccepted(
      JsonCodec codec,
      SignalWait<?> wait,
      RunId runId,
      String task,
      Iterable<? extends Map.Entry<String, String>> signals) {
    for (Map.Entry<String, String> signal : signals) {
      if (signal.getKey().equals(wait.name())
          && accepts(codec, wait, runId, task, signal.getValue())) {
        return signal.getValue();
      }
    }
    return null;
  }

  /**
   * Whether {@code wait} accepts the payload {@code json}: always without a condition, else what it
   * says. A condition that throws (or a payload that no longer reads) accepts nothing, and says so
   * in the log: the signal stays for other tasks.
   */
  public static boolean accepts(
      JsonCodec codec, SignalWait<?> wait, RunId runId, String task, String json) {
    if (wait.conditionName().isEmpty()) {
      return true;
    }
    try {
      return wait.accepts(codec.read(json, wait.payload()));
    } catch (Exception e) {
      LOG.error(
          "run {}: the condition {} of task {} failed on a payload of signal {}; the task does not"
              + " take it",
          runId,
          wait.conditionName().get(),
          task,
          wait.name(),
          e);
      return false;
    }
  }

  /**
   * The failure of task {@code task} that waited as {@code wait} and took the payload {@code json}:
   * a {@code SignalTimeoutException} when its wait ended without one and it must have one; null
   * when it may run (with a payload, or with an empty {@code Optional}, or without a signal wait).
   */
  public static SignalTimeoutException timedOut(SignalWait<?> wait, String task, String json) {
    if (wait == null || json != null || wait.emptyOnTimeout()) {
      return null;
    }
    return new SignalTimeoutException(task, wait.name(), wait.timeout().orElseThrow());
  }

  /** How errors name the payload of a signal. */
  private static String payloadOf(FlowDescriptor flow, String name) {
    return "the payload of signal " + name + " of flow " + flow.name();
  }

  /**
   * The payload type of {@code flow}'s signal {@code name}.
   *
   * @throws UnknownSignalException if no task of the flow waits for it
   */
  public static TypeRef<?> type(FlowDescriptor flow, String name) {
    TypeRef<?> type = flow.signals().get(name);
    if (type == null) {
      throw new UnknownSignalException(flow.name(), name, flow.signals().keySet());
    }
    return type;
  }

  /**
   * {@code payload} of {@code flow}'s signal {@code name} as JSON.
   *
   * @throws InvalidInputException if Jackson cannot write it
   */
  public static String write(JsonCodec codec, FlowDescriptor flow, String name, Object payload) {
    TypeRef<?> type = type(flow, name);
    if (payload == null) {
      // A task takes a payload or, after a timeout, none: a null would read as neither.
      throw new InvalidInputException(
          flow.name(),
          type.toString(),
          payloadOf(flow, name)
              + " is null; send a "
              + type
              + " (a task that may go without one takes an Optional and a timeout)",
          null);
    }
    try {
      return codec.write(payload, type);
    } catch (Exception e) {
      throw new InvalidInputException(
          flow.name(),
          type.toString(),
          payloadOf(flow, name)
              + " cannot be written as JSON: "
              + e.getMessage()
              + "; use a record or a class Jackson can serialise",
          e);
    }
  }

  /**
   * {@code json}, checked to read as the payload type of {@code flow}'s signal {@code name}, in the
   * form the store keeps (as Jackson writes the value back).
   *
   * @throws InvalidInputException naming the type, if it does not read as one
   */
  public static String fromJson(JsonCodec codec, FlowDescriptor flow, String name, String json) {
    TypeRef<?> type = type(flow, name);
    Object payload;
    try {
      payload = codec.read(json, type);
    } catch (Exception e) {
      throw new InvalidInputException(
          flow.name(),
          type.toString(),
          payloadOf(flow, name)
              + " is not a valid "
              + type
              + ": "
              + JsonCodec.describe(e)
              + "; send JSON of that type",
          e);
    }
    return write(codec, flow, name, payload);
  }
}
