package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.EngineMetrics;
import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.HyphaListener;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.SubFlow;
import dev.hypha.runtime.internal.json.JsonCodec;
import dev.hypha.runtime.internal.store.Store;
import dev.hypha.runtime.internal.store.StoredRun;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer, seen from outside: what callers and worker threads hand to the engine thread
 * (its {@link CommitLoop}), and how the engine starts, stops and fails. One thread takes every
 * command (start a run, an attempt began or ended, resume runs, cancel) and every due timer and
 * commits all row changes of what it drained in one transaction: a group commit. Only after the
 * commit does anything act on the new state. A claim is not written: an attempt is recorded when it
 * begins, in the next commit, so a chain of tasks costs one commit and one row per step.
 *
 * <p>Bounded everywhere a caller could outrun it: at most {@code maxActiveRuns} runs started here
 * are in memory (further starts wait for runs to end, see {@link Admission}), at most {@code
 * maxInFlight} attempts are claimed; the engine thread itself never waits for user code.
 *
 * <p>The public methods are thread-safe.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private final Store store;
  private final JsonCodec codec;
  private final Clock clock;
  private final String workerId;
  private final Duration busyTimeout;
  private final WorkerPool workers;
  private final OutputReader outputs;
  private final Listeners listeners;
  private final Callbacks callbacks;
  private final FaultPoints faults;
  private final Interception interception;
  private final LinkedBlockingQueue<Command> inbox = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Execution> begun = new ConcurrentLinkedQueue<>();
  private final ConcurrentHashMap<RunId, ActiveRun> active = new ConcurrentHashMap<>();
  private final Admission admission;
  private final Scheduler scheduler;
  private final CommitLoop loop;
  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean accepting = true;
  private boolean closed;

  /** What stops a {@link ControlledTime} clock from waking this engine; null for other clocks. */
  private final AutoCloseable timeWaker;

  public Engine(
      Store store,
      JsonCodec codec,
      Clock clock,
      String workerId,
      EngineSettings settings,
      List<HyphaListener> listeners) {
    this.store = store;
    this.codec = codec;
    this.clock = clock;
    this.workerId = workerId;
    this.busyTimeout = settings.busyTimeout();
    this.workers = new WorkerPool(settings.threads());
    this.outputs = new OutputReader(codec, store);
    this.listeners = new Listeners(listeners);
    this.callbacks = new Callbacks(settings.callbackExecutor());
    this.faults = settings.faults();
    this.interception = settings.interception();
    this.admission = new Admission(settings.maxActiveRuns(), this.listeners);
    this.scheduler =
        new Scheduler(
            clock,
            workerId,
            settings.maxInFlight(),
            this.listeners,
            store.lastRunSeq(),
            new RunResults(codec, outputs),
            this.admission);
    this.loop =
        new CommitLoop(
            this,
            store,
            scheduler,
            inbox,
            begun,
            active,
            workers,
            this.listeners,
            admission,
            callbacks);
    ControlledTime time = ControlledTime.of(clock);
    this.timeWaker = time == null ? null : time.onChange(() -> inbox.add(Command.Wake.INSTANCE));
    this.thread = DaemonThreads.create("hypha-engine", loop);
    this.thread.start();
  }

  /**
   * Starts a run; the future completes once its rows are committed (or, for a {@code key} already
   * used by a run of the flow, with that run). With {@code async} it completes on a callback
   * thread, so what the caller chains to it cannot hold the engine up. Waits while {@code
   * maxActiveRuns} runs started here are under way: back-pressure for callers that start faster
   * than runs end. {@code callerContext} is what an interceptor stores with the run, null for
   * nothing.
   */
  public CompletableFuture<Command.Started> start(
      RegisteredFlow flow,
      RunId runId,
      String inputJson,
      String key,
      boolean async,
      String callerContext) {
    boolean permit = admission.admit(flow, this::ensureOpen);
    CompletableFuture<Command.Started> committed = new CompletableFuture<>();
    try {
      submit(
          new Command.StartRun(
              flow, runId, inputJson, key, async, permit, committed, callerContext));
    } catch (RuntimeException e) {
      if (permit) {
        admission.release(1);
      }
      throw e;
    }
    return committed;
  }

  /** Throws, if this Hypha is closed or its engine stopped, what every call then gets. */
  synchronized void ensureOpen() {
    Throwable failed = failure;
    if (failed != null) {
      throw EngineErrors.stoppedError(failed, "this Hypha cannot take new work");
    }
    if (!accepting) {
      throw new HyphaException("this Hypha is closed; open a new one to start or resume runs");
    }
  }

  /** Takes up the in-flight runs of a flow after a restart; returns how many go on. */
  public int resume(RegisteredFlow flow, List<StoredRun> runs) {
    return resume(flow, runs, false);
  }

  /**
   * {@link #resume(RegisteredFlow, List)}; {@code retried} for runs reopened by a retry, which this
   * engine may have started itself.
   */
  int resume(RegisteredFlow flow, List<StoredRun> runs, boolean retried) {
    if (runs.isEmpty()) {
      return 0;
    }
    CompletableFuture<Integer> committed = new CompletableFuture<>();
    submit(new Command.ResumeRuns(flow, runs, new HashSet<>(), retried, committed));
    return EngineErrors.join(committed, "the resumption of runs of " + flow.name());
  }

  /**
   * Reopens the stored FAILED run {@code runSeq} for a retry; false if it was no longer FAILED when
   * the change was written.
   */
  boolean reopen(RunId runId, long runSeq) {
    CompletableFuture<Boolean> applied = new CompletableFuture<>();
    submit(new Command.Reopen(runId, runSeq, applied));
    return EngineErrors.join(applied, "the retry of run " + runId);
  }

  /**
   * Cancels a run: the one this engine executes, else the stored run {@code runSeq} (-1 for none)
   * in the store directly. False when neither applies.
   */
  public boolean cancel(RunId runId, long runSeq) {
    CompletableFuture<Boolean> applied = new CompletableFuture<>();
    submit(new Command.Cancel(runId, runSeq, applied));
    return EngineErrors.join(applied, "the cancellation of run " + runId);
  }

  /**
   * Sends a signal to a run: the one this engine executes, else the stored run {@code runSeq} if it
   * is RUNNING. Returns once committed; false when the run has ended.
   */
  public boolean signal(RunId runId, long runSeq, String name, String json) {
    CompletableFuture<Boolean> applied = new CompletableFuture<>();
    submit(new Command.Signal(runId, runSeq, name, json, applied));
    return EngineErrors.join(applied, "the signal " + name + " to run " + runId);
  }

  /** Prepares the child run of a task that returned a sub-flow; set by the runtime. */
  interface ChildPreparer {
    Children.Start prepare(RunId parent, String task, SubFlow<?> sub);
  }

  private volatile ChildPreparer children;

  void children(ChildPreparer children) {
    this.children = children;
  }

  /** On a worker thread: binds the child's flow if need be and looks its key up. */
  Children.Start prepareChild(RunId parent, String task, SubFlow<?> sub) {
    ChildPreparer preparer = children;
    if (preparer == null) {
      throw new IllegalStateException("sub-flows need the embedded runtime; none is attached");
    }
    return preparer.prepare(parent, task, sub);
  }

  /** The in-memory state of a run this engine is executing, or null. */
  public ActiveRun active(RunId runId) {
    return active.get(runId);
  }

  public String workerId() {
    return workerId;
  }

  /** Counters of the engine since it started. */
  public EngineMetrics metrics() {
    return new EngineMetrics(
        loop.commits(),
        loop.rowWrites(),
        loop.commitNanos(),
        loop.executions(),
        active.size(),
        loop.timers(),
        workers.abandonedNow(),
        workers.abandonedTotal());
  }

  /** Adds a listener, which hears of batches committed from now on. */
  public void addListener(HyphaListener listener) {
    ensureOpen();
    listeners.add(listener);
  }

  JsonCodec codec() {
    return codec;
  }

  Clock clock() {
    return clock;
  }

  WorkerPool workers() {
    return workers;
  }

  OutputReader outputs() {
    return outputs;
  }

  FaultPoints faults() {
    return faults;
  }

  /** The interceptor's calls; null when none is registered. */
  Interception interception() {
    return interception;
  }

  /** The store the engine writes. */
  Store store() {
    return store;
  }

  /** Where user code chained to Hypha's futures runs. */
  Executor callbacks() {
    return callbacks;
  }

  /** Called by a worker thread when an attempt began: recorded with the next commit. */
  void began(Execution execution) {
    begun.add(execution);
    if (loop.parked()) {
      inbox.add(Command.Wake.INSTANCE);
    }
  }

  /** Called by a worker thread when an execution ended. */
  void finished(Command.Finished result) {
    inbox.add(result);
  }

  /**
   * Called by a worker thread whose task threw a {@link VirtualMachineError}: the JVM itself may be
   * broken, so the engine stops as after a crash, and the attempt runs again on the next open.
   */
  void fatal(Execution execution, VirtualMachineError error) {
    inbox.add(new Command.Fatal(execution.name, error));
  }

  /**
   * Stops the engine, in order: no new commands; running attempts get {@code grace} to finish and
   * be recorded; the engine thread ends after its last commit (waiting at most what one commit may
   * wait for the database lock); then the workers and listeners stop. Rows not started stay as the
   * store has them, rows still running stay RUNNING, so the next open goes on with them.
   *
   * @return whether the engine thread has ended, so the store may be closed under it
   */
  public boolean close(Duration grace) {
    synchronized (this) {
      if (closed) {
        return !thread.isAlive();
      }
      closed = true;
      accepting = false;
    }
    if (thread.isAlive()) {
      CompletableFuture<Void> drained = new CompletableFuture<>();
      inbox.add(new Command.Drain(drained));
      awaitDrain(drained, grace);
      // Attempts still queued for a thread never begin: nothing of them is written, and the next
      // open finds their tasks ready with their attempts unspent.
      workers.dropQueued();
      inbox.add(new Command.Stop());
      joinEngineThread(grace.plus(busyTimeout.multipliedBy(2)).plusSeconds(1));
      if (thread.isAlive()) {
        // Only a commit stuck past every bound gets here: wake it from its waits.
        thread.interrupt();
        joinEngineThread(Duration.ofSeconds(1));
      }
    }
    workers.shutdownNow();
    stopTimeWaker();
    listeners.close(grace.toMillis());
    // What is left was never committed, or its run goes on when its flow is bound again.
    HyphaException closedError =
        new HyphaException(
            "this Hypha was closed first; runs not ended go on when their flow is bound in a"
                + " Hypha opened on the same store");
    for (Command command; (command = inbox.poll()) != null; ) {
      command.fail(closedError, callbacks);
    }
    active.values().forEach(run -> run.completion.fail(closedError));
    callbacks.shutdown();
    return !thread.isAlive();
  }

  /**
   * Waits up to {@code grace} for running attempts to end, in short steps: an engine that stops
   * meanwhile (a store failure) will not answer, and then there is nothing left to wait for.
   */
  private void awaitDrain(CompletableFuture<Void> drained, Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      while (true) {
        try {
          drained.get(20, TimeUnit.MILLISECONDS);
          return;
        } catch (TimeoutException e) {
          if (failure != null || !thread.isAlive()) {
            return;
          }
          if (System.nanoTime() > deadline) {
            LOG.warn(
                "tasks still running after {}; they stay RUNNING and run again on next open",
                grace);
            return;
          }
        }
      }
    } catch (ExecutionException e) {
      LOG.debug("engine had already stopped", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stopTimeWaker() {
    if (timeWaker != null) {
      try {
        timeWaker.close();
      } catch (Exception e) {
        LOG.debug("could not stop the clock's waker", e);
      }
    }
  }

  private void joinEngineThread(Duration timeout) {
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void submit(Command command) {
    // Checked and queued under the lock close() and fail() take: nothing is queued after them.
    synchronized (this) {
      ensureOpen();
      inbox.add(command);
    }
  }

  /** Whether the engine still takes commands (not closing, not stopped). */
  boolean accepting() {
    return accepting;
  }

  Duration busyTimeout() {
    return busyTimeout;
  }

  /**
   * Stops the engine after the loop ended other than by {@code Stop}: every waiter and every later
   * call hears why. Engine thread.
   */
  void fail(Throwable error, List<Command> inFlight) {
    // Under the lock submit() takes, so no command can be queued after the inbox is failed.
    synchronized (this) {
      failure = error;
      accepting = false;
    }
    LOG.error(
        "the engine stopped: {}; committed work is safe and goes on when Hypha is opened again",
        EngineErrors.describe(error),
        error);
    RuntimeException stopped = EngineErrors.stoppedError(error, "this was not committed");
    for (Command command : inFlight) {
      command.fail(stopped, callbacks);
    }
    for (Command command; (command = inbox.poll()) != null; ) {
      command.fail(stopped, callbacks);
    }
    active.values().forEach(run -> run.completion.fail(stopped));
    workers.shutdownNow();
  }
}
