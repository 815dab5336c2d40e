package dev.hypha.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypha.runtime.EngineMetrics;
import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Page;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.testing.LambdaFlow;
import dev.hypha.server.HyphaServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The end-to-end workloads. Each prints one line that scripts can read, with the raw SQLite ceiling
 * measured right before it on the same disk:
 *
 * <pre>
 * W1 tasks_per_s=41234 ceiling_tasks_per_s=150000 ratio=0.27 peak_heap_mib=180
 * </pre>
 *
 * Sizes can be changed with system properties ({@code -Dw1.runs=2000}, {@code -Dw2.width=10000},
 * {@code -Dw3.length=1000}, {@code -Dw5.elements=100000}, {@code -Dh.runs=100000}, {@code
 * -Dbench.dir=...}).
 */
public final class Workloads {
  private static final Duration WAIT = Duration.ofMinutes(10);
  private static final int CEILING_TASKS = 40_000;
  private static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmup", 3);

  /**
   * Warm-up goes on past {@link #WARMUP_ROUNDS} until it has taken this long: W1's rounds last a
   * tenth of a second, far too little for the JIT to finish compiling (its threads then take a
   * third of the two cores during the measured rounds).
   */
  private static final long WARMUP_MILLIS = Long.getLong("bench.warmupMillis", 10_000);

  private static final int MEASURED_ROUNDS = Integer.getInteger("bench.rounds", 9);

  private final Path dir;
  private final int clients = Integer.getInteger("w1.clients", 32);

  private Workloads(Path dir) {
    this.dir = dir;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(System.getProperty("bench.dir", "bench-data"));
    Files.createDirectories(dir);
    List<String> selected =
        args.length == 0 ? List.of("W1", "W1B", "W2", "W3", "H") : Arrays.asList(args);
    Workloads workloads = new Workloads(dir);
    System.out.printf(
        Locale.ROOT,
        "# %s, %d cores, Java %s, data in %s; each workload: at least %d warm-up rounds and %d"
            + " ms of warm-up, then %d measured rounds, each after its own ceiling measurement;"
            + " medians%n",
        System.getProperty("os.name"),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        dir.toAbsolutePath(),
        WARMUP_ROUNDS,
        WARMUP_MILLIS,
        MEASURED_ROUNDS);
    SqliteCeiling.tasksPerSecond(dir, CEILING_TASKS);
    for (String name : selected) {
      switch (name) {
        case "W1" -> workloads.w1(Integer.getInteger("w1.runs", 2_000), false);
        case "W1B" -> workloads.w1(Integer.getInteger("w1.runs", 2_000), true);
        case "W2" -> workloads.w2(Integer.getInteger("w2.width", 10_000));
        case "W3" -> workloads.w3(Integer.getInteger("w3.length", 1_000));
        case "W5" -> workloads.w5(Integer.getInteger("w5.elements", 100_000));
        case "H" -> workloads.history(Integer.getInteger("h.runs", 100_000));
        case "W6" -> workloads.w6(Integer.getInteger("w6.runs", 1_000_000));
        case "W4" -> new W4(dir).run();
        default ->
            throw new IllegalArgumentException(
                "unknown workload " + name + "; use W1 W1B W2 W3 W4 W5 W6 H");
      }
    }
  }

  /** What one round of a workload does on a fresh database; returns the number of tasks run. */
  @FunctionalInterface
  private interface Round {
    int run(Hypha hypha) throws Exception;
  }

  /** One measured round. */
  private record Sample(
      double tasksPerSecond, double ceiling, long heapMib, double stepMillis, double commitFloor) {
    double ratio() {
      return tasksPerSecond / ceiling;
    }
  }

