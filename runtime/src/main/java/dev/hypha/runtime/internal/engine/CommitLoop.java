package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.StoreLockedException;
import dev.hypha.runtime.internal.store.Store;
import dev.hypha.runtime.internal.store.StoredRun;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine thread: drains the commands and the attempts that began, has the {@link Scheduler}
 * apply them and the due timers, commits the batch they filled in one transaction (a group commit),
 * and only then sets off what the batch decided — attempts handed to workers, callers answered,
 * listeners told. Everything here runs on that one thread, except the counters, which others read.
 */
final class CommitLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(CommitLoop.class);
  private static final int MAX_COMMANDS_PER_BATCH = 16_384;
  private static final long LOCK_RETRY_MILLIS = 100;
  private static final long MAX_IDLE_MICROS = 1_000_000;

  /** How often the store refreshes its planner statistics, as SQLite recommends for long runs. */
  private static final long OPTIMIZE_EVERY_NANOS = TimeUnit.HOURS.toNanos(6);

  /** How soon an attempt that began is recorded when nothing else is committed meanwhile. */
  private static final long BEGUN_FLUSH_MICROS = 2_000;

  private final Engine engine;
  private final Store store;
  private final Scheduler scheduler;
  private final LinkedBlockingQueue<Command> inbox;
  private final ConcurrentLinkedQueue<Execution> begun;
  private final ConcurrentHashMap<RunId, ActiveRun> active;
  private final WorkerPool workers;
  private final Listeners listeners;
  private final Admission admission;
  private final Callbacks callbacks;

  /** The engine's clock if a test controls it, else null. */
  private final ControlledTime time;

  /** Whether the engine thread is parked waiting for a command (not working). */
  private volatile boolean parked;

  private volatile long commits;
  private volatile long rowWrites;
  private volatile long commitNanos;
  private volatile long executions;
  private volatile int timers;
  private long nextOptimize = System.nanoTime() + OPTIMIZE_EVERY_NANOS;

  CommitLoop(
      Engine engine,
      Store store,
      Scheduler scheduler,
      LinkedBlockingQueue<Command> inbox,
      ConcurrentLinkedQueue<Execution> begun,
      ConcurrentHashMap<RunId, ActiveRun> active,
      WorkerPool workers,
      Listeners listeners,
      Admission admission,
      Callbacks callbacks) {
    this.engine = engine;
    this.store = store;
    this.scheduler = scheduler;
    this.inbox = inbox;
    this.begun = begun;
    this.active = active;
    this.workers = workers;
    this.listeners = listeners;
    this.admission = admission;
    this.callbacks = callbacks;
    this.time = ControlledTime.of(engine.clock());
  }

  boolean parked() {
    return parked;
  }

  long commits() {
    return commits;
  }

  long rowWrites() {
    return rowWrites;
  }

  long commitNanos() {
    return commitNanos;
  }

  long executions() {
    return executions;
  }

  int timers() {
    return timers;
  }

  @Override
  public void run() {
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
          engine.faults().reach(FaultPoints.Point.BEFORE_COMMIT);
        }
        // After a fatal error too: what the batch holds (the attempt that began, the commands
        // before it) is committed and answered; then the engine stops.
        commit(batch);
        if (writes) {
          engine.faults().reach(FaultPoints.Point.AFTER_COMMIT);
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
        engine.fail(ended, commands);
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
    if (time != null && timeMoved()) {
      return null; // a test's clock moved to the next due time: fire what is due
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

  /**
   * With a {@link ControlledTime} clock: when no command waits and no beginning is to be recorded,
   * tells the clock the engine is idle, with its running attempts and next due time; whether the
   * clock moved.
   */
  private boolean timeMoved() {
    return begun.isEmpty()
        && inbox.isEmpty()
        && engine.accepting()
        && time.idle(scheduler.nextDue(), scheduler.running());
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
    long giveUp = System.nanoTime() + engine.busyTimeout().toNanos() * 2;
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
        if (!engine.accepting() || System.nanoTime() > giveUp) {
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
        if (workers.execute(new TaskExecution(engine, execution))) {
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
}
