package dev.hypha.opentelemetry;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.testing.LambdaFlow;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker process of the cross-process test: a worker of the shared store {@code args[0]} hosting
 * "default" with {@link HyphaTracing} over an SDK that exports to memory. It prints {@code ready}
 * once it runs, and when its standard input says {@code stop} (or ends) it closes and writes every
 * span it exported to the file {@code args[1]}, one per line (see {@link #line}).
 */
public final class TracingWorker {
  static final String NAME = "tracing-worker";

  private TracingWorker() {}

  public static void main(String[] args) throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    try (OpenTelemetrySdk sdk = Spans.sdk(exporter)) {
      LambdaFlow flow = TracedFlows.orders(sdk.getTracer("test"), false);
      try (Hypha worker =
          Hypha.builder()
              .database(args[0])
              .worker("default")
              .parallel(2)
              .workerId(NAME)
              .pollInterval(Duration.ofMillis(20))
              .interceptor(HyphaTracing.create(sdk))
              .open()) {
        worker.bind(flow, flow);
        System.out.println("ready");
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("stop"); ) {
          // Waits for the test to say stop.
        }
      }
      List<String> lines = new ArrayList<>();
      for (SpanData span : exporter.getFinishedSpanItems()) {
        lines.add(line(span));
      }
      Files.write(Path.of(args[1]), lines, StandardCharsets.UTF_8);
      System.out.println("wrote " + lines.size() + " spans");
    }
  }

  /**
   * A span as one tab-separated line: trace id, span id, parent span id, name, status, task,
   * attempt, worker, run, and the type of the exception recorded on it (empty where none is).
   */
  static String line(SpanData span) {
    String exception =
        span.getEvents().stream()
            .filter(event -> event.getName().equals("exception"))
            .map(EventData::getAttributes)
            .map(attributes -> attributes.get(AttributeKey.stringKey("exception.type")))
            .findFirst()
            .orElse("");
    return String.join(
        "\t",
        span.getTraceId(),
        span.getSpanId(),
        span.getParentSpanId(),
        span.getName(),
        span.getStatus().getStatusCode().name(),
        String.valueOf(span.getAttributes().get(HyphaTracing.TASK)),
        String.valueOf(span.getAttributes().get(HyphaTracing.ATTEMPT)),
        String.valueOf(span.getAttributes().get(HyphaTracing.WORKER)),
        String.valueOf(span.getAttributes().get(HyphaTracing.RUN)),
        exception);
  }
}