  /**
   * Runs {@code round} {@link #WARMUP_ROUNDS} times unmeasured (so the JIT has compiled the hot
   * paths; on two cores the compiler threads would otherwise take half the CPU), then {@link
   * #MEASURED_ROUNDS} times, each right after a measurement of the SQLite ceiling, and prints the
   * medians: the machines are shared and noisy, so single rounds vary by a third.
   */
  private void measure(String name, int steps, Round round) throws Exception {
    List<Sample> samples = new ArrayList<>();
    long warmUntil = System.nanoTime() + WARMUP_MILLIS * 1_000_000;
    int warmupRounds = 0;
    while (warmupRounds < WARMUP_ROUNDS || System.nanoTime() < warmUntil) {
      try (Hypha hypha = open(name.toLowerCase(Locale.ROOT) + ".db")) {
        round.run(hypha);
      }
      warmupRounds++;
    }
    System.out.printf(Locale.ROOT, "# %s warm-up rounds=%d%n", name, warmupRounds);
    boolean chain = name.equals("W3");
    for (int i = WARMUP_ROUNDS; i < WARMUP_ROUNDS + MEASURED_ROUNDS; i++) {
      double ceiling = SqliteCeiling.tasksPerSecond(dir, CEILING_TASKS);
      double floor = chain ? SqliteCeiling.commitMillis(dir, 200) : 0;
      try (Hypha hypha = open(name.toLowerCase(Locale.ROOT) + ".db");
          HeapSampler heap = new HeapSampler()) {
        Profiling.start();
        long start = System.nanoTime();
        int tasks = round.run(hypha);
        double seconds = (System.nanoTime() - start) / 1e9;
        Profiling.stop(name);
        Sample sample =
            new Sample(tasks / seconds, ceiling, heap.peakMib(), seconds * 1000 / steps, floor);
        samples.add(sample);
        EngineMetrics metrics = hypha.metrics();
        System.out.printf(
            Locale.ROOT,
            "# %s round %d tasks_per_s=%.0f ceiling_tasks_per_s=%.0f ratio=%.2f commits=%d"
                + " rows_per_commit=%.1f commit_ms=%.3f commit_share=%.2f%s%n",
            name,
            i - WARMUP_ROUNDS + 1,
            sample.tasksPerSecond(),
            sample.ceiling(),
            sample.ratio(),
            metrics.commits(),
            metrics.rowWrites() / (double) Math.max(1, metrics.commits()),
            metrics.commitNanos() / 1e6 / Math.max(1, metrics.commits()),
            metrics.commitNanos() / 1e9 / seconds,
            chain
                ? String.format(
                    Locale.ROOT, " step_ms=%.3f commit_floor_ms=%.3f", sample.stepMillis(), floor)
                : "");
      }
    }
    String step =
        name.equals("W3")
            ? String.format(
                Locale.ROOT,
                " step_ms=%.3f commit_floor_ms=%.3f step_over_floor=%.2f",
                median(samples.stream().mapToDouble(Sample::stepMillis)),
                median(samples.stream().mapToDouble(Sample::commitFloor)),
                median(samples.stream().mapToDouble(s -> s.stepMillis() / s.commitFloor())))
            : "";
    System.out.printf(
        Locale.ROOT,
        "%s tasks_per_s=%.0f ceiling_tasks_per_s=%.0f ratio=%.2f peak_heap_mib=%d%s%n",
        name,
        median(samples.stream().mapToDouble(Sample::tasksPerSecond)),
        median(samples.stream().mapToDouble(Sample::ceiling)),
        median(samples.stream().mapToDouble(Sample::ratio)),
        samples.stream().mapToLong(Sample::heapMib).max().orElse(0),
        step);
  }

  /**
   * W1: {@code runs} diamond runs, started from one thread without waiting for each commit, or
   * ({@code blocking}) from {@link #clients} threads that each wait for their run's commit.
   */
  void w1(int runs, boolean blocking) throws Exception {
    LambdaFlow diamond = BenchFlows.diamond();
    measure(
        blocking ? "W1B" : "W1",
        runs,
        hypha -> {
          FlowBinding<Object, Object> binding = hypha.bind(diamond, diamond);
          if (blocking) {
            startAllBlocking(binding, runs);
          } else {
            startAll(binding, runs);
          }
          return runs * 4;
        });
  }

  void w2(int width) throws Exception {
    // Built once, outside the measured rounds: only the run is timed.
    LambdaFlow flow = BenchFlows.fanOut(width);
    measure(
        "W2",
        width + 2,
        hypha -> {
          Object result = hypha.bind(flow, flow).start(null).await(WAIT);
          check(result.equals(width), "W2 result " + result);
          return width + 2;
        });
  }

  /**
   * W5: one run whose task fans out ({@code @ForEach}) over a list of {@code elements}, each
   * instance a task of its own, and a task that collects their outputs: the list's task, the
   * instances and the collector are counted as tasks.
   */
  void w5(int elements) throws Exception {
    LambdaFlow flow = BenchFlows.forEach(elements);
    long expected = (long) elements * (elements - 1);
    measure(
        "W5",
        elements + 2,
        hypha -> {
          Object result = hypha.bind(flow, flow).start(null).await(WAIT);
          check(((Number) result).longValue() == expected, "W5 result " + result);
          return elements + 2;
        });
  }

  void w3(int length) throws Exception {
    LambdaFlow flow = BenchFlows.chain(length);
    measure(
        "W3",
        length,
        hypha -> {
          Object result = hypha.bind(flow, flow).start(null).await(WAIT);
          check(result.equals(length - 1), "W3 result " + result);
          return length;
        });
  }

