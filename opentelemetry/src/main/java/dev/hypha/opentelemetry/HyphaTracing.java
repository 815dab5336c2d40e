package dev.hypha.opentelemetry;

import dev.hypha.runtime.HyphaInterceptor;
import dev.hypha.runtime.RunId;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * OpenTelemetry traces for Hypha: a span for each start of a run and a child span for each attempt
 * of its tasks, in one trace wherever the attempts run. Register it with {@link
 * dev.hypha.runtime.Hypha.Builder#interceptor}:
 *
 * <pre>{@code
 * Hypha hypha = Hypha.builder()
 *     .path(Path.of("orders.db"))
 *     .interceptor(HyphaTracing.create(openTelemetry))
 *     .open();
 * }</pre>
 *
 * <ul>
 *   <li><b>{@code hypha start <flow>}</b> (kind PRODUCER): from the call of {@code start} to the
 *       commit of the run, on the caller's thread, a child of the span current there. Its context
 *       is stored with the run (through the configured propagator, W3C {@code traceparent} unless
 *       another one is set).
 *   <li><b>{@code hypha task <flow>/<task>}</b> (kind CONSUMER): each attempt of a task, a
 *       compensation or a callback, from the call of its method to its return, on the thread that
 *       runs it, in this process or a worker process, now or after a restart; a child of the start
 *       span. It is current while the method runs, so spans the method makes are its children. A
 *       method that throws records the exception on it, with status ERROR.
 * </ul>
 *
 * <p>Attributes: {@code hypha.flow}, {@code hypha.run} on both; {@code hypha.task} (the row's name,
 * such as {@code page[3]}), {@code hypha.attempt} and {@code hypha.worker} on attempts.
 *
 * <p>Thread-safe; one instance serves any number of Hypha instances.
 */
public final class HyphaTracing implements HyphaInterceptor {
  /** The instrumentation scope's name. */
  public static final String SCOPE = "dev.hypha";

  static final AttributeKey<String> FLOW = AttributeKey.stringKey("hypha.flow");
  static final AttributeKey<String> TASK = AttributeKey.stringKey("hypha.task");
  static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("hypha.attempt");
  static final AttributeKey<String> RUN = AttributeKey.stringKey("hypha.run");
  static final AttributeKey<String> WORKER = AttributeKey.stringKey("hypha.worker");

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  private HyphaTracing(Tracer tracer, TextMapPropagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  /**
   * Tracing through {@code openTelemetry}'s tracer provider and text-map propagator; when that
   * propagator writes nothing (an SDK built without {@code setPropagators}), the W3C trace context.
   */
  public static HyphaTracing create(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    TextMapPropagator configured = openTelemetry.getPropagators().getTextMapPropagator();
    return new HyphaTracing(
        openTelemetry.getTracer(SCOPE),
        configured.fields().isEmpty() ? W3CTraceContextPropagator.getInstance() : configured);
  }

  @Override
  public Start starting(String flow) {
    Context parent = Context.current();
    Span span =
        tracer
            .spanBuilder("hypha start " + flow)
            .setSpanKind(SpanKind.PRODUCER)
            .setParent(parent)
            .setAttribute(FLOW, flow)
            .startSpan();
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(parent.with(span), carrier, Carrier.INSTANCE);
    return new Start() {
      @Override
      public Map<String, String> context() {
        return carrier;
      }

      @Override
      public void ended(RunId run, Throwable error) {
        if (run != null) {
          span.setAttribute(RUN, run.toString());
        }
        failed(span, error);
        span.end();
      }
    };
  }

  @Override
  public Attempt attempting(AttemptInfo attempt) {
    Context parent = propagator.extract(Context.current(), attempt.context(), Carrier.INSTANCE);
    Span span =
        tracer
            .spanBuilder("hypha task " + attempt.flow() + "/" + taskOf(attempt.task()))
            .setSpanKind(SpanKind.CONSUMER)
            .setParent(parent)
            .setAttribute(FLOW, attempt.flow())
            .setAttribute(TASK, attempt.task())
            .setAttribute(ATTEMPT, (long) attempt.attempt())
            .setAttribute(RUN, attempt.run().toString())
            .setAttribute(WORKER, attempt.worker())
            .startSpan();
    Scope scope = parent.with(span).makeCurrent();
    return error -> {
      scope.close();
      failed(span, error);
      span.end();
    };
  }

  /**
   * The task of a row's name, without the index of an instance ({@code page[3]} is {@code page}):
   * span names stay few, the row is in {@code hypha.task}.
   */
  static String taskOf(String row) {
    int bracket = row.lastIndexOf('[');
    return bracket > 0 && row.endsWith("]") ? row.substring(0, bracket) : row;
  }

  private static void failed(Span span, Throwable error) {
    if (error != null) {
      span.recordException(error);
      span.setStatus(StatusCode.ERROR, error.getClass().getName());
    }
  }
}
