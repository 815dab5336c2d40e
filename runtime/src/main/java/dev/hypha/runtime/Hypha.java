package dev.hypha.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hypha.runtime.internal.HyphaRuntime;
import dev.hypha.runtime.internal.engine.EmbeddedRuntime;
import dev.hypha.runtime.internal.engine.Engine;
import dev.hypha.runtime.internal.engine.EngineLock;
import dev.hypha.runtime.internal.engine.EngineSettings;
import dev.hypha.runtime.internal.engine.FaultPoints;
import dev.hypha.runtime.internal.engine.FlowDiscovery;
import dev.hypha.runtime.internal.engine.Interception;
import dev.hypha.runtime.internal.json.JsonCodec;
import dev.hypha.runtime.internal.shared.SharedRuntime;
import dev.hypha.runtime.internal.store.Micros;
import dev.hypha.runtime.internal.store.SharedStore;
import dev.hypha.runtime.internal.store.SqliteStore;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The runtime's entry point: a store and an engine that runs flows in this process.
 *
 * <pre>{@code
 * try (Hypha hypha = Hypha.embedded()) {                 // ./hypha.db
 *   OrderFulfilmentFlow flow = OrderFulfilmentFlow.bind(hypha, new OrderFulfilment());
 *   Shipment shipment = flow.start(new OrderRequest("42")).await(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Every state change is committed to the store before anything acts on it. Runs that were in
 * flight when a previous process stopped — however it stopped — go on as soon as their flow is
 * bound again. One {@code Hypha} at a time may execute the runs of a database file; others wait for
 * it up to the busy timeout and then fail with {@link StoreLockedException}.
 *
 * <p>A store can also be <em>shared</em> by many processes: a SQLite file on one machine, or a
 * PostgreSQL database for many. A process on a shared store is a <em>client</em> ({@link
 * #connect(String)}: starts, cancels and reads runs, executes nothing) and, when it hosts queues, a
 * <em>worker</em> ({@link Builder#worker(String...)}: claims the READY tasks of those queues with a
 * lease and runs them). See the README's "Workers in other processes".
 *
 * <p>Thread-safe. Close it to let running tasks finish (up to the shutdown grace) and release the
 * file; work not finished then is resumed by the next open (or, on a shared store, by another
 * worker at once).
 */
public final class Hypha implements AutoCloseable {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Hypha.class);

  /** The file {@link #embedded()} uses, relative to the working directory. */
  public static final Path DEFAULT_PATH = Path.of("hypha.db");

  private final HyphaRuntime runtime;
  private final Path path;

  private Hypha(HyphaRuntime runtime, Path path) {
    this.runtime = runtime;
    this.path = path;
  }

  /** Opens {@code ./hypha.db} with the parallel engine and default settings. */
  public static Hypha embedded() {
    return builder().open();
  }

  /** Opens the database {@code file}, creating it if needed, with default settings. */
  public static Hypha open(Path file) {
    return builder().path(file).open();
  }

  /**
   * Opens the shared store at {@code url} as a client: {@code jdbc:postgresql://host/database}, a
   * SQLite file path, or {@code jdbc:sqlite:<file>}. A client starts runs, cancels them and reads
   * the history and typed outputs (through each flow's {@code client(hypha)}); workers in this or
   * other processes execute the runs.
   *
   * @throws StoreUnavailableException if the database cannot be reached
   * @throws InvalidConfigurationException for a URL of another database
   */
  public static Hypha connect(String url) {
    return builder().database(url).open();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds {@code flow} as the instance whose methods run the tasks of {@code definition}'s flow,
   * and takes up that flow's runs left in flight by an earlier process. Generated flow classes call
   * this from their {@code bind} method; binding again replaces the instance.
   */
  public <F, I, O> FlowBinding<I, O> bind(FlowDefinition<F, I, O> definition, F flow) {
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(flow, "flow");
    return runtime.bind(definition, flow);
  }

  /**
   * The flow of {@code definition} for starting runs and reading them, without an instance and
   * without executing anything here; generated flow classes call this from {@code client(hypha)}.
   *
   * @throws InvalidConfigurationException on an embedded Hypha, which executes its runs itself:
   *     bind the flow there
   */
  public <F, I, O> FlowBinding<I, O> client(FlowDefinition<F, I, O> definition) {
    Objects.requireNonNull(definition, "definition");
    return runtime.client(definition);
  }

  /**
   * Starts a run of the flow named {@code flow} with its input as JSON, as the REST API and the CLI
   * do. A flow not bound yet is bound to a new instance of its class.
   *
   * @throws UnknownFlowException if no flow of that name is on the class path
   * @throws FlowNotBoundException if the flow's class has no public no-argument constructor and was
   *     not bound
   * @throws InvalidInputException if the JSON does not fit the flow's input type
   */
  public Run<Object> start(String flow, String inputJson) {
    return runtime.start(flow, inputJson, null);
  }

  /**
   * {@link #start(String, String)} unless a run of the flow was started with {@code key} already;
   * then that run is returned and nothing starts (see {@link FlowBinding#start(Object, String)}).
   */
  public Run<Object> start(String flow, String inputJson, String key) {
    return runtime.start(flow, inputJson, EmbeddedRuntime.requireKey(flow, key));
  }

  /**
   * Sends the signal {@code name} to the run {@code id} with its payload as JSON, as the REST API
   * and the CLI do; committed to the store before this method returns. Generated flow classes send
   * it typed ({@code flow.signalApproval(id, approval)}).
   *
   * @throws UnknownRunException if the store has no run {@code id}
   * @throws RunEndedException if the run has ended
   * @throws UnknownSignalException if no task of the run's flow waits for {@code name}
   * @throws InvalidInputException if the JSON does not fit the signal's payload type
   * @throws UnknownFlowException if the run's flow is not on the class path here
   */
  public void signal(RunId id, String name, String payloadJson) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(payloadJson, "payloadJson");
    runtime.signal(id, name, payloadJson);
  }

  /** Queries over the runs of every flow in the store. */
  public RunHistory history() {
    return runtime.history();
  }

  /**
   * Cancels the run {@code id}, whether this Hypha executes it or not; see {@link Run#cancel()}.
   *
   * @return false if the run had already ended
   * @throws UnknownRunException if the store has no run {@code id}
   */
  public boolean cancel(RunId id) {
    return runtime.cancel(id);
  }

  /**
   * Runs a FAILED run again from where it failed: its failed tasks run again as new attempts, and
   * the tasks skipped because of them run once their dependencies succeed; tasks that succeeded
   * keep their outputs and do not run again. The run is RUNNING again once this method returns (the
   * change is committed); await it through the flow's {@code run(id)} or read it in the history.
   *
   * <p>Each failed task gets one more attempt: its {@code @Retry} policy counts every attempt the
   * task had, so a task whose policy is spent is not retried automatically again if the new attempt
   * fails. Every earlier attempt stays in the history. An {@code @OnFailure} callback that ran for
   * the failure does not run again; an {@code @OnSuccess} callback runs if the run now succeeds. On
   * a shared store, the workers of the run's queues execute the new attempts.
   *
   * @throws UnknownRunException if the store has no run {@code id}
   * @throws RunNotRetryableException if the run is not FAILED, its succeeded tasks were compensated
   *     (their effects are undone: start a new run), it was started by another version of its flow,
   *     or its flow has {@code @ForEach}, {@code @Loop}, sub-flow or {@code @Signal} tasks, which
   *     retry does not handle yet
   * @throws UnknownFlowException if the run's flow is not on the class path here
   */
  public void retry(RunId id) {
    Objects.requireNonNull(id, "id");
    runtime.retry(id);
  }

  /** Counters of the engine: commits, rows written, executions, abandoned threads. */
  public EngineMetrics metrics() {
    return runtime.metrics();
  }

  /**
   * Adds a listener to this open Hypha: it hears of the changes committed from now on (one added
   * while the engine builds a batch may hear of part of that batch), as one given to {@link
   * Builder#listener(HyphaListener)} does.
   *
   * <p>On a shared store a process's listeners hear what that process commits: runs it starts or
   * cancels, attempts its worker ran with the states they led to, and runs its worker ended. Each
   * process of a store hears its own part; see {@link HyphaListener}.
   *
   * @return true; the listener is added
   */
  public boolean addListener(HyphaListener listener) {
    Objects.requireNonNull(listener, "listener");
    return runtime.addListener(listener);
  }

  /**
   * Per queue, the tasks READY in the store and due, which no worker has claimed yet, with the due
   * time of the one that waited longest; queues without any are left out. One indexed query, for
   * metrics and dashboards. On a shared store this is the backlog of each queue's workers (a queue
   * no running worker hosts only grows). The embedded engine claims due tasks at once and keeps
   * those beyond its claim-ahead in memory, without a READY row, so its queues show little here.
   */
  public List<QueueStatus> queues() {
    return runtime.queues();
  }

  /**
   * The flows whose generated definitions {@code loader}'s class path lists (through {@link
   * java.util.ServiceLoader}), without opening a store: what a Hypha opened with {@code loader} as
   * the thread's context class loader finds. Entries that cannot be loaded are logged as warnings
   * and skipped; the first definition of a name wins.
   */
  public static List<FlowDescriptor> flowsOnClassPath(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    return dev.hypha.runtime.internal.engine.FlowDiscovery.flows(loader).values().stream()
        .map(definition -> definition.descriptor())
        .toList();
  }

  /** The flows on the class path and those bound here, by name. */
  public List<FlowDescriptor> flows() {
    return runtime.flows();
  }

  /**
   * The database file.
   *
   * @throws IllegalStateException for a PostgreSQL store, which has no file; see {@link
   *     #location()}
   */
  public Path path() {
    if (path == null) {
      throw new IllegalStateException(
          "a PostgreSQL store has no file; location() gives its URL (" + location() + ")");
    }
    return path;
  }

  /**
   * The flow versions ({@code name@shapeHash}) this process works on as a worker; for the Worker.
   */
  java.util.Set<String> hostedFlows() {
    return runtime instanceof SharedRuntime shared ? shared.hosted() : java.util.Set.of();
  }

  /** Where the runs are stored: the database file, or the JDBC URL without its password. */
  public String location() {
    return runtime.location();
  }

  @Override
  public void close() {
    runtime.close();
  }

  /** Settings for a {@link Hypha}. Not thread-safe. */
  public static final class Builder {
    private Path path = DEFAULT_PATH;
    private int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private boolean serial;
    private Clock clock = Clock.systemUTC();
    private final List<HyphaListener> listeners = new ArrayList<>();
    private Duration busyTimeout = Duration.ofSeconds(5);
    private Duration shutdownGrace = Duration.ofSeconds(10);
    private String workerId;
    private boolean flushToDisk = true;
    private int maxActiveRuns = 10_000;
    private ObjectMapper objectMapper;
    private Executor callbackExecutor;
    private String database;
    private Set<String> queues;
    private Duration lease = Duration.ofSeconds(30);
    private Duration heartbeat;
    private Duration pollInterval = Duration.ofMillis(200);
    private HyphaInterceptor interceptor;
    private boolean hostBoundOnly;

    private Builder() {}

    /**
     * Code to run around every start and every attempt on the threads that do them, such as {@code
     * HyphaTracing} of {@code hypha-opentelemetry}; see {@link HyphaInterceptor}. One per Hypha: a
     * second call replaces the first. On a shared store, give it to the clients (whose starts store
     * its context) and to the workers (whose attempts read it).
     */
    public Builder interceptor(HyphaInterceptor interceptor) {
      this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
      return this;
    }

    /**
     * A shared store: {@code jdbc:postgresql://host/database}, a SQLite file path, or {@code
     * jdbc:sqlite:<file>}. Any number of processes may open it at once, each a client and, with
     * {@link #worker(String...)}, a worker. Without it, the file of {@link #path(Path)} belongs to
     * this process's embedded engine alone.
     */
    public Builder database(String url) {
      this.database = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Makes this process a worker of the shared store that hosts {@code queues}: it claims the
     * READY tasks on them (of every flow on the class path with a public no-argument constructor,
     * and of flows bound here) and runs them on {@link #parallel(int)} threads. Tasks without a
     * {@code queue} are on {@value dev.hypha.runtime.spi.TaskDescriptor#DEFAULT_QUEUE}. The store
     * is {@link #database(String)}, or the SQLite file of {@link #path(Path)}.
     */
    public Builder worker(String... queues) {
      Set<String> hosted = new LinkedHashSet<>();
      for (String queue : queues) {
        if (queue == null || queue.isBlank()) {
          throw new InvalidConfigurationException(
              "worker(queues) takes queue names, not a blank one; tasks without a queue are on \""
                  + dev.hypha.runtime.spi.TaskDescriptor.DEFAULT_QUEUE
                  + "\"");
        }
        hosted.add(queue.trim());
      }
      if (hosted.isEmpty()) {
        throw new InvalidConfigurationException(
            "worker(queues) takes at least one queue; tasks without a queue are on \""
                + dev.hypha.runtime.spi.TaskDescriptor.DEFAULT_QUEUE
                + "\"");
      }
      this.queues = hosted;
      return this;
    }

    /**
     * Makes a worker host only the flows bound to it with {@link Hypha#bind}, from the moment each
     * is bound, instead of also every flow on the class path with a public no-argument constructor
     * from the moment it opens. For containers that make the flow instances themselves (the Spring
     * Boot starter binds its beans after the Hypha is open): no task then runs on an instance the
     * container did not make. Without effect on an embedded engine, which runs a flow once bound.
     */
    public Builder hostBoundFlowsOnly() {
      this.hostBoundOnly = true;
      return this;
    }

    /**
     * How long a worker's claim on a task lasts without a heartbeat; 30 seconds by default. A
     * worker that dies (or is paused) holds its tasks this long at most: then another worker runs
     * them again as new attempts. Its heartbeat extends the leases of its running tasks every third
     * of this (see {@link #heartbeat(Duration)}).
     */
    public Builder lease(Duration lease) {
      if (lease.compareTo(Duration.ofMillis(500)) < 0) {
        throw new InvalidConfigurationException(
            "a lease shorter than 500 ms would expire between heartbeats; was " + lease);
      }
      this.lease = lease;
      return this;
    }

    /** How often a worker extends its leases; a third of the lease by default. */
    public Builder heartbeat(Duration heartbeat) {
      this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
      return this;
    }

    /**
     * How often an idle worker looks for work that other processes made ready; 200 ms by default,
     * each pause varied by ±25% so that workers do not poll in step. Work started in this process
     * is taken at once.
     */
    public Builder pollInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new InvalidConfigurationException("pollInterval must be positive, was " + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /** The database file; {@code ./hypha.db} by default. Its folder must exist. */
    public Builder path(Path path) {
      this.path = Objects.requireNonNull(path, "path");
      return this;
    }

    /**
     * The serial engine: one task at a time, taken in the order the tasks became ready (a run's
     * tasks in dependency order), so the same flow gives the same history every time. For tests and
     * debugging.
     */
    public Builder serial() {
      this.serial = true;
      return this;
    }

    /** The parallel engine with {@code threads} worker threads (the default engine). */
    public Builder parallel(int threads) {
      if (threads < 1) {
        throw new InvalidConfigurationException(
            "parallel(threads) takes at least 1 thread, was " + threads);
      }
      this.serial = false;
      this.threads = threads;
      return this;
    }

    /** The clock for timestamps and run ids; the system UTC clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Adds a listener for every committed state change. */
    public Builder listener(HyphaListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** How long to wait for another process's lock on the database; 5 seconds by default. */
    public Builder busyTimeout(Duration timeout) {
      this.busyTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How long {@link Hypha#close()} lets running tasks finish; 10 seconds by default. */
    public Builder shutdownGrace(Duration grace) {
      this.shutdownGrace = Objects.requireNonNull(grace, "grace");
      return this;
    }

    /** The worker id recorded on every task this engine runs; {@code <pid>@<host>} by default. */
    public Builder workerId(String workerId) {
      this.workerId = Objects.requireNonNull(workerId, "workerId");
      return this;
    }

    /**
     * Whether each commit waits until the data is on the disk (the default: a committed transition
     * survives a power loss). With {@code false}, commits reach the operating system only: they
     * survive a crash of the process, not of the machine.
     */
    public Builder flushToDisk(boolean flushToDisk) {
      this.flushToDisk = flushToDisk;
      return this;
    }

    /**
     * How many runs started through this Hypha may be under way at once; 10,000 by default. A
     * further {@code start} or {@code startAsync} waits (interruptibly) until one ends, so callers
     * that start runs faster than they finish get back-pressure instead of an ever-growing memory.
     * Runs taken up after a restart count against it while there is room, and are never held back.
     */
    public Builder maxActiveRuns(int runs) {
      if (runs < 1) {
        throw new InvalidConfigurationException("maxActiveRuns takes at least 1, was " + runs);
      }
      this.maxActiveRuns = runs;
      return this;
    }

    /**
     * The Jackson mapper whose modules, naming strategy and features write and read inputs and
     * outputs. Hypha uses a copy (later changes to {@code mapper} do not reach it) and adds the
     * {@code Optional} and {@code java.time} modules if missing. Outputs already stored are read
     * with it too, so change naming strategies only on a new store.
     */
    public Builder objectMapper(ObjectMapper mapper) {
      this.objectMapper = Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /**
     * Where code chained to Hypha's futures ({@code startAsync}, {@code Run.result()}) runs; by
     * default two threads of Hypha's own with a bounded queue. Never an engine thread. Hypha does
     * not shut a given executor down.
     */
    public Builder callbackExecutor(Executor executor) {
      this.callbackExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Opens the store (creating and migrating it), takes the engine lock and starts the engine.
     *
     * @throws StoreUnavailableException if the file or its folder cannot be written
     * @throws SchemaTooNewException if a newer Hypha wrote the file
     * @throws StoreLockedException if another engine holds the file beyond the busy timeout
     */
    public Hypha open() {
      if (database != null || queues != null) {
        return openShared();
      }
      Path file = path.toAbsolutePath().normalize();
      String worker = workerId != null ? workerId : defaultWorkerId();
      Map<String, FlowDefinition<?, ?, ?>> flows = discoverFlows();
      SqliteStore.checkFile(file);
      // The lock first: a second engine must not even migrate a file another one is using.
      EngineLock lock = EngineLock.acquire(file, busyTimeout, worker);
      SqliteStore store = null;
      try {
        store = SqliteStore.open(file, busyTimeout, flushToDisk, Micros.of(clock.instant()));
        long shared = store.runsInFlight(true);
        if (shared > 0) {
          throw new InvalidConfigurationException(
              file
                  + " holds "
                  + shared
                  + " run(s) in flight started on it as a shared store, which the embedded engine"
                  + " cannot carry on; open it as a shared store (Hypha.connect, or"
                  + " Hypha.builder().database(path).worker(queues)) until they have ended");
        }
        int poolThreads = serial ? 1 : threads;
        // The serial engine claims one task at a time, which makes its order deterministic.
        int maxInFlight = serial ? 1 : Math.max(1024, 32 * threads);
        JsonCodec codec = objectMapper == null ? new JsonCodec() : new JsonCodec(objectMapper);
        EngineSettings settings =
            new EngineSettings(
                poolThreads,
                maxInFlight,
                maxActiveRuns,
                busyTimeout,
                callbackExecutor,
                FaultPoints.parse(System.getProperty("hypha.faults")),
                Interception.of(interceptor));
        Engine engine = new Engine(store, codec, clock, worker, settings, listeners);
        EmbeddedRuntime runtime =
            new EmbeddedRuntime(store, engine, codec, clock, shutdownGrace, lock, flows);
        return new Hypha(runtime, file);
      } catch (RuntimeException | Error e) {
        if (store != null) {
          store.close();
        }
        try {
          lock.close();
        } catch (java.io.IOException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }

    private Hypha openShared() {
      if (serial) {
        throw new InvalidConfigurationException(
            "the serial engine runs one process's tasks in order, which a shared store cannot"
                + " promise; use parallel(threads) with a shared store");
      }
      Duration beat = heartbeat != null ? heartbeat : lease.dividedBy(3);
      if (beat.compareTo(lease) >= 0) {
        throw new InvalidConfigurationException(
            "the heartbeat (" + beat + ") must be shorter than the lease (" + lease + ")");
      }
      String url = database != null ? database : path.toAbsolutePath().normalize().toString();
      SharedStore.Target target = SharedStore.Target.parse(url);
      String worker = workerId != null ? workerId : defaultWorkerId();
      Map<String, FlowDefinition<?, ?, ?>> flows = discoverFlows();
      if (!target.postgres()) {
        SqliteStore.checkFile(target.file());
      }
      if (!target.postgres() && queues == null) {
        Hypha beside = besideEmbeddedEngine(target.file(), worker, flows);
        if (beside != null) {
          return beside;
        }
      }
      AutoCloseable lock =
          target.postgres() ? () -> {} : EngineLock.shared(target.file(), busyTimeout);
      SharedStore store = null;
      try {
        store =
            SharedStore.open(
                url,
                busyTimeout,
                flushToDisk,
                Math.min(32, threads + 4),
                Micros.of(clock.instant()));
        long embedded = store.runsInFlight(false);
        if (embedded > 0) {
          LOG.warn(
              "{} holds {} run(s) in flight that an embedded engine started; workers of a shared"
                  + " store do not carry them on: open the file with Hypha.open to finish them",
              store.location(),
              embedded);
        }
        JsonCodec codec = objectMapper == null ? new JsonCodec() : new JsonCodec(objectMapper);
        SharedRuntime.Worker role =
            queues == null
                ? null
                : new SharedRuntime.Worker(
                    worker,
                    Set.copyOf(queues),
                    threads,
                    lease,
                    beat,
                    pollInterval,
                    shutdownGrace,
                    hostBoundOnly);
        return new Hypha(
            SharedRuntime.open(
                store,
                lock,
                callbackExecutor,
                codec,
                clock,
                flows,
                role,
                listeners,
                Interception.of(interceptor)),
            target.file());
      } catch (RuntimeException | Error e) {
        if (store != null) {
          store.close();
        }
        try {
          lock.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }

    /**
     * A client of a file that an embedded engine holds alone: it reads the history (WAL snapshots,
     * which never block the engine) and refuses starts and cancels, naming the engine. Null when no
     * embedded engine holds the file.
     */
    private Hypha besideEmbeddedEngine(
        Path file, String worker, Map<String, FlowDefinition<?, ?, ?>> flows) {
      AutoCloseable probe;
      try {
        probe = EngineLock.shared(file, Duration.ZERO);
      } catch (StoreLockedException held) {
        String written = EngineLock.holder(file);
        String holder =
            "an embedded Hypha engine" + (written.isEmpty() ? "" : " (" + written + ")");
        SharedStore store = SharedStore.readOnly(file, busyTimeout, holder);
        JsonCodec codec = objectMapper == null ? new JsonCodec() : new JsonCodec(objectMapper);
        LOG.info("{} is held by {}: this client reads its history only", file, holder);
        return new Hypha(
            SharedRuntime.open(
                store, () -> {}, callbackExecutor, codec, clock, flows, null, listeners, null),
            file);
      }
      try {
        probe.close();
      } catch (Exception e) {
        throw new StoreUnavailableException(
            file.toString(), "cannot release the lock of " + file + ": " + e.getMessage(), e);
      }
      return null;
    }

    private static Map<String, FlowDefinition<?, ?, ?>> discoverFlows() {
      return FlowDiscovery.flows(Thread.currentThread().getContextClassLoader());
    }
  }

  /**
   * The worker id a Hypha records on its attempts when {@link Builder#workerId(String)} is not
   * given: {@code <pid>@<host>}.
   */
  public static String defaultWorkerId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return ProcessHandle.current().pid() + "@" + host;
  }
}