  /**
   * W6: {@code runs} timed diamonds through one engine (started with {@code startAsync}, which
   * waits when the engine's limit of active runs is reached), with the heap in use sampled after a
   * full GC every 100,000 runs. Memory is flat when the last sample is within 10% of the second
   * (the first includes warm-up).
   */
  void w6(int runs) throws Exception {
    LambdaFlow flow = BenchFlows.timedDiamond();
    int every = Math.min(100_000, runs);
    List<Double> heap = new ArrayList<>();
    java.lang.management.MemoryMXBean memory =
        java.lang.management.ManagementFactory.getMemoryMXBean();
    long start = System.nanoTime();
    try (Hypha hypha = open("w6.db")) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      for (int done = 0; done < runs; done += every) {
        List<java.util.concurrent.CompletableFuture<Run<Object>>> started = new ArrayList<>(every);
        for (int i = 0; i < every; i++) {
          started.add(binding.startAsync(done + i));
        }
        for (int i = 0; i < started.size(); i++) {
          Object result = started.get(i).get().await(WAIT);
          check(result.equals((done + i + 2) + (done + i + 1) * 2), "W6 result " + result);
        }
        started = null;
        System.gc();
        heap.add(memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024));
        System.out.printf(
            Locale.ROOT,
            "# W6 runs=%d heap_mib=%.1f timers=%d active_runs=%d%n",
            done + every,
            heap.get(heap.size() - 1),
            hypha.metrics().timers(),
            hypha.metrics().activeRuns());
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double second = heap.size() > 1 ? heap.get(1) : heap.get(0);
    double last = heap.get(heap.size() - 1);
    System.out.printf(
        Locale.ROOT,
        "W6 runs=%d tasks_per_s=%.0f heap_mib_first=%.1f heap_mib_second=%.1f heap_mib_last=%.1f"
            + " flat=%s%n",
        runs,
        runs * 4 / seconds,
        heap.get(0),
        second,
        last,
        last <= second * 1.1);
  }

