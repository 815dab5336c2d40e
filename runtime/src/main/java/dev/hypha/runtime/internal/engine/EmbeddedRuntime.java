package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.CorruptRecordException;
import dev.hypha.runtime.EngineMetrics;
import dev.hypha.runtime.FlowNotBoundException;
import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.InvalidConfigurationException;
import dev.hypha.runtime.InvalidInputException;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunEndedException;
import dev.hypha.runtime.RunHistory;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunNotRetryableException;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.SubFlow;
import dev.hypha.runtime.TaskKind;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import dev.hypha.runtime.UnknownFlowException;
import dev.hypha.runtime.UnknownRunException;
import dev.hypha.runtime.internal.HyphaRuntime;
import dev.hypha.runtime.internal.json.JsonCodec;
import dev.hypha.runtime.internal.store.Store;
import dev.hypha.runtime.internal.store.StoredRun;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import dev.hypha.runtime.spi.TaskDescriptor;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything behind {@link dev.hypha.runtime.Hypha}: the flows known here, the engine that runs
 * them, and the store. A flow's in-flight runs are taken up when the flow is first bound, because
 * only then is there an instance to run its tasks on. Thread-safe.
 */
public final class EmbeddedRuntime implements HyphaRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRuntime.class);

  private final Store store;
  private final Engine engine;
  private final JsonCodec codec;
  private final Clock clock;
  private final Duration shutdownGrace;
  private final AutoCloseable lock;
  private final Map<String, FlowDefinition<?, ?, ?>> discovered;
  private final Map<String, RegisteredFlow> bound = new TreeMap<>();
  private final Poller poller;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** How many stored runs recovery reads and hands to the engine at a time. */
  private static final int RESUME_PAGE = 500;

  public EmbeddedRuntime(
      Store store,
      Engine engine,
      JsonCodec codec,
      Clock clock,
      Duration shutdownGrace,
      AutoCloseable lock,
      Map<String, FlowDefinition<?, ?, ?>> discovered) {
    this.store = store;
    this.engine = engine;
    this.codec = codec;
    this.clock = clock;
    this.shutdownGrace = shutdownGrace;
    this.lock = lock;
    this.discovered = Map.copyOf(discovered);
    this.poller = new Poller(engine.callbacks());
    engine.children(this::prepareChild);
  }

  /**
   * The child of task {@code task} of run {@code parent}: its flow, bound here now through its
   * public no-argument constructor if it is not yet (which resumes its runs in flight), a new id,
   * its input as JSON, its key, and the run already started with that key if there is one.
   *
   * @throws FlowNotBoundException if the child's flow is not bound and cannot be made
   */
  private Children.Start prepareChild(RunId parent, String task, SubFlow<?> sub) {
    FlowDefinition<?, ?, ?> definition = sub.definition();
    String name = definition.descriptor().name();
    RegisteredFlow flow;
    synchronized (bound) {
      flow = bound.get(name);
    }
    String key = SubFlows.key(parent, task);
    RunId existing = store.runByKey(name, key).orElse(null);
    if (flow == null) {
      Optional<?> instance = definition.newInstance();
      if (instance.isEmpty()) {
        if (existing != null) {
          // Started before a restart: the task waits for it until its flow is bound again.
          return new Children.Start(null, null, null, key, existing, null);
        }
        throw new FlowNotBoundException(name, definition.descriptor().flowClassName());
      }
      flow = register(definition, instance.get());
    }
    RunId newId = RunId.generate(clock.millis());
    String input = encodeInput(flow, sub.input());
    String context = null;
    if (existing == null) {
      // On the parent's attempt thread: the child's context is taken inside that attempt.
      Interception.Starting starting = Interception.starting(engine.interception(), name);
      starting.ended(newId, null);
      context = starting.contextJson();
    }
    return new Children.Start(flow, newId, input, key, existing, context);
  }

  /** Registers {@code instance} as the one whose methods run {@code definition}'s tasks. */
  public <F, I, O> FlowBinding<I, O> bind(FlowDefinition<F, I, O> definition, F instance) {
    return new Binding<>(this, register(definition, instance));
  }

  /**
   * Refused: this runtime executes every run of its file, so a flow here is bound with an instance.
   */
  @Override
  public <F, I, O> FlowBinding<I, O> client(FlowDefinition<F, I, O> definition) {
    throw new InvalidConfigurationException(
        "an embedded Hypha executes the runs of its file itself, so it has no client role: bind"
            + " flow "
            + definition.descriptor().name()
            + " with an instance, or open the store with Hypha.connect(url) for a client that"
            + " executes nothing");
  }

  @Override
  public String location() {
    return store.location();
  }

  /** Starts a run of the flow {@code name} with a JSON input; for the REST API and the CLI. */
  public Run<Object> start(String name, String inputJson, String key) {
    RegisteredFlow flow = registered(name);
    Object input = RunInputs.read(codec, flow.descriptor(), inputJson);
    return start(flow, input, key);
  }

  /** {@code key} if it can be a run's business key; else an {@link InvalidInputException}. */
  public static String requireKey(String flow, String key) {
    if (key == null || key.isBlank()) {
      throw new InvalidInputException(
          flow,
          "String",
          "a run's key must not be null or blank; pass a business key like an order id",
          null);
    }
    return key;
  }

  /** The flows this runtime knows, bound or found on the class path, by name. */
  public List<FlowDescriptor> flows() {
    Map<String, FlowDescriptor> all = new TreeMap<>();
    discovered.forEach((name, definition) -> all.put(name, definition.descriptor()));
    synchronized (bound) {
      bound.forEach((name, flow) -> all.put(name, flow.descriptor()));
    }
    return new ArrayList<>(all.values());
  }

  public RunHistory history() {
    return new StoreHistory(this);
  }

  /**
   * Cancels a run; false if it has ended. A run this engine executes is cancelled as {@link
   * dev.hypha.runtime.Run#cancel()} says; one it does not (its flow not bound here, or started by
   * another shape of the flow) is cancelled in the store: its unfinished tasks and the run become
   * CANCELLED, without compensations, since no instance of the flow runs them. The engine lock
   * guarantees no other engine executes it meanwhile.
   */
  public boolean cancel(RunId runId) {
    RunSummary summary =
        store
            .summary(runId)
            .orElseThrow(() -> new UnknownRunException(runId, "in " + store.location()));
    if (summary.state().isFinal()) {
      return false;
    }
    return engine.cancel(runId, store.runSeq(runId).orElse(-1L));
  }

  /**
   * Retries a FAILED run (see {@link dev.hypha.runtime.Hypha#retry}): reopens it in the store, in a
   * commit of the engine, then takes it up as a restart would, binding its flow here if need be.
   */
  @Override
  public void retry(RunId runId) {
    RunDetail detail =
        store
            .detail(runId)
            .orElseThrow(() -> new UnknownRunException(runId, "in " + store.location()));
    RegisteredFlow flow = registered(detail.summary().flow());
    Retries.check(detail, flow.descriptor());
    long runSeq = store.runSeq(runId).orElseThrow();
    if (!engine.reopen(runId, runSeq)) {
      throw new RunNotRetryableException(
          runId,
          "it is "
              + store.summary(runId).map(summary -> summary.state().name()).orElse("gone")
              + " now; only a FAILED run is retried");
    }
    StoredRun stored =
        store
            .storedRun(runSeq, flow.name(), flow.hasSignals())
            .orElseThrow(() -> new UnknownRunException(runId, "in " + store.location()));
    engine.resume(flow, List.of(stored), true);
  }

  /** Sends the signal {@code name} with a JSON payload to a run; for the REST API and the CLI. */
  public void signal(RunId runId, String name, String payloadJson) {
    RunSummary summary = summary(runId);
    FlowDescriptor flow =
        descriptor(summary.flow())
            .orElseThrow(
                () ->
                    new UnknownFlowException(
                        summary.flow(), flows().stream().map(FlowDescriptor::name).toList()));
    send(summary, name, SignalPayloads.fromJson(codec, flow, name, payloadJson));
  }

  /** Sends the signal {@code name} with a typed payload to a run of {@code flow}. */
  void signal(RegisteredFlow flow, RunId runId, String name, Object payload) {
    String json = SignalPayloads.write(codec, flow.descriptor(), name, payload);
    RunSummary summary = summary(runId);
    if (!summary.flow().equals(flow.name())) {
      throw new UnknownRunException(runId, "of flow " + flow.name() + " in " + store.location());
    }
    send(summary, name, json);
  }

  private RunSummary summary(RunId runId) {
    return store
        .summary(runId)
        .orElseThrow(() -> new UnknownRunException(runId, "in " + store.location()));
  }

  private void send(RunSummary summary, String name, String json) {
    RunId runId = summary.id();
    if (!summary.state().isFinal()
        && engine.signal(runId, store.runSeq(runId).orElse(-1L), name, json)) {
      return;
    }
    RunState state = summary(runId).state();
    throw new RunEndedException(runId, state, "signal " + name);
  }

  public EngineMetrics metrics() {
    return engine.metrics();
  }

  @Override
  public List<dev.hypha.runtime.QueueStatus> queues() {
    return store.queues(dev.hypha.runtime.internal.store.Micros.of(clock.instant()));
  }

  @Override
  public boolean addListener(dev.hypha.runtime.HyphaListener listener) {
    engine.addListener(listener);
    return true;
  }

  /**
   * A run with all of its tasks. A task gets its row when it leaves PENDING; the tasks of a run in
   * flight that have none yet are listed PENDING here (CANCELLED in a run cancelled before they
   * started), from the flow's descriptor when this runtime knows the flow version of the run.
   */
  public Optional<RunDetail> detail(RunId runId) {
    return store.detail(runId).map(this::withPendingTasks);
  }

  private RunDetail withPendingTasks(RunDetail detail) {
    Optional<FlowDescriptor> descriptor = descriptor(detail.summary().flow());
    if (descriptor.isEmpty()
        || !descriptor.get().shapeHash().equals(detail.summary().shapeHash())) {
      return detail;
    }
    Map<String, TaskRecord> stored = new LinkedHashMap<>();
    detail.tasks().forEach(task -> stored.put(task.name(), task));
    if (descriptor.get().tasks().stream().allMatch(task -> stored.containsKey(task.name()))) {
      return detail;
    }
    // A run cancelled in the store never started these: they were cancelled with it.
    TaskState missing =
        detail.state() == RunState.CANCELLED ? TaskState.CANCELLED : TaskState.PENDING;
    List<TaskRecord> all = new ArrayList<>();
    for (var task : descriptor.get().tasks()) {
      TaskRecord row = stored.remove(task.name());
      all.add(row != null ? row : notStarted(task, missing));
    }
    all.addAll(stored.values());
    return new RunDetail(detail.summary(), detail.inputJson(), detail.resultJson(), all);
  }

  private static TaskRecord notStarted(TaskDescriptor task, TaskState state) {
    return new TaskRecord(
        task.name(),
        TaskKind.TASK,
        task.queue(),
        state,
        0,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty());
  }

  private Optional<FlowDescriptor> descriptor(String name) {
    synchronized (bound) {
      RegisteredFlow flow = bound.get(name);
      if (flow != null) {
        return Optional.of(flow.descriptor());
      }
    }
    return Optional.ofNullable(discovered.get(name)).map(FlowDefinition::descriptor);
  }

  /**
   * Closes in order: the engine (its last commit done), then the store, then the engine lock.
   * Idempotent and quiet when called again. An engine thread that would not end keeps the store and
   * the lock open, so that no other engine can write under it.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    poller.close();
    boolean stopped = engine.close(shutdownGrace);
    if (!stopped) {
      LOG.error(
          "the engine thread did not stop; the database {} and its engine lock stay open until this"
              + " process ends, so no other engine writes under it",
          store.location());
      return;
    }
    try {
      store.close();
    } finally {
      closeLock();
    }
  }

  <O> Run<O> start(RegisteredFlow flow, Object input, String key) {
    RunId runId = RunId.generate(clock.millis());
    String inputJson = encodeInput(flow, input);
    Interception.Starting starting = Interception.starting(engine.interception(), flow.name());
    Command.Started started;
    try {
      started =
          EngineErrors.join(
              engine.start(flow, runId, inputJson, key, false, starting.contextJson()),
              "the start of a run of " + flow.name());
    } catch (RuntimeException | Error e) {
      starting.ended(null, e);
      throw e;
    }
    starting.ended(started.runId(), null);
    return new RunHandle<>(this, flow, started.runId(), started.completion());
  }

  /**
   * Starts a run without waiting for its commit. The future completes on a callback thread, never
   * on an engine thread, so whatever the caller chains to it cannot hold the engine up.
   */
  <O> CompletableFuture<Run<O>> startAsync(RegisteredFlow flow, Object input, String key) {
    RunId runId = RunId.generate(clock.millis());
    String inputJson = encodeInput(flow, input);
    Interception.Starting starting = Interception.starting(engine.interception(), flow.name());
    CompletableFuture<Command.Started> committed;
    try {
      committed = engine.start(flow, runId, inputJson, key, true, starting.contextJson());
    } catch (RuntimeException | Error e) {
      starting.ended(null, e);
      throw e;
    }
    if (starting != Interception.Starting.NONE) {
      // Completed on a callback thread (async), never on the engine's.
      committed.whenComplete(
          (started, error) -> starting.ended(started == null ? null : started.runId(), error));
    }
    return committed.thenApply(
        started -> new RunHandle<O>(this, flow, started.runId(), started.completion()));
  }

  private String encodeInput(RegisteredFlow flow, Object input) {
    return RunInputs.write(codec, flow.descriptor(), input);
  }

  <O> Run<O> handle(RegisteredFlow flow, RunId runId) {
    return new RunHandle<>(this, flow, runId, null);
  }

  Store store() {
    return store;
  }

  /** The clock of timestamps and run ids. */
  Clock clock() {
    return clock;
  }

  Engine engine() {
    return engine;
  }

  Poller poller() {
    return poller;
  }

  /** A run's result from its stored JSON, as the flow's result type. */
  @SuppressWarnings("unchecked")
  <O> O decodeResult(RegisteredFlow flow, RunId runId, String resultJson) {
    return (O) engine.outputs().decode(runId, "result", flow.descriptor().result(), resultJson);
  }

  /**
   * The result of a run that succeeded, from the result JSON stored with the run (a recorded null
   * is a value, not a missing output).
   */
  <O> O storedResult(RegisteredFlow flow, RunId runId) {
    String json =
        store
            .result(runId)
            .orElseThrow(
                () ->
                    new CorruptRecordException(
                        store.location(),
                        runId,
                        "result",
                        flow.descriptor().result().toString(),
                        new IllegalStateException("a SUCCEEDED run has no stored result")));
    return decodeResult(flow, runId, json);
  }

  /** The decoded output of a task of a stored run, if it has one; see {@link OutputReader}. */
  Optional<Object[]> storedOutput(RegisteredFlow flow, RunId runId, int task) {
    return engine.outputs().stored(flow, runId, task);
  }

  /**
   * Binds the flow, then takes up its in-flight runs, page by page, outside the lock that guards
   * the flows: history reads and other flows' binds do not wait for a long recovery. If reading the
   * runs fails, the flow is unbound again so that the next bind tries again.
   */
  private RegisteredFlow register(FlowDefinition<?, ?, ?> definition, Object instance) {
    String name = definition.descriptor().name();
    RegisteredFlow flow;
    synchronized (bound) {
      flow = bound.get(name);
      if (flow != null) {
        if (flow.definition().getClass() != definition.getClass()) {
          throw new HyphaException(
              "two flows are named "
                  + name
                  + ": "
                  + flow.descriptor().flowClassName()
                  + " and "
                  + definition.descriptor().flowClassName()
                  + "; give one another name with @Flow(name = \"...\")");
        }
        flow.rebind(instance);
        return flow;
      }
      flow = new RegisteredFlow(definition, instance);
      bound.put(name, flow);
    }
    try {
      int resumed = 0;
      long afterStartedAt = 0;
      long afterSeq = 0;
      while (true) {
        Store.RunningPage page =
            store.runningRuns(name, afterStartedAt, afterSeq, RESUME_PAGE, flow.hasSignals());
        resumed += engine.resume(flow, page.runs());
        if (!page.full()) {
          break;
        }
        afterStartedAt = page.lastStartedAt();
        afterSeq = page.lastSeq();
      }
      if (resumed > 0) {
        LOG.info("resumed {} in-flight runs of flow {}", resumed, name);
      }
    } catch (RuntimeException e) {
      synchronized (bound) {
        bound.remove(name, flow);
      }
      throw e;
    }
    return flow;
  }

  /** The flow {@code name}, bound now through its public no-argument constructor if need be. */
  private RegisteredFlow registered(String name) {
    synchronized (bound) {
      RegisteredFlow flow = bound.get(name);
      if (flow != null) {
        return flow;
      }
    }
    FlowDefinition<?, ?, ?> definition = discovered.get(name);
    if (definition == null) {
      List<String> known = flows().stream().map(FlowDescriptor::name).toList();
      throw new UnknownFlowException(name, known);
    }
    Object instance =
        definition
            .newInstance()
            .orElseThrow(
                () -> new FlowNotBoundException(name, definition.descriptor().flowClassName()));
    return register(definition, instance);
  }

  private void closeLock() {
    try {
      lock.close();
    } catch (Exception e) {
      LOG.warn("could not release the engine lock: {}", e.toString());
    }
  }
}
