package dev.hypha.bench;

import dev.hypha.runtime.Hypha;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import dev.hypha.runtime.testing.LambdaFlow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * W4: W1's diamond with every task waiting 5 ms (I/O-bound work, so scaling measures coordination,
 * not the two cores), run by 1, 2 and 4 worker processes of {@value #THREADS} threads each on one
 * shared store, and by the embedded engine in one process for comparison. The bound is threads ×
 * 200 tasks/s. The store is a SQLite file, or PostgreSQL at {@code -Dw4.postgres=<jdbc url>} (a
 * fresh database per measurement is created there).
 *
 * <pre>
 * W4 store=postgres workers=4 tasks_per_s=... bound_tasks_per_s=6400 ratio=...
 * </pre>
 */
final class W4 {
  static final int THREADS = 8;
  private static final int CLIENTS = 8;
  private static final TypeRef<Integer> INT = TypeRef.of(Integer.class);
  private static final Duration WAIT = Duration.ofMinutes(5);

  private final Path dir;
  private final int runs = Integer.getInteger("w4.runs", 10_000);

  /**
   * Each configuration warms up this long before it is measured: every worker process compiles its
   * hot paths then. On two cores the C2 compilers of five JVMs (four workers and this one) were
   * still compiling 40 s in, and took a fifth to two fifths of the CPU of measured seconds that
   * followed a 10 s warm-up; a worker is a long-lived process, so W4 measures it compiled.
   */
  private static final long WARMUP_MILLIS = Long.getLong("w4.warmupMillis", 60_000);

  /**
   * After {@link #WARMUP_MILLIS}, warm-up goes on until two rounds in a row agree within {@value
   * #SETTLED} of each other, at most this long in all. On a slower host the compilers of the worker
   * JVMs were still at 43% of the CPU 60 s in (perf, 2026-12-01), so a fixed warm-up measured the
   * JIT, not the store.
   */
  private static final long WARMUP_MAX_MILLIS = Long.getLong("w4.warmupMaxMillis", 240_000);

  private static final double SETTLED = 0.05;

  W4(Path dir) {
    this.dir = dir;
  }

  /** The diamond whose tasks each wait {@code millis}. */
  static LambdaFlow flow(long millis) {
    LambdaFlow.Body wait =
        args -> {
          Thread.sleep(millis);
          return 1;
        };
    return LambdaFlow.builder("bench-w4-diamond")
        .input(INT)
        .result(INT)
        .task(TaskDescriptor.builder("a", INT).build(), wait)
        .task(TaskDescriptor.builder("b", INT).dependsOn("a").build(), wait)
        .task(TaskDescriptor.builder("c", INT).dependsOn("a").build(), wait)
        .task(TaskDescriptor.builder("d", INT).dependsOn("b", "c").build(), wait)
        .build();
  }

  /** Runs every configuration, or those of {@code -Dw4.configs=embedded,sqlite:2,postgres:4}. */
  void run() throws Exception {
    String postgres = System.getProperty("w4.postgres");
    List<String> configs =
        List.of(
            System.getProperty(
                    "w4.configs",
                    "embedded,sqlite:1,sqlite:2,sqlite:4"
                        + (postgres == null ? "" : ",postgres:1,postgres:2,postgres:4"))
                .split(","));
    for (String config : configs) {
      if (config.equals("embedded")) {
        embedded();
        continue;
      }
      if (config.startsWith("inprocess:")) {
        String store = config.substring("inprocess:".length());
        inProcess(store, store.equals("postgres") ? postgres : null);
        continue;
      }
      String[] parts = config.split(":");
      boolean onPostgres = parts[0].equals("postgres");
      if (onPostgres && postgres == null) {
        throw new IllegalArgumentException("W4 on PostgreSQL needs -Dw4.postgres=<jdbc url>");
      }
      measure(parts[0], Integer.parseInt(parts[1]), onPostgres ? postgres : null);
    }
  }

  private void embedded() throws Exception {
    LambdaFlow flow = flow(5);
    Path file = fresh("w4-embedded.db");
    try (Hypha hypha = Hypha.builder().path(file).parallel(THREADS).open()) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      warmUp(binding);
      long start = System.nanoTime();
      startAndAwait(binding, runs);
      print("embedded", 1, 4.0 * runs / ((System.nanoTime() - start) / 1e9));
    }
  }

  /**
   * W1's diamond without waits, on a shared store with client and worker in this one process (the
   * W1 line of a shared store): {@code -Dw4.configs=inprocess:postgres} or {@code
   * inprocess:sqlite}.
   */
  private void inProcess(String store, String postgresBase) throws Exception {
    String url =
        postgresBase == null
            ? fresh("w1-shared.db").toString()
            : freshDatabase(postgresBase, "hypha_w1_" + System.nanoTime());
    LambdaFlow flow = flow(0);
    try (Hypha hypha =
        Hypha.builder()
            .database(url)
            .worker(TaskDescriptor.DEFAULT_QUEUE)
            .parallel(THREADS)
            .open()) {
      FlowBinding<Object, Object> binding = hypha.bind(flow, flow);
      warmUp(binding);
      long start = System.nanoTime();
      startAndAwait(binding, runs);
      double tasksPerSecond = 4.0 * runs / ((System.nanoTime() - start) / 1e9);
      System.out.printf(
          Locale.ROOT, "W1 store=%s shared=in-process tasks_per_s=%.0f%n", store, tasksPerSecond);
    }
    if (postgresBase != null) {
      dropDatabase(postgresBase, url);
    }
  }

  private void measure(String store, int workers, String postgresBase) throws Exception {
    String url =
        postgresBase == null
            ? fresh("w4-" + workers + ".db").toString()
            : freshDatabase(postgresBase, "hypha_w4_" + workers + "_" + System.nanoTime());
    LambdaFlow flow = flow(5);
    try (Hypha client = Hypha.connect(url)) {
      List<Process> processes = new ArrayList<>();
      try {
        CountDownLatch ready = new CountDownLatch(workers);
        for (int i = 0; i < workers; i++) {
          processes.add(startWorker(url, "w" + (i + 1), ready));
        }
        if (!ready.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the W4 workers did not start within 60 s");
        }
        FlowBinding<Object, Object> binding = client.client(flow);
        warmUp(binding);
        long start = System.nanoTime();
        startAndAwait(binding, runs);
        print(store, workers, 4.0 * runs / ((System.nanoTime() - start) / 1e9));
      } finally {
        for (Process process : processes) {
          process.destroy();
        }
        for (Process process : processes) {
          if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
          }
        }
      }
    }
    if (postgresBase != null) {
      dropDatabase(postgresBase, url);
    }
  }

  private static void dropDatabase(String base, String url) throws Exception {
    String name = url.substring(url.lastIndexOf('/') + 1).replaceAll("\\?.*", "");
    try (Connection connection = DriverManager.getConnection(base);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private void warmUp(FlowBinding<Object, Object> binding) throws Exception {
    long begin = System.nanoTime();
    long least = begin + WARMUP_MILLIS * 1_000_000;
    long most = begin + Math.max(WARMUP_MILLIS, WARMUP_MAX_MILLIS) * 1_000_000;
    double previous = 0;
    int rounds = 0;
    while (true) {
      long round = System.nanoTime();
      startAndAwait(binding, runs / 5);
      long now = System.nanoTime();
      double rate = (runs / 5) / ((now - round) / 1e9);
      rounds++;
      boolean settled = previous > 0 && Math.abs(rate - previous) <= SETTLED * previous;
      if (now >= most || (now >= least && settled)) {
        System.out.printf(
            Locale.ROOT,
            "# warm-up: %d rounds in %.0f s, the last two at %.0f and %.0f runs/s%n",
            rounds,
            (now - begin) / 1e9,
            previous,
            rate);
        return;
      }
      previous = rate;
    }
  }

  /**
   * Starts {@code count} runs from {@value #CLIENTS} threads, as many callers would; awaits them.
   */
  private static void startAndAwait(FlowBinding<Object, Object> flow, int count) throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<Run<Object>>> started = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int input = i;
        started.add(clients.submit(() -> flow.start(input)));
      }
      long begin = System.nanoTime();
      List<Run<Object>> runs = new ArrayList<>(count);
      for (Future<Run<Object>> run : started) {
        runs.add(run.get());
      }
      long startedAll = System.nanoTime();
      for (Run<Object> run : runs) {
        run.await(WAIT);
      }
      if (count == Integer.getInteger("w4.runs", 10_000)) {
        System.out.printf(
            Locale.ROOT,
            "# %d runs started in %.2f s, all done after %.2f s%n",
            count,
            (startedAll - begin) / 1e9,
            (System.nanoTime() - begin) / 1e9);
      }
    } finally {
      clients.shutdown();
    }
  }

  private void print(String store, int workers, double tasksPerSecond) {
    double bound = (store.equals("embedded") ? 1 : workers) * THREADS * 200.0;
    System.out.printf(
        Locale.ROOT,
        "W4 store=%s workers=%d tasks_per_s=%.0f bound_tasks_per_s=%.0f ratio=%.2f%n",
        store,
        workers,
        tasksPerSecond,
        bound,
        tasksPerSecond / bound);
  }

  private Path fresh(String name) throws IOException {
    Path file = dir.resolve(name);
    for (String suffix : new String[] {"", "-wal", "-shm", ".lock"}) {
      Files.deleteIfExists(dir.resolve(name + suffix));
    }
    return file;
  }

  private static String freshDatabase(String base, String name) throws Exception {
    try (Connection connection = DriverManager.getConnection(base);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    int slash = base.indexOf('/', "jdbc:postgresql://".length());
    int query = base.indexOf('?');
    return base.substring(0, slash + 1) + name + (query < 0 ? "" : base.substring(query));
  }

  private static Process startWorker(String url, String name, CountDownLatch ready)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    // Extra options for the worker JVMs, such as a flight recording: -Dw4.workerJvm="-XX:..."
    String extra = System.getProperty("w4.workerJvm", "").replace("{name}", name);
    if (!extra.isBlank()) {
      command.addAll(List.of(extra.trim().split("\\s+")));
    }
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), Worker.class.getName(), url, name));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (line.contains("W4 worker ready")) {
                    ready.countDown();
                  } else if (line.contains("W4 worker")) {
                    System.out.println("# " + line);
                  } else if (line.contains("ERROR") || line.contains("Exception")) {
                    System.out.println("# " + name + ": " + line);
                  }
                }
              } catch (IOException ignored) {
                // The process ended.
              }
            },
            "w4-" + name);
    reader.setDaemon(true);
    reader.start();
    return process;
  }

  /** A W4 worker process: hosts the diamond on the default queue until it is stopped. */
  public static final class Worker {
    private Worker() {}

    public static void main(String[] args) throws Exception {
      LambdaFlow flow = flow(5);
      Hypha hypha =
          Hypha.builder()
              .database(args[0])
              .worker(TaskDescriptor.DEFAULT_QUEUE)
              .parallel(THREADS)
              .workerId(args[1])
              .open();
      hypha.bind(flow, flow);
      long started = System.nanoTime();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    dev.hypha.runtime.EngineMetrics metrics = hypha.metrics();
                    System.out.printf(
                        Locale.ROOT,
                        "W4 worker %s: transactions=%d executions=%d in %.1f s%n",
                        args[1],
                        metrics.commits(),
                        metrics.executions(),
                        (System.nanoTime() - started) / 1e9);
                    hypha.close();
                  }));
      System.out.println("W4 worker ready " + args[1]);
      while (true) {
        Thread.sleep(1_000);
        dev.hypha.runtime.EngineMetrics metrics = hypha.metrics();
        System.out.printf(
            Locale.ROOT,
            "W4 worker %s: transactions=%d claimed=%d tx_ms=%.2f executions=%d%n",
            args[1],
            metrics.commits(),
            metrics.rowWrites(),
            metrics.commitNanos() / 1e6 / Math.max(1, metrics.commits()),
            metrics.executions());
      }
    }
  }
}
