package dev.hypha.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunFailedException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.Waits;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.testing.LambdaFlow;
import dev.hypha.runtime.testing.SharedStores;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spans of runs and attempts in one process, on every engine: the embedded serial and parallel
 * engines, and a process that is client and worker of a shared SQLite file (and of PostgreSQL when
 * {@value SharedStores#URL_VARIABLE} is set). The SDK exports to an in-memory exporter.
 */
class HyphaTracingTest {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String WORKER = "test-worker";

  @TempDir Path dir;

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

  /** Without propagators: HyphaTracing falls back to the W3C trace context. */
  private final OpenTelemetrySdk sdk = Spans.sdk(exporter);

  private final Tracer tracer = sdk.getTracer("test");

  @AfterEach
  void closeSdk() {
    sdk.close();
  }

  enum Kind {
    SERIAL,
    PARALLEL,
    SHARED_SQLITE,
    SHARED_POSTGRES;

    boolean shared() {
      return this == SHARED_SQLITE || this == SHARED_POSTGRES;
    }

    /** A new store for this kind: a file, or a fresh PostgreSQL schema. */
    String store(Path dir) {
      return switch (this) {
        case SERIAL, PARALLEL -> dir.resolve("embedded.db").toString();
        case SHARED_SQLITE -> SharedStores.fresh("sqlite", dir);
        case SHARED_POSTGRES -> SharedStores.fresh("postgres", dir);
      };
    }

    /** A builder of a Hypha on {@code store}; a shared one is client and worker of "default". */
    Hypha.Builder builder(String store) {
      Hypha.Builder builder = Hypha.builder().workerId(WORKER);
      return switch (this) {
        case SERIAL -> builder.path(Path.of(store)).serial();
        case PARALLEL -> builder.path(Path.of(store)).parallel(2);
        case SHARED_SQLITE, SHARED_POSTGRES ->
            builder
                .database(store)
                .worker("default")
                .parallel(2)
                .pollInterval(Duration.ofMillis(20));
      };
    }
  }

  static List<Kind> all() {
    List<Kind> kinds = new ArrayList<>(List.of(Kind.SERIAL, Kind.PARALLEL, Kind.SHARED_SQLITE));
    if (SharedStores.postgresUrl() != null) {
      kinds.add(Kind.SHARED_POSTGRES);
    }
    return kinds;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("all")
  void attemptSpansAreChildrenOfTheStartSpanInTheCallersTrace(Kind kind) throws Exception {
    LambdaFlow flow = TracedFlows.orders(tracer, false);
    Span caller = tracer.spanBuilder("caller").startSpan();
    Run<Object> run;
    try (Hypha hypha = kind.builder(kind.store(dir)).interceptor(HyphaTracing.create(sdk)).open()) {
      FlowBinding<Object, Object> orders = hypha.bind(flow, flow);
      try (Scope ignored = caller.makeCurrent()) {
        run = orders.start(1);
      } finally {
        caller.end();
      }
      assertThat(run.await(WAIT)).isEqualTo(12);
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanContext trace = caller.getSpanContext();

    SpanData start = Spans.named(spans, "hypha start orders");
    assertThat(start.getKind()).isEqualTo(SpanKind.PRODUCER);
    assertThat(start.getTraceId()).isEqualTo(trace.getTraceId());
    assertThat(start.getParentSpanId()).isEqualTo(trace.getSpanId());
    assertThat(start.getAttributes().get(HyphaTracing.RUN)).isEqualTo(run.id().toString());
    assertThat(start.getAttributes().get(HyphaTracing.FLOW)).isEqualTo("orders");

    List<SpanData> attempts = Spans.attempts(spans);
    assertThat(attempts)
        .extracting(Spans::taskAndAttempt)
        .containsExactlyInAnyOrder("reserve#1", "charge#1", "charge#2");
    for (SpanData attempt : attempts) {
      assertThat(attempt.getKind()).isEqualTo(SpanKind.CONSUMER);
      assertThat(attempt.getTraceId()).isEqualTo(trace.getTraceId());
      assertThat(attempt.getParentSpanId()).isEqualTo(start.getSpanId());
      assertThat(attempt.getAttributes().get(HyphaTracing.RUN)).isEqualTo(run.id().toString());
      assertThat(attempt.getAttributes().get(HyphaTracing.FLOW)).isEqualTo("orders");
      assertThat(attempt.getAttributes().get(HyphaTracing.WORKER)).isEqualTo(WORKER);
      assertThat(attempt.getEndEpochNanos()).isGreaterThanOrEqualTo(attempt.getStartEpochNanos());
    }
    SpanData declined = Spans.attempt(spans, "charge", 1);
    assertThat(declined.getName()).isEqualTo("hypha task orders/charge");
    assertThat(declined.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(Spans.exceptionMessage(declined)).isEqualTo("card declined on attempt 1");
    assertThat(Spans.exceptionType(declined)).isEqualTo(IllegalStateException.class.getName());
    SpanData charged = Spans.attempt(spans, "charge", 2);
    assertThat(charged.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(charged.getEvents()).isEmpty();

    // The span the method made itself is a child of its attempt's span: it was current there.
    for (long attempt = 1; attempt <= 2; attempt++) {
      SpanData inside = Spans.inside(spans, attempt);
      assertThat(inside.getTraceId()).isEqualTo(trace.getTraceId());
      assertThat(inside.getParentSpanId())
          .isEqualTo(Spans.attempt(spans, "charge", attempt).getSpanId());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("all")
  void attemptsAfterARestartJoinTheTraceOfTheStart(Kind kind) throws Exception {
    String store = kind.store(dir);
    CountDownLatch began = new CountDownLatch(1);
    Span caller = tracer.spanBuilder("caller").startSpan();
    RunId id;
    Hypha first =
        kind.builder(store)
            .shutdownGrace(Duration.ofMillis(50))
            .interceptor(HyphaTracing.create(sdk))
            .open();
    try {
      LambdaFlow blocking = TracedFlows.slow(began, true);
      FlowBinding<Object, Object> slow = first.bind(blocking, blocking);
      try (Scope ignored = caller.makeCurrent()) {
        id = slow.start(41).id();
      } finally {
        caller.end();
      }
      assertThat(began.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    } finally {
      first.close();
    }

    // Another Hypha, another tracing instance: the context comes from the store.
    try (Hypha second = kind.builder(store).interceptor(HyphaTracing.create(sdk)).open()) {
      LambdaFlow quick = TracedFlows.slow(new CountDownLatch(1), false);
      assertThat(second.bind(quick, quick).run(id).await(WAIT)).isEqualTo(42);
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData start = Spans.named(spans, "hypha start slow");
    assertThat(start.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
    SpanData again = Spans.attempt(spans, "wait", 2);
    assertThat(again.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
    assertThat(again.getParentSpanId()).isEqualTo(start.getSpanId());
    assertThat(again.getAttributes().get(HyphaTracing.RUN)).isEqualTo(id.toString());
    assertThat(again.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    // The first attempt, cut short by the close, is in the trace too when its method ended.
    for (SpanData attempt : Spans.attempts(spans)) {
      assertThat(attempt.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("all")
  void aSubFlowsSpansAreChildrenOfTheAttemptThatStartedIt(Kind kind) throws Exception {
    LambdaFlow billing = TracedFlows.billing();
    LambdaFlow checkout = TracedFlows.checkout(billing);
    Span caller = tracer.spanBuilder("caller").startSpan();
    try (Hypha hypha = kind.builder(kind.store(dir)).interceptor(HyphaTracing.create(sdk)).open()) {
      hypha.bind(billing, billing);
      FlowBinding<Object, Object> flow = hypha.bind(checkout, checkout);
      Run<Object> run;
      try (Scope ignored = caller.makeCurrent()) {
        run = flow.start(7);
      } finally {
        caller.end();
      }
      assertThat(run.await(WAIT)).isEqualTo("sent invoice for 7");
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData bill = Spans.attempt(spans, "bill", 1);
    SpanData childStart = Spans.named(spans, "hypha start billing");
    assertThat(childStart.getParentSpanId()).isEqualTo(bill.getSpanId());
    SpanData charge = Spans.attempt(spans, "charge", 1);
    assertThat(charge.getParentSpanId()).isEqualTo(childStart.getSpanId());
    assertThat(charge.getAttributes().get(HyphaTracing.FLOW)).isEqualTo("billing");
    assertThat(charge.getAttributes().get(HyphaTracing.RUN))
        .isEqualTo(childStart.getAttributes().get(HyphaTracing.RUN))
        .isNotEqualTo(bill.getAttributes().get(HyphaTracing.RUN));
    assertThat(spans)
        .extracting(SpanData::getTraceId)
        .containsOnly(caller.getSpanContext().getTraceId());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("all")
  void eachInstanceOfAFanOutHasASpanAndTheFanOutItselfNone(Kind kind) throws Exception {
    LambdaFlow pages = TracedFlows.pages();
    try (Hypha hypha = kind.builder(kind.store(dir)).interceptor(HyphaTracing.create(sdk)).open()) {
      assertThat(hypha.bind(pages, pages).start(3).await(WAIT))
          .isEqualTo(List.of("p0", "p1", "p2"));
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData start = Spans.named(spans, "hypha start pages");
    // The engine's expansion and collection of the fan-out run no method of the flow: no span.
    assertThat(Spans.attempts(spans))
        .extracting(Spans::taskAndAttempt)
        .containsExactlyInAnyOrder("split#1", "page[0]#1", "page[1]#1", "page[2]#1");
    for (int element = 0; element < 3; element++) {
      SpanData instance = Spans.attempt(spans, "page[" + element + "]", 1);
      assertThat(instance.getName()).isEqualTo("hypha task pages/page");
      assertThat(instance.getParentSpanId()).isEqualTo(start.getSpanId());
    }
  }

  @Test
  void failedAttemptsAndTheCompensationOfAFailedRunAreInItsTrace() throws Exception {
    LambdaFlow flow = TracedFlows.orders(tracer, true);
    Span caller = tracer.spanBuilder("caller").startSpan();
    try (Hypha hypha =
        Kind.PARALLEL
            .builder(Kind.PARALLEL.store(dir))
            .interceptor(HyphaTracing.create(sdk))
            .open()) {
      FlowBinding<Object, Object> orders = hypha.bind(flow, flow);
      Run<Object> run;
      try (Scope ignored = caller.makeCurrent()) {
        run = orders.start(5);
      } finally {
        caller.end();
      }
      assertThatThrownBy(() -> run.await(WAIT)).isInstanceOf(RunFailedException.class);
      Waits.until(
          () -> Spans.attempts(exporter.getFinishedSpanItems()).size() == 5,
          "the compensation's span");
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData start = Spans.named(spans, "hypha start orders");
    assertThat(Spans.attempts(spans))
        .extracting(Spans::taskAndAttempt)
        .containsExactlyInAnyOrder(
            "reserve#1", "charge#1", "charge#2", "charge#3", "compensate:reserve#1");
    for (long attempt = 1; attempt <= 3; attempt++) {
      SpanData failed = Spans.attempt(spans, "charge", attempt);
      assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(Spans.exceptionMessage(failed)).isEqualTo("card declined on attempt " + attempt);
    }
    SpanData compensation = Spans.attempt(spans, "compensate:reserve", 1);
    assertThat(compensation.getName()).isEqualTo("hypha task orders/compensate:reserve");
    assertThat(compensation.getParentSpanId()).isEqualTo(start.getSpanId());
    assertThat(compensation.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
    assertThat(compensation.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void aRunStartedWithoutAnInterceptorHasAttemptSpansOfTheirOwn() throws Exception {
    String store = Kind.SHARED_SQLITE.store(dir);
    LambdaFlow flow = TracedFlows.orders(tracer, false);
    Span caller = tracer.spanBuilder("caller").startSpan();
    try (Hypha client = Hypha.builder().database(store).open();
        Hypha worker =
            Kind.SHARED_SQLITE.builder(store).interceptor(HyphaTracing.create(sdk)).open()) {
      worker.bind(flow, flow);
      Run<Object> run;
      try (Scope ignored = caller.makeCurrent()) {
        run = client.client(flow).start(0);
      } finally {
        caller.end();
      }
      assertThat(run.await(WAIT)).isEqualTo(1);
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertThat(spans).extracting(SpanData::getName).doesNotContain("hypha start orders");
    List<SpanData> attempts = Spans.attempts(spans);
    assertThat(attempts).extracting(Spans::taskAndAttempt).containsExactly("reserve#1", "charge#1");
    for (SpanData attempt : attempts) {
      // Nothing was stored with the run: each attempt begins a trace (the worker's thread had
      // none).
      assertThat(attempt.getParentSpanContext().isValid()).isFalse();
      assertThat(attempt.getTraceId()).isNotEqualTo(caller.getSpanContext().getTraceId());
    }
  }
}
