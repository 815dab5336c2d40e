package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.StoreLockedException;
import dev.hypha.runtime.internal.json.JsonCodec;
import dev.hypha.runtime.internal.store.Store;
import dev.hypha.runtime.internal.store.StoredRun;
import dev.hypha.runtime.internal.store.WriteBatch;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer. One thread takes every command (start a run, a task finished, resume runs),
 * applies it to the in-memory state of the active runs, and commits all row changes of the commands
 * it drained in one transaction: a group commit. Only after the commit does anything act on the new
 * state — tasks are handed to the workers, callers of {@code start} return, listeners hear of it.
 * Tasks that become ready while a worker slot is free are claimed in the same transaction that made
 * them ready, so a chain of tasks costs one commit per step.
 *
 * <p>The public methods are thread-safe; everything else runs on the engine thread.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
  private static final int MAX_COMMANDS_PER_BATCH = 16_384;
  private static final long LOCK_RETRY_MILLIS = 100;
  static final long GATHER_MICROS = Long.getLong("hypha.gather", 0);

  private final Store store;
  private final JsonCodec codec;
  private final Clock clock;
  private final String workerId;
  private final ExecutorService workers;
  private final Listeners listeners;
  private final LinkedBlockingQueue<Command> inbox = new LinkedBlockingQueue<>();
  private final ConcurrentHashMap<RunId, ActiveRun> active = new ConcurrentHashMap<>();
  private final Scheduler scheduler;
  private final Thread thread;
  private final ExecutorService effects =
      java.util.concurrent.Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "hypha-effects");
            thread.setDaemon(true);
            return thread;
          });
  private volatile Throwable failure;
  private volatile boolean accepting = true;

  public Engine(
      Store store,
      JsonCodec codec,
      Clock clock,
      String workerId,
      int maxInFlight,
      ExecutorService workers,
      List<dev.hypha.runtime.HyphaListener> listeners) {
    this.store = store;
    this.codec = codec;
    this.clock = clock;
    this.workerId = workerId;
    this.workers = workers;
    this.listeners = new Listeners(listeners);
    this.scheduler =
        new Scheduler(clock, workerId, maxInFlight, this.listeners.enabled(), store.lastRunSeq());
    this.thread = new Thread(this::loop, "hypha-engine");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Starts a run; the future completes once its rows are committed. */
  public CompletableFuture<ActiveRun> start(RegisteredFlow flow, RunId runId, String inputJson) {
    CompletableFuture<ActiveRun> committed = new CompletableFuture<>();
    submit(new Command.StartRun(flow, runId, inputJson, committed));
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

  /** The in-memory state of a run this engine is executing, or null. */
  public ActiveRun active(RunId runId) {
    return active.get(runId);
  }

  public String workerId() {
    return workerId;
  }

  JsonCodec codec() {
    return codec;
  }

  Clock clock() {
    return clock;
  }

  String storeLocation() {
    return store.location();
  }

  /** Called by a worker thread when an execution ended. */
  void finished(Command.TaskFinished result) {
    inbox.add(result);
  }

  /**
   * Stops the engine. Running tasks get {@code grace} to finish and be recorded; tasks not started
   * stay READY and tasks still running stay RUNNING in the store, so the next open goes on with
   * them. Nothing committed is lost either way.
   */
  public void close(Duration grace) {
    if (!accepting && !thread.isAlive()) {
      return;
    }
    accepting = false;
    CompletableFuture<Void> drained = new CompletableFuture<>();
    inbox.add(new Command.Drain(drained));
    try {
      drained.get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn("tasks still running after {}; they stay RUNNING and run again on next open", grace);
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
    effects.shutdown();
    try {
      effects.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    listeners.close(grace.toMillis());
  }

  private void submit(Command command) {
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

  /** The future's value, with its failure rethrown as the unchecked exception it was. */
  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new HyphaException(e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HyphaException("interrupted while waiting for the commit", e);
    }
  }

  static long STAT_BATCHES, STAT_CMDS, STAT_WRITES, STAT_APPLY, STAT_COMMIT, STAT_AFTER;

  public static String stats() {
    String r =
        String.format(
            "batches=%d cmds/batch=%.1f writes/batch=%.1f apply_us=%.1f commit_us=%.1f after_us=%.1f",
            STAT_BATCHES,
            STAT_CMDS / (double) STAT_BATCHES,
            STAT_WRITES / (double) STAT_BATCHES,
            STAT_APPLY / 1e3 / STAT_BATCHES,
            STAT_COMMIT / 1e3 / STAT_BATCHES,
            STAT_AFTER / 1e3 / STAT_BATCHES);
    STAT_BATCHES = STAT_CMDS = STAT_WRITES = STAT_APPLY = STAT_COMMIT = STAT_AFTER = 0;
    return r;
  }

  private void loop() {
    List<Command> commands = new ArrayList<>();
    try {
      while (true) {
        commands.add(inbox.take());
        inbox.drainTo(commands, MAX_COMMANDS_PER_BATCH - 1);
        if (GATHER_MICROS > 0 && commands.size() > 1) {
          long until = System.nanoTime() + GATHER_MICROS * 1000;
          while (System.nanoTime() < until && commands.size() < MAX_COMMANDS_PER_BATCH) {
            Command more = inbox.poll(20, TimeUnit.MICROSECONDS);
            if (more != null) {
              commands.add(more);
              inbox.drainTo(commands, MAX_COMMANDS_PER_BATCH - commands.size());
            }
          }
        }
        long tApply = System.nanoTime();
        Scheduler.Batch batch = scheduler.begin();
        boolean stop = false;
        for (Command command : commands) {
          if (command instanceof Command.Stop) {
            stop = true;
          } else {
            scheduler.apply(command, batch, active);
          }
        }
        long t0 = System.nanoTime();
        scheduler.claim(batch);
        long t1 = System.nanoTime();
        STAT_WRITES += batch.writes().size();
        commit(batch.writes(), batch);
        long t2 = System.nanoTime();
        afterCommit(batch);
        long t3 = System.nanoTime();
        STAT_BATCHES++;
        STAT_CMDS += commands.size();
        STAT_APPLY += t1 - tApply;
        STAT_COMMIT += t2 - t1;
        STAT_AFTER += t3 - t2;
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

  private void commit(WriteBatch writes, Scheduler.Batch batch) {
    while (true) {
      try {
        store.write(writes);
        return;
      } catch (StoreLockedException e) {
        // Another process holds the write lock; nothing was written, so try the same batch again.
        LOG.warn("{}; retrying the commit of {} rows", e.getMessage(), writes.size());
        sleep(LOCK_RETRY_MILLIS);
      }
    }
  }

  /**
   * Hands what the committed batch must set off to the effects thread, so the engine thread can
   * build the next batch while workers and waiting callers are woken up.
   */
  private void afterCommit(Scheduler.Batch batch) {
    if (batch.hasEffects()) {
      effects.execute(new Effects(batch));
    }
  }

  /** What one committed batch sets off, in order. */
  private final class Effects implements Runnable {
    private final ActiveRun[] started;
    private final Scheduler.Dispatch[] dispatches;
    private final ActiveRun[] ended;
    private final Runnable[] acks;
    private final List<Object> events;

    Effects(Scheduler.Batch batch) {
      this.started = batch.startedRuns().toArray(ActiveRun[]::new);
      this.dispatches = batch.dispatches().toArray(Scheduler.Dispatch[]::new);
      this.ended = batch.endedRuns().toArray(ActiveRun[]::new);
      this.acks = batch.acks().toArray(Runnable[]::new);
      this.events = listeners.enabled() ? List.copyOf(batch.events()) : List.of();
    }

    @Override
    public void run() {
      for (ActiveRun run : started) {
        active.put(run.id, run);
      }
      for (Scheduler.Dispatch dispatch : dispatches) {
        workers.execute(
            new TaskExecution(Engine.this, dispatch.run(), dispatch.task(), dispatch.attempt()));
      }
      for (ActiveRun run : ended) {
        active.remove(run.id);
        run.state = run.endState;
        run.finished.complete(run.state);
      }
      for (Runnable ack : acks) {
        ack.run();
      }
      listeners.publish(events);
    }
  }

  private void fail(Throwable error, List<Command> inFlight) {
    failure = error;
    accepting = false;
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
      command.fail(stopped);
    }
    for (Command command : inbox) {
      command.fail(stopped);
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
