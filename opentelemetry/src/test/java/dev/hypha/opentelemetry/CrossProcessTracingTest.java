package dev.hypha.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.testing.LambdaFlow;
import dev.hypha.runtime.testing.SharedStores;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One trace across two processes: this JVM is a client that starts a run under a span of its own,
 * and a separate worker JVM ({@link TracingWorker}) on the same store executes it and writes the
 * spans it exported to a file. On a SQLite file, and on PostgreSQL when {@value
 * SharedStores#URL_VARIABLE} is set.
 */
class CrossProcessTracingTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  static List<String> kinds() {
    return SharedStores.kinds();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void aRunStartedByAClientAndExecutedByAWorkerProcessIsOneTrace(String kind) throws Exception {
    String store = SharedStores.fresh(kind, dir);
    Path spansFile = dir.resolve("worker-spans.tsv");
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    Process worker = startWorker(store, spansFile);
    BlockingQueue<String> output = collect(worker);
    Span caller;
    Run<Object> run;
    List<SpanData> clientSpans;
    try (OpenTelemetrySdk sdk = Spans.sdk(exporter)) {
      awaitLine(output, "ready", worker);
      LambdaFlow flow = TracedFlows.orders(sdk.getTracer("test"), false);
      try (Hypha client =
          Hypha.builder().database(store).interceptor(HyphaTracing.create(sdk)).open()) {
        caller = sdk.getTracer("test").spanBuilder("caller").startSpan();
        try (Scope ignored = caller.makeCurrent()) {
          run = client.client(flow).start(1);
        } finally {
          caller.end();
        }
        assertThat(run.await(WAIT)).isEqualTo(12);
      }
      // Read before the SDK closes: its shutdown empties the exporter.
      clientSpans = exporter.getFinishedSpanItems();
    } finally {
      try (Writer stop = new OutputStreamWriter(worker.getOutputStream(), StandardCharsets.UTF_8)) {
        stop.write("stop\n");
      }
      if (!worker.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
        worker.destroyForcibly();
      }
    }
    assertThat(worker.exitValue()).as("the worker's exit; its output: %s", output).isZero();

    // The client's spans: the caller's, and the start, its child.
    SpanContext trace = caller.getSpanContext();
    SpanData start = Spans.named(clientSpans, "hypha start orders");
    assertThat(start.getTraceId()).isEqualTo(trace.getTraceId());
    assertThat(start.getParentSpanId()).isEqualTo(trace.getSpanId());
    assertThat(Spans.attempts(clientSpans)).isEmpty();

    // The worker's spans, from its file: every one in the client's trace.
    List<String[]> spans = new ArrayList<>();
    for (String line : Files.readAllLines(spansFile, StandardCharsets.UTF_8)) {
      spans.add(line.split("\t", -1));
    }
    assertThat(spans).extracting(span -> span[0]).containsOnly(trace.getTraceId());
    List<String[]> attempts = spans.stream().filter(span -> !span[5].equals("null")).toList();
    assertThat(attempts)
        .extracting(span -> span[5] + "#" + span[6])
        .containsExactlyInAnyOrder("reserve#1", "charge#1", "charge#2");
    for (String[] attempt : attempts) {
      assertThat(attempt[2]).as("parent of %s", attempt[5]).isEqualTo(start.getSpanId());
      assertThat(attempt[7]).isEqualTo(TracingWorker.NAME);
      assertThat(attempt[8]).isEqualTo(run.id().toString());
    }
    String[] declined = attempt(attempts, "charge", "1");
    assertThat(declined[4]).isEqualTo("ERROR");
    assertThat(declined[9]).isEqualTo(IllegalStateException.class.getName());
    assertThat(attempt(attempts, "charge", "2")[4]).isEqualTo("UNSET");
    // The spans charge's method made, each a child of its attempt's span.
    List<String[]> inside = spans.stream().filter(span -> span[3].equals("charge inside")).toList();
    assertThat(inside)
        .extracting(span -> span[2])
        .containsExactlyInAnyOrder(
            attempt(attempts, "charge", "1")[1], attempt(attempts, "charge", "2")[1]);
  }

  private static String[] attempt(List<String[]> attempts, String task, String attempt) {
    return attempts.stream()
        .filter(span -> span[5].equals(task) && span[6].equals(attempt))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span of " + task + "#" + attempt));
  }

  private static Process startWorker(String store, Path spansFile) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx128m");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-cp");
    command.add(
        System.getProperty("tracing.classpath", "")
            + File.pathSeparator
            + System.getProperty("java.class.path"));
    command.add(TracingWorker.class.getName());
    command.add(store);
    command.add(spansFile.toString());
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** The process's output lines, as they come. */
  private static BlockingQueue<String> collect(Process process) {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  lines.add(line);
                }
              } catch (java.io.IOException ended) {
                // The process is gone.
              }
            },
            "worker-output");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static void awaitLine(BlockingQueue<String> lines, String text, Process process)
      throws InterruptedException {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(20, TimeUnit.MILLISECONDS);
      if (line != null) {
        seen.add(line);
        if (line.contains(text)) {
          return;
        }
      } else if (!process.isAlive() && lines.isEmpty()) {
        break;
      }
    }
    throw new AssertionError("the worker did not print " + text + "; it printed " + seen);
  }
}
