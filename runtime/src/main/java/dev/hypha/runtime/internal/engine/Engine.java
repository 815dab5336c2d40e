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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer. One thread takes every command (start a run, an attempt ended, resume runs,
 * cancel) and every due timer, applies them to the in-memory state of the active runs, and commits
 * all row changes of what it drained in one transaction: a group commit. Only after the commit does
 * anything act on the new state — attempts are handed to the workers, callers of {@code start}
 * return, listeners hear of it. Rows that become ready while there is room are claimed in the same
 * transaction that made them ready, so a chain of tasks costs one commit per step.
 *
 * <p>The public methods are thread-safe; everything else runs on the engine thread.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final int MAX_COMMANDS_PER_BATCH = 16_384;
  private static final long LOCK_RETRY_MILLIS = 100;
  private static final long MAX_IDLE_MICROS = 1_000_000;

  private final Store store;
  private final JsonCodec codec;
  private final Clock clock;
  private final String workerId;
  private final WorkerPool workers;
  private final OutputReader outputs;
  private final Listeners listeners;
  private final LinkedBlockingQueue<Command> inbox = new LinkedBlockingQueue<>();
  private final ConcurrentHashMap<RunId, ActiveRun> active = new ConcurrentHashMap<>();
  private final Scheduler scheduler;
  private final Thread thread;
  private final ExecutorService effects =
      Executors.newSingleThreadExecutor(DaemonThreads.named("hypha-effects", false));
  // What callers chain on startAsync runs here, one task per batch: never on an engine thread.
  private final ExecutorService callbacks =
      Executors.newCachedThreadPool(DaemonThreads.named("hypha-callbacks", false));
  private volatile Throwable failure;
  private volatile boolean accepting = true;
  private volatile long commits;
  private volatile long rowWrites;
  private volatile long executions;

  public Engine(
      Store store,
      JsonCodec codec,
      Clock clock,
      String workerId,
      int threads,
      int maxInFlight,
      List<HyphaListener> listeners) {
    this.store = store;
    this.codec = codec;
    this.clock = clock;
    this.workerId = workerId;
    this.workers = new WorkerPool(threads);
    this.outputs = new OutputReader(codec, store);
    this.listeners = new Listeners(listeners);
    this.scheduler =
        new Scheduler(clock, workerId, maxInFlight, this.listeners.enabled(), store.lastRunSeq());
    this.thread = DaemonThreads.create("hypha-engine", this::loop);
    this.thread.start();
  }

  /**
   * Starts a run; the future completes once its rows are committed. With {@code async} it completes
   * on a callback thread, so what the caller chains to it cannot hold the engine up.
   */
  public CompletableFuture<ActiveRun> start(
      RegisteredFlow flow, RunId runId, String inputJson, boolean async) {
    CompletableFuture<ActiveRun> committed = new CompletableFuture<>();
    submit(new Command.StartRun(flow, runId, inputJson, async, committed));
    return committed;
  }

  /** Takes up the in-flight runs of a flow after a restart; returns how many go on. */
  public int resume(RegisteredFlow flow, List<StoredRun> runs) {
    if (runs.isEmpty()) {
      return 0;
    }
    CompletableFuture<Integer> committed = new CompletableFuture<>();
    submit(new Command.ResumeRuns(flow, runs, committed));
    return join(committed);
  }

  /**
   * Cancels a run: the one this engine executes, else the stored run {@code runSeq} (-1 for none)
   * in the store directly. False when neither applies.
   */
  public boolean cancel(RunId runId, long runSeq) {
    CompletableFuture<Boolean> applied = new CompletableFuture<>();
    submit(new Command.Cancel(runId, runSeq, applied));
    return join(applied);
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
        executions,
        active.size(),
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

  /** Called by a worker thread when an execution ended. */
  void finished(Command.Finished result) {
    inbox.add(result);
  }

  /**
   * Stops the engine. Running attempts get {@code grace} to finish and be recorded; rows not
   * started stay READY and rows still running stay RUNNING in the store, so the next open goes on
   * with them. Nothing committed is lost either way.
   */
  public void close(Duration grace) {
    synchronized (this) {
      if (!accepting && !thread.isAlive() && effects.isShutdown()) {
        return;
      }
      accepting = false;
    }
    if (thread.isAlive()) {
      CompletableFuture<Void> drained = new CompletableFuture<>();
      inbox.add(new Command.Drain(drained));
      try {
        drained.get(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        LOG.warn(
            "tasks still running after {}; they stay RUNNING and run again on next open", grace);
      } catch (ExecutionException e) {
        LOG.debug("engine had already stopped", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      inbox.add(new Command.Stop());
      try {
        thread.join(Math.max(1000, grace.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    effects.shutdown();
    try {
      effects.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    listeners.close(grace.toMillis());
    // What is left was never committed, or its run goes on when its flow is bound again.
    HyphaException closed =
        new HyphaException(
            "this Hypha was closed first; runs not ended go on when their flow is bound in a"
                + " Hypha opened on the same file");
    for (Command command; (command = inbox.poll()) != null; ) {
      command.fail(closed, this::runCallback);
    }
    active.values().forEach(run -> run.finished.completeExceptionally(closed));
    callbacks.shutdown();
  }

  private void submit(Command command) {
    // Checked and queued under the lock close() and fail() take: nothing is queued after them.
    synchronized (this) {
      Throwable failed = failure;
      if (failed != null) {
        throw new HyphaException(
            "the engine stopped after a store failure ("
                + failed.getMessage()
                + "); close this Hypha and open it again to go on from the last commit",
            failed);
      }
      if (!accepting) {
        throw new HyphaException("this Hypha is closed; open a new one to start or resume runs");
      }
      inbox.add(command);
    }
  }

  /**
   * The future's value, with its failure rethrown as the unchecked exception it was. Waits through
   * interruptions: what was submitted is committed either way, so giving up early would misreport
   * it.
   */
  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new HyphaException(e.getCause().getMessage(), e.getCause());
    }
  }

  private void loop() {
    List<Command> commands = new ArrayList<>();
    try {
      while (true) {
        long idle = scheduler.untilNextTimer();
        Command first =
            inbox.poll(
                idle < 0 ? MAX_IDLE_MICROS : Math.min(idle, MAX_IDLE_MICROS),
                TimeUnit.MICROSECONDS);
        if (first != null) {
          commands.add(first);
          inbox.drainTo(commands, MAX_COMMANDS_PER_BATCH - 1);
        }
        Batch batch = scheduler.begin();
        boolean stop = false;
        for (Command command : commands) {
          if (command instanceof Command.Stop) {
            stop = true;
          } else {
            scheduler.apply(command);
          }
        }
        scheduler.fireTimers();
        scheduler.claim();
        commit(batch);
        if (batch.hasEffects()) {
          effects.execute(new Effects(batch));
        }
        commands.clear();
        if (stop) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      fail(e, commands);
    }
  }

  private void commit(Batch batch) {
    if (batch.writes.isEmpty()) {
      return;
    }
    while (true) {
      try {
        store.write(batch.writes);
        commits++;
        rowWrites += batch.writes.size();
        return;
      } catch (StoreLockedException e) {
        if (!accepting) {
          throw e;
        }
        // Another process holds the write lock; nothing was written, so try the same batch again.
        LOG.warn("{}; retrying the commit of {} rows", e.getMessage(), batch.writes.size());
        sleep(LOCK_RETRY_MILLIS);
      }
    }
  }

  /**
   * What one committed batch sets off, in order, run by the effects thread so the engine thread can
   * build the next batch while workers and waiting callers are woken up.
   */
  private final class Effects implements Runnable {
    private final ActiveRun[] started;
    private final Execution[] dispatches;
    private final Execution[] interrupts;
    private final ActiveRun[] ended;
    private final Runnable[] acks;
    private final Runnable[] callbackAcks;
    private final List<Object> events;

    Effects(Batch batch) {
      this.started = batch.startedRuns.toArray(ActiveRun[]::new);
      this.dispatches = batch.dispatches.toArray(Execution[]::new);
      this.interrupts = batch.interrupts.toArray(Execution[]::new);
      this.ended = batch.endedRuns.toArray(ActiveRun[]::new);
      this.acks = batch.acks.toArray(Runnable[]::new);
      this.callbackAcks = batch.callbackAcks.toArray(Runnable[]::new);
      this.events = listeners.enabled() ? List.copyOf(batch.events) : List.of();
    }

    @Override
    public void run() {
      try {
        for (ActiveRun run : started) {
          active.put(run.id, run);
        }
        for (Execution execution : interrupts) {
          workers.stop(execution);
        }
        for (Execution execution : dispatches) {
          if (workers.execute(new TaskExecution(Engine.this, execution))) {
            executions++;
          }
        }
        for (ActiveRun run : ended) {
          active.remove(run.id);
          run.state = run.endState;
          run.finished.complete(run.state);
        }
      } finally {
        // Whoever waits for the commit hears of it, whatever happened above.
        for (Runnable ack : acks) {
          ack.run();
        }
        if (callbackAcks.length > 0) {
          runCallbacks(callbackAcks);
        }
        listeners.publish(events);
      }
    }
  }

  private void runCallbacks(Runnable[] acks) {
    runCallback(
        () -> {
          for (Runnable ack : acks) {
            ack.run();
          }
        });
  }

  /** Runs {@code task} on a callback thread; a thread of its own once the pool is shut down. */
  private void runCallback(Runnable task) {
    try {
      callbacks.execute(task);
    } catch (RejectedExecutionException closing) {
      DaemonThreads.create("hypha-callbacks", task).start();
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
        error.getMessage(),
        error);
    HyphaException stopped =
        new HyphaException(
            "the engine stopped before this was committed ("
                + error.getMessage()
                + "); open Hypha again to go on from the last commit",
            error);
    for (Command command : inFlight) {
      command.fail(stopped, this::runCallback);
    }
    for (Command command; (command = inbox.poll()) != null; ) {
      command.fail(stopped, this::runCallback);
    }
    active.values().forEach(run -> run.finished.completeExceptionally(stopped));
    workers.shutdownNow();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the store was locked", e);
    }
  }
}
