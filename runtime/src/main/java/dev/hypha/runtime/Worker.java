package dev.hypha.runtime;

import dev.hypha.runtime.internal.engine.FlowDiscovery;
import dev.hypha.runtime.spi.FlowDefinition;
import java.io.PrintStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;

/**
 * A worker process of a shared store, run as
 *
 * <pre>
 * java -cp &lt;application jars&gt;:&lt;hypha jars&gt; dev.hypha.runtime.Worker \
 *     --db jdbc:postgresql://db/hypha --queues billing,shipping --threads 8 --name billing-1
 * </pre>
 *
 * It finds the flows on its class path through their generated descriptors, hosts the tasks of the
 * given queues of every flow with a public no-argument constructor, and runs until SIGTERM (or
 * Ctrl-C), when it stops claiming, lets running tasks finish for the shutdown grace and gives back
 * the rest. Exit codes: 0 after a clean stop, 2 for bad arguments, 3 when a flow named by {@code
 * --flows} is not on the class path, 4 when the store cannot be opened.
 */
public final class Worker {
  static final int USAGE = 2;
  static final int NOT_FOUND = 3;
  static final int STORE = 4;

  private static final String HELP =
      """
      Usage: java -cp <application jars>:<hypha jars> dev.hypha.runtime.Worker [options]

        --db URL          the shared store: jdbc:postgresql://host/db, a SQLite file or
                          jdbc:sqlite:<file> (default: hypha.db)
        --queues a,b      the queues to host (default: default)
        --threads N       task threads (default: 8)
        --name NAME       the worker's name in the history (default: <pid>@<host>)
        --flows x,y       fail unless these flows are on the class path
        --lease DURATION  how long a claim lasts without a heartbeat, as 30s or PT30S (default: 30s)
        --poll DURATION   how often an idle worker looks for work (default: 200ms)
        --grace DURATION  how long running tasks may finish on shutdown (default: 10s)
        --help            this text
      """;

  private Worker() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs a worker until the JVM is asked to stop; returns the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      err.println("hypha worker: " + e.getMessage());
      err.print(HELP);
      return USAGE;
    }
    if (options.containsKey("help")) {
      out.print(HELP);
      return 0;
    }
    Hypha.Builder builder;
    List<String> required;
    try {
      builder =
          Hypha.builder()
              .database(options.getOrDefault("db", Hypha.DEFAULT_PATH.toString()))
              .worker(options.getOrDefault("queues", "default").split(","))
              .parallel(Integer.parseInt(options.getOrDefault("threads", "8")))
              .lease(duration(options.getOrDefault("lease", "30s")))
              .pollInterval(duration(options.getOrDefault("poll", "200ms")))
              .shutdownGrace(duration(options.getOrDefault("grace", "10s")));
      if (options.containsKey("name")) {
        builder.workerId(options.get("name"));
      }
      required =
          options.containsKey("flows") ? List.of(options.get("flows").split(",")) : List.of();
    } catch (IllegalArgumentException | InvalidConfigurationException e) {
      err.println("hypha worker: " + e.getMessage());
      return USAGE;
    }
    Map<String, FlowDefinition<?, ?, ?>> found =
        FlowDiscovery.flows(Thread.currentThread().getContextClassLoader());
    List<String> missing = new ArrayList<>();
    for (String flow : required) {
      if (!found.containsKey(flow.trim())) {
        missing.add(flow.trim());
      }
    }
    if (!missing.isEmpty()) {
      err.println(
          "hypha worker: flow(s) "
              + missing
              + " not on the class path, which has "
              + new TreeSet<>(found.keySet())
              + "; add the application's jars to -cp (the generated descriptors are found through"
              + " META-INF/services)");
      return NOT_FOUND;
    }
    Hypha hypha;
    try {
      hypha = builder.open();
    } catch (StoreException e) {
      err.println("hypha worker: " + e.getMessage());
      return STORE;
    } catch (InvalidConfigurationException e) {
      err.println("hypha worker: " + e.getMessage());
      return USAGE;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stop =
        new Thread(
            () -> {
              out.println("worker stopping: finishing running tasks");
              hypha.close();
              out.println("worker stopped");
              out.flush();
              stopped.countDown();
            },
            "hypha-worker-shutdown");
    Runtime.getRuntime().addShutdownHook(stop);
    out.println(
        "worker "
            + options.getOrDefault("name", "(default name)")
            + " ready on "
            + hypha.location()
            + ", hosting queues "
            + options.getOrDefault("queues", "default")
            + " of flows "
            + new TreeSet<>(hypha.hostedFlows()));
    if (hypha.hostedFlows().isEmpty()) {
      err.println(
          "hypha worker: no flow on the class path has a task on queues "
              + options.getOrDefault("queues", "default")
              + " that this worker can run (flows found: "
              + new TreeSet<>(found.keySet())
              + "); it waits for none");
    }
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> known =
        List.of("db", "queues", "threads", "name", "flows", "lease", "poll", "grace");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        options.put("help", "");
        continue;
      }
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      String name = arg.substring(2);
      String value;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      }
      options.put(name, value);
    }
    return options;
  }

  /** {@code 30s}, {@code 500ms}, {@code 2m} or an ISO-8601 duration such as {@code PT30S}. */
  static Duration duration(String text) {
    String value = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (value.startsWith("pt")) {
        return Duration.parse(value.toUpperCase(java.util.Locale.ROOT));
      }
      if (value.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
      }
      if (value.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      if (value.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      // Said below.
    }
    throw new IllegalArgumentException(
        "cannot read the duration " + text + "; write it as 30s, 500ms, 2m or PT30S");
  }
}