  /**
   * History queries over {@code runs} finished runs of the W1 diamond: the newest-first page of 50
   * (from the top and 200 pages deep) and single runs' detail, old and new, 200 times each.
   */
  void history(int runs) throws Exception {
    LambdaFlow flow = BenchFlows.diamond();
    try (Hypha hypha = open("history.db")) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      List<RunId> sampled = new ArrayList<>();
      long start = System.nanoTime();
      int chunk = 10_000;
      for (int done = 0; done < runs; done += chunk) {
        List<java.util.concurrent.CompletableFuture<Run<Object>>> started = new ArrayList<>();
        for (int i = 0; i < Math.min(chunk, runs - done); i++) {
          started.add(binding.startAsync(i));
        }
        for (int i = 0; i < started.size(); i++) {
          Run<Object> run = started.get(i).get();
          run.await(WAIT);
          if (i % 500 == 0) {
            sampled.add(run.id());
          }
        }
      }
      double fillSeconds = (System.nanoTime() - start) / 1e9;
      RunQuery newest = RunQuery.builder().limit(50).build();
      double[] page = new double[200];
      for (int i = 0; i < page.length; i++) {
        long t = System.nanoTime();
        Page<RunSummary> result = hypha.history().find(newest);
        page[i] = (System.nanoTime() - t) / 1e6;
        check(result.items().size() == 50, "page size " + result.items().size());
      }
      double[] deep = new double[200];
      String token = hypha.history().find(newest).nextPageToken().orElseThrow();
      for (int i = 0; i < deep.length; i++) {
        long t = System.nanoTime();
        Page<RunSummary> result =
            hypha.history().find(RunQuery.builder().limit(50).after(token).build());
        deep[i] = (System.nanoTime() - t) / 1e6;
        token = result.nextPageToken().orElseThrow();
      }
      double[] detail = new double[200];
      for (int i = 0; i < detail.length; i++) {
        RunId id = sampled.get(i % sampled.size());
        long t = System.nanoTime();
        check(hypha.history().detail(id).orElseThrow().tasks().size() == 4, "detail of " + id);
        detail[i] = (System.nanoTime() - t) / 1e6;
      }
      System.out.printf(
          Locale.ROOT,
          "H runs=%d fill_tasks_per_s=%.0f page50_ms_median=%.2f page50_ms_p99=%.2f"
              + " page50_200_deep_ms_median=%.2f detail_ms_median=%.2f detail_ms_p99=%.2f%n",
          runs,
          runs * 4 / fillSeconds,
          percentile(page, 50),
          percentile(page, 99),
          percentile(deep, 50),
          percentile(detail, 50),
          percentile(detail, 99));
      overHttp(hypha, runs, sampled);
    }
  }

  /**
   * The same reads through the REST API of a server on this Hypha, over loopback HTTP: the runs
   * list's newest page and pages deep in it, and a run page's two calls (the run's detail and its
   * flow's graph), each timed from request to parsed JSON.
   */
  private static void overHttp(Hypha hypha, int runs, List<RunId> sampled) throws Exception {
    ObjectMapper json = new ObjectMapper();
    // HTTP/1.1 keeps one connection per client thread, as a browser's fetches to the server do.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (HyphaServer server = HyphaServer.builder(hypha).port(0).start()) {
      URI base = server.uri();
      // The server's code is not compiled yet in this JVM: warm it up as the Java reads were.
      for (int i = 0; i < 1_000; i++) {
        get(http, json, base.resolve("/api/runs?limit=50"));
        get(http, json, base.resolve("/api/runs/" + sampled.get(i % sampled.size())));
      }
      double[] page = new double[200];
      for (int i = 0; i < page.length; i++) {
        long t = System.nanoTime();
        JsonNode result = get(http, json, base.resolve("/api/runs?limit=50"));
        page[i] = (System.nanoTime() - t) / 1e6;
        check(result.get("runs").size() == 50, "API page size " + result.get("runs").size());
      }
      double[] deep = new double[200];
      String token = get(http, json, base.resolve("/api/runs?limit=50")).get("next").asText();
      for (int i = 0; i < deep.length; i++) {
        long t = System.nanoTime();
        JsonNode result =
            get(
                http,
                json,
                base.resolve(
                    "/api/runs?limit=50&after="
                        + java.net.URLEncoder.encode(
                            token, java.nio.charset.StandardCharsets.UTF_8)));
        deep[i] = (System.nanoTime() - t) / 1e6;
        token = result.get("next").asText();
      }
      double[] runPage = new double[200];
      for (int i = 0; i < runPage.length; i++) {
        RunId id = sampled.get(i % sampled.size());
        long t = System.nanoTime();
        JsonNode detail = get(http, json, base.resolve("/api/runs/" + id));
        String flow = detail.get("run").get("flow").asText();
        JsonNode graph = get(http, json, base.resolve("/api/flows/" + flow));
        runPage[i] = (System.nanoTime() - t) / 1e6;
        check(detail.get("tasks").size() == 4, "API detail of " + id);
        check(graph.get("tasks").size() == 4, "API flow " + flow);
      }
      System.out.printf(
          Locale.ROOT,
          "H_API runs=%d page50_ms_median=%.2f page50_ms_p99=%.2f page50_200_deep_ms_median=%.2f"
              + " run_page_ms_median=%.2f run_page_ms_p99=%.2f%n",
          runs,
          percentile(page, 50),
          percentile(page, 99),
          percentile(deep, 50),
          percentile(runPage, 50),
          percentile(runPage, 99));
    }
  }

  private static JsonNode get(HttpClient http, ObjectMapper json, URI uri) throws Exception {
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    check(response.statusCode() == 200, "GET " + uri + " answered " + response.statusCode());
    return json.readTree(response.body());
  }

  /** Starts {@code runs} runs from one thread without waiting for each commit, then awaits all. */
  private void startAll(FlowBinding<Object, Object> binding, int runs) throws Exception {
    List<java.util.concurrent.CompletableFuture<Run<Object>>> started = new ArrayList<>(runs);
    for (int i = 0; i < runs; i++) {
      started.add(binding.startAsync(i));
    }
    awaitDiamonds(started);
  }

  /** Starts {@code runs} runs from {@link #clients} threads that each wait for every commit. */
  private void startAllBlocking(FlowBinding<Object, Object> binding, int runs) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Run<Object>>> started = new ArrayList<>(runs);
      for (int i = 0; i < runs; i++) {
        int input = i;
        started.add(pool.submit(() -> binding.start(input)));
      }
      awaitDiamonds(started);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitDiamonds(List<? extends Future<Run<Object>>> started) throws Exception {
    for (int i = 0; i < started.size(); i++) {
      Object result = started.get(i).get().await(WAIT);
      check(result.equals((i + 2) + (i + 1) * 2), "diamond result " + result);
    }
  }

  private Hypha open(String name) throws Exception {
    Path file = dir.resolve(name);
    SqliteCeiling.deleteDatabase(file);
    return Hypha.builder().path(file).shutdownGrace(Duration.ofSeconds(30)).open();
  }

  private static double median(java.util.stream.DoubleStream values) {
    double[] sorted = values.sorted().toArray();
    return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
  }

  private static double percentile(double[] values, int percent) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
  }

  private static void check(boolean condition, String what) {
    if (!condition) {
      throw new IllegalStateException("wrong outcome: " + what);
    }
  }
}
