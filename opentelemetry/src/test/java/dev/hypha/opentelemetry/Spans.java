package dev.hypha.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;

/** Finding the spans of the tracing tests in what the in-memory exporter holds. */
final class Spans {
  private static final AttributeKey<String> EXCEPTION_TYPE =
      AttributeKey.stringKey("exception.type");
  private static final AttributeKey<String> EXCEPTION_MESSAGE =
      AttributeKey.stringKey("exception.message");

  private Spans() {}

  /**
   * An SDK that hands every ended span to {@code exporter} at once, without propagators (so
   * HyphaTracing falls back to the W3C trace context).
   */
  static OpenTelemetrySdk sdk(InMemorySpanExporter exporter) {
    return OpenTelemetrySdk.builder()
        .setTracerProvider(
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build())
        .build();
  }

  /** The one span named {@code name}. */
  static SpanData named(List<SpanData> spans, String name) {
    List<SpanData> found = spans.stream().filter(span -> span.getName().equals(name)).toList();
    if (found.size() != 1) {
      throw new AssertionError(found.size() + " spans named " + name + " in " + names(spans));
    }
    return found.get(0);
  }

  /** The spans of attempts: those with a {@code hypha.task} attribute. */
  static List<SpanData> attempts(List<SpanData> spans) {
    return spans.stream()
        .filter(span -> span.getAttributes().get(HyphaTracing.TASK) != null)
        .toList();
  }

  /** The one span of attempt {@code attempt} of {@code task}. */
  static SpanData attempt(List<SpanData> spans, String task, long attempt) {
    List<SpanData> found =
        attempts(spans).stream()
            .filter(span -> task.equals(span.getAttributes().get(HyphaTracing.TASK)))
            .filter(span -> span.getAttributes().get(HyphaTracing.ATTEMPT) == attempt)
            .toList();
    if (found.size() != 1) {
      throw new AssertionError(
          found.size() + " spans of " + task + "#" + attempt + " in " + names(spans));
    }
    return found.get(0);
  }

  /** The span "charge inside" that the method of charge made in attempt {@code attempt}. */
  static SpanData inside(List<SpanData> spans, long attempt) {
    return spans.stream()
        .filter(span -> span.getName().equals("charge inside"))
        .filter(span -> span.getAttributes().get(TracedFlows.INSIDE_ATTEMPT) == attempt)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span inside charge#" + attempt));
  }

  /** {@code task#attempt} of an attempt's span. */
  static String taskAndAttempt(SpanData span) {
    return span.getAttributes().get(HyphaTracing.TASK)
        + "#"
        + span.getAttributes().get(HyphaTracing.ATTEMPT);
  }

  static String exceptionType(SpanData span) {
    return exception(span).getAttributes().get(EXCEPTION_TYPE);
  }

  static String exceptionMessage(SpanData span) {
    return exception(span).getAttributes().get(EXCEPTION_MESSAGE);
  }

  private static EventData exception(SpanData span) {
    List<EventData> events =
        span.getEvents().stream().filter(event -> event.getName().equals("exception")).toList();
    if (events.size() != 1) {
      throw new AssertionError(events.size() + " exception events on " + span);
    }
    return events.get(0);
  }

  private static List<String> names(List<SpanData> spans) {
    return spans.stream().map(Spans::describe).toList();
  }

  private static String describe(SpanData span) {
    String task = span.getAttributes().get(HyphaTracing.TASK);
    return task == null ? span.getName() : taskAndAttempt(span);
  }
}
