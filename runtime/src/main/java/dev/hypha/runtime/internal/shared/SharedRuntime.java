package dev.hypha.runtime.internal.shared;

import dev.hypha.runtime.CorruptRecordException;
import dev.hypha.runtime.EngineMetrics;
import dev.hypha.runtime.FlowNotBoundException;
import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.InvalidConfigurationException;
import dev.hypha.runtime.NoOutputException;
import dev.hypha.runtime.Page;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunEndedException;
import dev.hypha.runtime.RunHistory;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunNotRetryableException;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.UnknownFlowException;
import dev.hypha.runtime.UnknownRunException;
import dev.hypha.runtime.WorkerRecord;
import dev.hypha.runtime.internal.HyphaRuntime;
import dev.hypha.runtime.internal.engine.EmbeddedRuntime;
import dev.hypha.runtime.internal.engine.Interception;
import dev.hypha.runtime.internal.engine.Listeners;
import dev.hypha.runtime.internal.engine.Retries;
import dev.hypha.runtime.internal.engine.RunInputs;
import dev.hypha.runtime.internal.engine.SignalPayloads;
import dev.hypha.runtime.internal.json.JsonCodec;
import dev.hypha.runtime.internal.store.Micros;
import dev.hypha.runtime.internal.store.SharedStore;
import dev.hypha.runtime.internal.store.SharedTx;
import dev.hypha.runtime.internal.store.TaskKeys;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskOutputs;
import dev.hypha.runtime.spi.TypeRef;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process on a shared store: always a client (it starts runs by writing their rows, cancels them
 * and reads the history, needing only the flows' generated descriptors), and a worker too when it
 * hosts queues.
 */
public final class SharedRuntime implements HyphaRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(SharedRuntime.class);

  private final SharedStore store;
  private final AutoCloseable lock;
  private final JsonCodec codec;
  private final Clock clock;
  private final Map<String, FlowDefinition<?, ?, ?>> discovered;
  private final Map<String, Object> instances = new ConcurrentHashMap<>();
  private final Map<String, SharedFlow> flows = new ConcurrentHashMap<>();
  private final SharedWorker worker;
  private final RunWatcher watcher = new RunWatcher();
  private final StartBatcher starts;

  /** This process's listeners: they hear what this process commits. */
  final Listeners listeners;

  /** The registered interceptor's calls; null for none. */
  private final Interception interception;

  /** Where code chained to result futures runs: the builder's executor, or two threads of ours. */
  private java.util.concurrent.Executor callbacks;

  private java.util.concurrent.ExecutorService ownCallbacks;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * The worker role's settings; null for a client that executes nothing. With {@code
   * hostBoundOnly}, the worker hosts the flows bound to it only, not the class path's.
   */
  public record Worker(
      String worker,
      Set<String> queues,
      int threads,
      Duration lease,
      Duration heartbeat,
      Duration poll,
      Duration shutdownGrace,
      boolean hostBoundOnly) {}

  private SharedRuntime(
      SharedStore store,
      AutoCloseable lock,
      JsonCodec codec,
      Clock clock,
      Map<String, FlowDefinition<?, ?, ?>> discovered,
      Worker worker,
      List<dev.hypha.runtime.HyphaListener> listeners,
      Interception interception) {
    this.store = store;
    this.listeners = new Listeners(listeners);
    this.interception = interception;
    this.lock = lock;
    this.codec = codec;
    this.clock = clock;
    this.discovered = Map.copyOf(discovered);
    this.starts = new StartBatcher(store, this.listeners);
    this.worker =
        worker == null
            ? null
            : new SharedWorker(
                this,
                store,
                new SharedWorker.WorkerSettings(
                    worker.worker(),
                    worker.queues(),
                    worker.threads(),
                    worker.lease(),
                    worker.heartbeat(),
                    worker.poll(),
                    worker.shutdownGrace()));
  }

  /**
   * A process on {@code store}; with {@code worker}, it hosts every flow found on the class path
   * that has a task on one of its queues and a public no-argument constructor (others once bound).
   * {@code interception} is null without an interceptor.
   */
  public static SharedRuntime open(
      SharedStore store,
      AutoCloseable lock,
      java.util.concurrent.Executor callbacks,
      JsonCodec codec,
      Clock clock,
      Map<String, FlowDefinition<?, ?, ?>> discovered,
      Worker worker,
      List<dev.hypha.runtime.HyphaListener> listeners,
      Interception interception) {
    SharedRuntime runtime =
        new SharedRuntime(store, lock, codec, clock, discovered, worker, listeners, interception);
    if (callbacks != null) {
      runtime.callbacks = callbacks;
    } else {
      runtime.ownCallbacks = ownCallbackThreads();
      runtime.callbacks = runtime.ownCallbacks;
    }
    if (worker != null) {
      for (FlowDefinition<?, ?, ?> definition : discovered.values()) {
        if (!worker.hostBoundOnly()) {
          runtime.hostIfInstantiable(definition);
        }
      }
      runtime.worker.start();
      LOG.info(
          "worker {} hosts queues {} of flows {} on {}",
          worker.worker(),
          worker.queues(),
          runtime.worker.hostedVersions(),
          store.location());
    }
    return runtime;
  }

  private void hostIfInstantiable(FlowDefinition<?, ?, ?> definition) {
    FlowDescriptor descriptor = definition.descriptor();
    if (descriptor.queues().stream().noneMatch(worker.queues()::contains)) {
      return;
    }
    try {
      SharedFlow.checkSupported(descriptor);
    } catch (InvalidConfigurationException e) {
      LOG.warn("worker does not host flow {}: {}", descriptor.name(), e.getMessage());
      return;
    }
    Optional<?> instance = definition.newInstance();
    if (instance.isPresent()) {
      instances.putIfAbsent(descriptor.name(), instance.get());
      worker.host(flow(definition));
    }
  }

  /** The flow versions this worker claims tasks of, as {@code name@shapeHash}. */
  public Set<String> hosted() {
    return worker == null ? Set.of() : Set.copyOf(worker.hostedVersions());
  }

  @Override
  public <F, I, O> FlowBinding<I, O> bind(FlowDefinition<F, I, O> definition, F instance) {
    ensureOpen();
    if (worker == null) {
      throw new InvalidConfigurationException(
          "this Hypha is a client of "
              + store.location()
              + " and executes nothing, so it takes no flow instance; use "
              + definition.descriptor().name()
              + "'s client(hypha), or open it with worker(queues) to run tasks here");
    }
    SharedFlow flow = flow(definition);
    instances.put(flow.name(), instance);
    worker.host(flow);
    return new SharedBinding<>(this, flow);
  }

  @Override
  public <F, I, O> FlowBinding<I, O> client(FlowDefinition<F, I, O> definition) {
    ensureOpen();
    return new SharedBinding<>(this, flow(definition));
  }

  SharedFlow flow(FlowDefinition<?, ?, ?> definition) {
    String name = definition.descriptor().name();
    SharedFlow flow = flows.computeIfAbsent(name, ignored -> new SharedFlow(definition));
    if (!flow.descriptor.shapeHash().equals(definition.descriptor().shapeHash())) {
      flow = new SharedFlow(definition);
      flows.put(name, flow);
    }
    return flow;
  }

  @Override
  public Run<Object> start(String name, String inputJson, String key) {
    ensureOpen();
    SharedFlow flow = named(name);
    Object input = RunInputs.read(codec, flow.descriptor, inputJson);
    return new SharedRun<>(this, flow, start(flow, input, key));
  }

  /**
   * The flow {@code name}: bound here (or read as a client) first, as the embedded runtime looks it
   * up, so that such a flow need not be on the class path; else found on the class path.
   */
  private SharedFlow named(String name) {
    SharedFlow flow = flows.get(name);
    if (flow != null) {
      return flow;
    }
    FlowDefinition<?, ?, ?> definition = discovered.get(name);
    if (definition == null) {
      throw new UnknownFlowException(name, flows().stream().map(FlowDescriptor::name).toList());
    }
    return flow(definition);
  }

  /** Writes a new run of {@code flow}; with a key, the run of that key if there is one. */
  RunId start(SharedFlow flow, Object input, String key) {
    ensureOpen();
    Interception.Starting starting = Interception.starting(interception, flow.name());
    RunId started;
    try {
      started =
          starts.start(
              new StartBatcher.Start(
                  newRun(flow, input, key, starting.contextJson()),
                  new java.util.concurrent.CompletableFuture<>()));
    } catch (RuntimeException | Error e) {
      starting.ended(null, e);
      throw e;
    }
    starting.ended(started, null);
    if (worker != null) {
      worker.wake();
    }
    return started;
  }

  /** The registered interceptor's calls; null for none. */
  Interception interception() {
    return interception;
  }

  /**
   * A new run of {@code flow} with its task rows, to insert: a run started here, or the child of a
   * task.
   *
   * @throws dev.hypha.runtime.InvalidConfigurationException for a flow a shared store cannot run
   * @throws dev.hypha.runtime.InvalidInputException if the input cannot be written as JSON
   */
  SharedTx.NewRun newRun(SharedFlow flow, Object input, String key, String callerContext) {
    SharedFlow.checkSupported(flow.descriptor);
    String inputJson = RunInputs.write(codec, flow.descriptor, input);
    List<SharedTx.NewTask> tasks = new ArrayList<>();
    for (int task = 0; task < flow.descriptor.tasks().size(); task++) {
      tasks.add(
          new SharedTx.NewTask(
              flow.descriptor.task(task).name(),
              flow.descriptor.task(task).queue(),
              flow.descriptor.dependencies(task).length,
              flow.startDelay(task)));
    }
    return new SharedTx.NewRun(
        RunId.generate(clock.millis()),
        flow.name(),
        flow.descriptor.shapeHash(),
        inputJson,
        key,
        nowMicros(),
        tasks,
        callerContext);
  }

  static String requireKey(String flow, String key) {
    return EmbeddedRuntime.requireKey(flow, key);
  }

  @Override
  public void signal(RunId id, String name, String payloadJson) {
    ensureOpen();
    RunSummary summary = summary(id);
    SharedFlow flow = named(summary.flow());
    send(flow, summary, name, SignalPayloads.fromJson(codec, flow.descriptor, name, payloadJson));
  }

  /** Sends the signal {@code name} with a typed payload to the run {@code id} of {@code flow}. */
  void signal(SharedFlow flow, RunId id, String name, Object payload) {
    ensureOpen();
    String json = SignalPayloads.write(codec, flow.descriptor, name, payload);
    RunSummary summary = summary(id);
    if (!summary.flow().equals(flow.name())) {
      throw new UnknownRunException(id, "of flow " + flow.name() + " in " + store.location());
    }
    send(flow, summary, name, json);
  }

  private RunSummary summary(RunId id) {
    return store
        .summary(id)
        .orElseThrow(() -> new UnknownRunException(id, "in " + store.location()));
  }

  /**
   * Records the signal in one transaction with the run's row locked, and hands it to the tasks of
   * the run that wait for it (of the run's own flow version; this process's descriptor of another
   * version only checked the payload).
   */
  private void send(SharedFlow flow, RunSummary summary, String name, String json) {
    long runSeq = store.runSeq(summary.id()).orElseThrow();
    long now = nowMicros();
    boolean sameVersion = flow.descriptor.shapeHash().equals(summary.shapeHash());
    RunState state =
        store.inTransaction(
            tx -> {
              RunState current = tx.lockRun(runSeq).orElse(RunState.CANCELLED);
              if (current != RunState.RUNNING) {
                return current;
              }
              tx.insertSignal(runSeq, name, json, now);
              if (sameVersion && flow.signalTasks().length > 0) {
                SharedWorker.takeSignals(tx, this, flow, runSeq, summary.id(), now);
              }
              return current;
            });
    if (state != RunState.RUNNING) {
      throw new RunEndedException(summary.id(), state, "signal " + name);
    }
    store.ready();
    if (worker != null) {
      worker.wake();
    }
  }

  @Override
  public RunHistory history() {
    return new RunHistory() {
      @Override
      public Page<RunSummary> find(RunQuery query) {
        return store.find(query);
      }

      @Override
      public long count(RunQuery query) {
        return store.count(query);
      }

      @Override
      public Optional<RunDetail> detail(RunId id) {
        return store.detail(id);
      }

      @Override
      public Optional<RunSummary> summary(RunId id) {
        return store.summary(id);
      }

      @Override
      public Optional<RunSummary> byKey(String flow, String key) {
        return store.runByKey(flow, key).flatMap(store::summary);
      }

      @Override
      public List<WorkerRecord> workers() {
        return store.workers();
      }
    };
  }

  /**
   * Retries a FAILED run (see {@link dev.hypha.runtime.Hypha#retry}): reopens it in one transaction
   * with its row locked; the workers of its queues claim what became READY.
   */
  @Override
  public void retry(RunId id) {
    ensureOpen();
    RunDetail detail =
        store.detail(id).orElseThrow(() -> new UnknownRunException(id, "in " + store.location()));
    SharedFlow flow = named(detail.summary().flow());
    Retries.check(detail, flow.descriptor);
    long runSeq = store.runSeq(id).orElseThrow();
    long now = nowMicros();
    if (!store.inTransaction(tx -> tx.reopen(runSeq, flow.descriptor, now))) {
      throw new RunNotRetryableException(
          id, "it is " + summary(id).state() + " now; only a FAILED run is retried");
    }
    store.ready();
  }

  @Override
  public boolean cancel(RunId id) {
    ensureOpen();
    RunSummary summary =
        store.summary(id).orElseThrow(() -> new UnknownRunException(id, "in " + store.location()));
    if (summary.state().isFinal()) {
      return false;
    }
    long runSeq = store.runSeq(id).orElseThrow();
    long now = nowMicros();
    boolean cancelled = store.inTransaction(tx -> tx.cancel(runSeq, now));
    if (cancelled && listeners.enabled()) {
      listeners.publish(
          List.of(
              new dev.hypha.runtime.RunEvent(
                  id,
                  summary.flow(),
                  RunState.CANCELLED,
                  Micros.toInstant(now),
                  Optional.empty())));
    }
    return cancelled;
  }

  @Override
  public EngineMetrics metrics() {
    return new EngineMetrics(
        worker == null ? 0 : worker.transactions(),
        worker == null ? 0 : worker.claimed(),
        worker == null ? 0 : worker.transactionNanos(),
        worker == null ? 0 : worker.executions(),
        worker == null ? 0 : worker.inFlight(),
        0,
        0,
        0);
  }

  @Override
  public List<dev.hypha.runtime.QueueStatus> queues() {
    return store.queues(nowMicros());
  }

  @Override
  public boolean addListener(dev.hypha.runtime.HyphaListener listener) {
    // Many processes commit a shared store's transitions: each one's listeners hear its own.
    listeners.add(listener);
    return true;
  }

  @Override
  public List<FlowDescriptor> flows() {
    Map<String, FlowDescriptor> all = new TreeMap<>();
    discovered.forEach((name, definition) -> all.put(name, definition.descriptor()));
    flows.forEach((name, flow) -> all.put(name, flow.descriptor));
    return new ArrayList<>(all.values());
  }

  @Override
  public String location() {
    return store.location();
  }

  SharedStore store() {
    return store;
  }

  JsonCodec codec() {
    return codec;
  }

  RunWatcher watcher() {
    return watcher;
  }

  java.util.concurrent.Executor callbacks() {
    return callbacks;
  }

  private static java.util.concurrent.ExecutorService ownCallbackThreads() {
    java.util.concurrent.atomic.AtomicInteger number =
        new java.util.concurrent.atomic.AtomicInteger();
    return java.util.concurrent.Executors.newFixedThreadPool(
        2,
        task -> {
          Thread thread = new Thread(task, "hypha-callback-" + number.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  /** The clock of timestamps, run ids and due times. */
  java.time.Clock clock() {
    return clock;
  }

  long nowMicros() {
    return Micros.of(clock.instant());
  }

  /** The instance whose methods run {@code flow}'s tasks here. */
  Object instance(SharedFlow flow) {
    Object instance = instances.get(flow.name());
    if (instance == null) {
      throw new FlowNotBoundException(flow.name(), flow.descriptor.flowClassName());
    }
    return instance;
  }

  /** {@code json}, a stored value of run {@code runId}, read as {@code type}. */
  Object decode(RunId runId, String field, TypeRef<?> type, String json) {
    try {
      return codec.read(json, type);
    } catch (Exception e) {
      throw new CorruptRecordException(store.location(), runId, field, type.toString(), e);
    }
  }

  /**
   * The result JSON of a run whose tasks all succeeded: the single sink's output as stored, or the
   * flow's {@code Result} record of its sinks, as the embedded engine stores it.
   */
  String resultJson(SharedFlow flow, long runSeq, RunId runId, Map<Long, String> outputs) {
    int[] sinks = flow.descriptor.sinks();
    if (sinks.length == 0) {
      return "null";
    }
    if (sinks.length == 1) {
      // A sink that was not taken has no output: the result, an empty Optional, is null.
      return outputs.getOrDefault(TaskKeys.key(runSeq, sinks[0]), "null");
    }
    TaskOutputs read =
        new TaskOutputs() {
          @Override
          @SuppressWarnings("unchecked")
          public <T> T output(int task) {
            if (!outputs.containsKey(TaskKeys.key(runSeq, task))) {
              throw new NoOutputException(
                  runId, flow.descriptor.task(task).name(), "it was not taken");
            }
            return (T)
                decode(
                    runId,
                    "output of task " + flow.descriptor.task(task).name(),
                    flow.descriptor.task(task).output(),
                    outputs.get(TaskKeys.key(runSeq, task)));
          }
        };
    try {
      return codec.write(flow.definition.result(read));
    } catch (Exception e) {
      throw new HyphaException(
          "the result of a run of flow " + flow.name() + " could not be built from its sinks", e);
    }
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new HyphaException("this Hypha is closed; open a new one");
    }
  }

  /**
   * Stops the worker role first (running tasks finish for the shutdown grace, and what is left is
   * given back to other workers), then closes the store.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (worker != null) {
        worker.close();
      }
    } finally {
      // After the worker's last commit: what it committed is heard before close returns.
      listeners.close(Math.max(1_000, worker == null ? 0 : worker.shutdownGraceMillis()));
      watcher.close();
      if (ownCallbacks != null) {
        ownCallbacks.shutdown();
      }
      try {
        store.close();
      } finally {
        try {
          lock.close();
        } catch (Exception e) {
          LOG.warn("could not release the lock of {}", store.location(), e);
        }
      }
    }
  }
}
