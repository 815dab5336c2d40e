package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.EngineMetrics;
import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.HyphaListener;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.StoreLockedException;
import dev.hypha.runtime.internal.json.JsonCodec;
import dev.hypha.runtime.internal.store.Store;
import dev.hypha.runtime.internal.store.StoredRun;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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
 * The single writer. One thread takes every command (start a run, an attempt ended, resume runs,
 * cancel) and every due timer, applies them to the in-memory state of the active runs, and commits
 * all row changes of what it drained in one transaction: a group commit. Only after the commit does
 * anything act on the new state — attempts are handed to the workers, callers of {@code start}
 * return, listeners hear of it. A claim is not written: an attempt is recorded when it begins, in
 * the next commit, so a chain of tasks costs one commit and one row per step.
 *
 * <p>Bounded everywhere a caller could outrun it: at most {@code maxActiveRuns} runs started here
 * are in memory (further starts wait for runs to end), at most {@code maxInFlight} attempts are
 * claimed, listeners and callbacks have bounded queues that make the engine wait rather than grow.
 *
 * <p>The public methods are thread-safe; everything else runs on the engine thread.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final int MAX_COMMANDS_PER_BATCH = 16_384;
  private static final long LOCK_RETRY_MILLIS = 100;
  private static final long MAX_IDLE_MICROS = 1_000_000;

  /** How often the store refreshes its planner statistics, as SQLite recommends for long runs. */
  private static final long OPTIMIZE_EVERY_NANOS = TimeUnit.HOURS.toNanos(6);

  /** How soon an attempt that began is recorded when nothing else is committed meanwhile. */
  private static final long BEGUN_FLUSH_MICROS = 2_000;

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
  private final LinkedBlockingQueue<Command> inbox = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Execution> begun = new ConcurrentLinkedQueue<>();
  private final ConcurrentHashMap<RunId, ActiveRun> active = new ConcurrentHashMap<>();
  private final Admission admission;
  private final Scheduler scheduler;
  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean accepting = true;

  /** Whether the engine thread is parked waiting for a command (not spinning, not working). */
  private volatile boolean parked;

  private boolean closed;
  private volatile long commits;
  private volatile long rowWrites;
  private volatile long commitNanos;
  private volatile long executions;
  private volatile int timers;
  private long nextOptimize = System.nanoTime() + OPTIMIZE_EVERY_NANOS;

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
    this.admission = new Admission(settings.maxActiveRuns(), this.listeners);
    this.scheduler =
        new Scheduler(
            clock,
            workerId,
            settings.maxInFlight(),
            this.listeners.enabled(),
            store.lastRunSeq(),
            new RunResults(codec),
            this.admission);
    this.thread = DaemonThreads.create("hypha-engine", this::loop);
    this.thread.start();
  }

  /**
   * Starts a run; the future completes once its rows are committed (or, for a {@code key} already
   * used by a run of the flow, with that run). With {@code async} it completes on a callback
   * thread, so what the caller chains to it cannot hold the engine up. Waits while {@code
   * maxActiveRuns} runs started here are under way: back-pressure for callers that start faster
   * than runs end.
   */
  public CompletableFuture<Command.Started> start(
      RegisteredFlow flow, RunId runId, String inputJson, String key, boolean async) {
    boolean permit = admission.admit(flow, this::ensureOpen);
    CompletableFuture<Command.Started> committed = new CompletableFuture<>();
    try {
      submit(new Command.StartRun(flow, runId, inputJson, key, async, permit, committed));
    } catch (RuntimeException e) {
      if (permit) {
        admission.release(1);
      }
      throw e;
    }
    return committed;
  }

  /** Throws what submit would, if this Hypha is closed or its engine stopped. */
  void ensureOpen() {
    synchronized (this) {
      Throwable failed = failure;
      if (failed != null) {
        throw EngineErrors.stoppedError(failed, "this Hypha cannot take new work");
      }
      if (!accepting) {
        throw new HyphaException("this Hypha is closed; open a new one to start or resume runs");
      }
    }
  }

  /** Takes up the in-flight runs of a flow after a restart; returns how many go on. */
  public int resume(RegisteredFlow flow, List<StoredRun> runs) {
    if (runs.isEmpty()) {
      return 0;
    }
    CompletableFuture<Integer> committed = new CompletableFuture<>();
    submit(new Command.ResumeRuns(flow, runs, new HashSet<>(), committed));
    return EngineErrors.join(committed, "the resumption of runs of " + flow.name());
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
        commits,
        rowWrites,
        commitNanos,
        executions,
        active.size(),
        timers,
        workers.abandonedNow(),
        workers.abandonedTotal());
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

  /** Where user code chained to Hypha's futures runs. */
  Executor callbacks() {
    return callbacks;
  }

  /** Called by a worker thread when an attempt began: recorded with the next commit. */
  void began(Execution execution) {
    begun.add(execution);
    if (parked) {
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
    inbox.add(new Command.Fatal(execution.run.rowName(execution.row), error));
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
      Throwable failed = failure;
      if (failed != null) {
        throw EngineErrors.stoppedError(failed, "this Hypha cannot take new work");
      }
      if (!accepting) {
        throw new HyphaException("this Hypha is closed; open a new one to start or resume runs");
      }
      inbox.add(command);
    }
  }

  private void loop() {
    List<Command> commands = new ArrayList<>();
    Throwable ended = null;
    try {
      while (true) {
        Command first = next();
        if (first != null) {
          commands.add(first);
          inbox.drainTo(commands, MAX_COMMANDS_PER_BATCH - 1);
        }
        Batch batch = scheduler.begin();
        // After the commands: a worker queues an attempt's beginning before its end.
        for (Execution execution; (execution = begun.poll()) != null; ) {
          scheduler.began(execution);
        }
        boolean stop = false;
        Command.Fatal fatal = null;
        for (Command command : commands) {
          if (command instanceof Command.Stop) {
            stop = true;
          } else if (command instanceof Command.Wake) {
            continue;
          } else if (command instanceof Command.Fatal fatalError) {
            fatal = fatalError;
          } else if (prepared(command)) {
            scheduler.apply(command);
          }
        }
        scheduler.fireTimers();
        if (fatal == null) {
          scheduler.claim();
        }
        boolean writes = !batch.writes.isEmpty();
        if (writes) {
          faults.reach(FaultPoints.Point.BEFORE_COMMIT);
        }
        // After a fatal error too: what the batch holds (the attempt that began, the commands
        // before it) is committed and answered; then the engine stops.
        commit(batch);
        if (writes) {
          faults.reach(FaultPoints.Point.AFTER_COMMIT);
        }
        afterCommit(batch);
        commands.clear();
        optimizeNow();
        if (fatal != null) {
          throw new HyphaException(
              "task "
                  + fatal.task()
                  + " threw "
                  + fatal.error()
                  + ", which leaves this JVM unreliable; the engine stopped as after a crash"
                  + " and the attempt runs again when Hypha is opened again",
              fatal.error());
        }
        if (stop) {
          return;
        }
      }
    } catch (Throwable e) {
      ended = e;
    } finally {
      // Whatever ended the loop other than Stop — a store failure, an interrupt, a bug — fails
      // everyone waiting and everyone who comes later, with the reason.
      if (ended != null) {
        fail(ended, commands);
      }
    }
  }

  /**
   * The next command, waiting until the next timer is due. (Spinning for it instead was measured
   * and did not pay on two cores: the spinning thread competes with the commit it waits for.)
   */
  private Command next() throws InterruptedException {
    Command command = inbox.poll();
    if (command != null) {
      return command;
    }
    long idle = scheduler.untilNextTimer();
    long wait = idle < 0 ? MAX_IDLE_MICROS : Math.min(idle, MAX_IDLE_MICROS);
    // Parked first, then the check: a worker adds its beginning, then reads parked, so one of
    // the two always sees the other and no beginning waits for the idle timeout.
    parked = true;
    if (!begun.isEmpty()) {
      wait = Math.min(wait, BEGUN_FLUSH_MICROS);
    }
    try {
      command = inbox.poll(wait, TimeUnit.MICROSECONDS);
    } finally {
      parked = false;
    }
    if (command instanceof Command.Wake) {
      // Only beginnings to record: give the attempts a moment to end too, so a short attempt is
      // recorded in one row and one commit rather than two.
      Command more = inbox.poll(BEGUN_FLUSH_MICROS, TimeUnit.MICROSECONDS);
      return more != null ? more : command;
    }
    return command;
  }

  /** Every few hours, between two commits: statistics that follow the tables' growth. */
  private void optimizeNow() {
    if (System.nanoTime() - nextOptimize < 0) {
      return;
    }
    nextOptimize = System.nanoTime() + OPTIMIZE_EVERY_NANOS;
    try {
      store.optimize();
    } catch (RuntimeException e) {
      LOG.warn(
          "could not refresh the store's statistics; queries may plan worse: {}", e.toString());
    }
  }

  /**
   * Reads what the engine thread must know from the store before a command is applied; false if the
   * read failed, in which case the command alone is answered with the failure (the engine goes on:
   * a busy pool of readers must not stop every run).
   */
  private boolean prepared(Command command) {
    try {
      prepare(command);
      return true;
    } catch (RuntimeException e) {
      if (command instanceof Command.StartRun start && start.permit()) {
        admission.release(1);
      }
      command.fail(
          e instanceof HyphaException hypha
              ? hypha
              : new HyphaException("could not read the store: " + EngineErrors.describe(e), e),
          callbacks);
      return false;
    }
  }

  private void prepare(Command command) {
    if (command instanceof Command.ResumeRuns resume) {
      List<Long> seqs = resume.runs().stream().map(StoredRun::runSeq).toList();
      resume.stillRunning().addAll(store.stillRunning(seqs));
    } else if (command instanceof Command.StartRun start && start.key() != null) {
      start.existing().set(store.runByKey(start.flow().name(), start.key()).orElse(null));
    }
  }

  private void commit(Batch batch) throws InterruptedException {
    if (batch.writes.isEmpty()) {
      return;
    }
    long giveUp = System.nanoTime() + busyTimeout.toNanos() * 2;
    while (true) {
      try {
        long start = System.nanoTime();
        store.write(batch.writes);
        commitNanos += System.nanoTime() - start;
        commits++;
        rowWrites += batch.writes.size();
        return;
      } catch (StoreLockedException e) {
        // Another process holds the write lock; nothing was written. Try the same batch again
        // for a while, then stop with the documented exception rather than make callers wait
        // forever.
        if (!accepting || System.nanoTime() > giveUp) {
          throw e;
        }
        LOG.warn("{}; retrying the commit of {} rows", e.getMessage(), batch.writes.size());
        Thread.sleep(LOCK_RETRY_MILLIS);
      }
    }
  }

  /** What a committed batch sets off, in order. Engine thread. */
  private void afterCommit(Batch batch) {
    try {
      for (ActiveRun run : batch.startedRuns) {
        active.put(run.id, run);
      }
      for (Execution execution : batch.interrupts) {
        workers.stop(execution);
      }
      for (Execution execution : batch.dispatches) {
        if (workers.execute(new TaskExecution(this, execution))) {
          executions++;
        }
      }
      for (ActiveRun run : batch.endedRuns) {
        active.remove(run.id);
        run.completion.complete(run.endState);
      }
    } finally {
      // Whoever waits for the commit hears of it, whatever happened above.
      for (Runnable ack : batch.acks) {
        ack.run();
      }
      if (!batch.callbackAcks.isEmpty()) {
        Runnable[] acks = batch.callbackAcks.toArray(Runnable[]::new);
        callbacks.execute(
            () -> {
              for (Runnable ack : acks) {
                ack.run();
              }
            });
      }
      listeners.publish(batch.events);
      int freed = scheduler.permitsFreed();
      if (freed > 0) {
        admission.release(freed);
      }
      timers = scheduler.timerCount();
    }
  }

  private void fail(Throwable error, List<Command> inFlight) {
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
