package dev.hypha.runtime.internal.shared;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.HyphaException;
import dev.hypha.runtime.HyphaInterceptor;
import dev.hypha.runtime.OutputNotSerializableException;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.SignalTimeoutException;
import dev.hypha.runtime.SubFlow;
import dev.hypha.runtime.TaskError;
import dev.hypha.runtime.TaskTimeoutException;
import dev.hypha.runtime.internal.engine.Branches;
import dev.hypha.runtime.internal.engine.DaemonThreads;
import dev.hypha.runtime.internal.engine.FanOutElements;
import dev.hypha.runtime.internal.engine.Interception;
import dev.hypha.runtime.internal.engine.LoopSteps;
import dev.hypha.runtime.internal.engine.SignalPayloads;
import dev.hypha.runtime.internal.engine.SubFlows;
import dev.hypha.runtime.internal.engine.TaskErrors;
import dev.hypha.runtime.internal.engine.TaskMdc;
import dev.hypha.runtime.internal.store.Micros;
import dev.hypha.runtime.internal.store.SharedStore;
import dev.hypha.runtime.internal.store.SharedTx;
import dev.hypha.runtime.internal.store.TaskKeys;
import dev.hypha.runtime.spi.RetryPolicy;
import dev.hypha.runtime.spi.SignalWait;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TypeRef;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker role of a process on a shared store. One loop thread claims READY tasks of the hosted
 * queues with a lease, hands them to a pool of task threads, and commits what they finished — the
 * results, the dependents that became READY, retries, failures and the end of runs — together with
 * the next claim, in one transaction per turn. A heartbeat thread extends the leases of the tasks
 * still running (one statement per interval for all of them) and the loop takes over tasks whose
 * lease ran out, as new attempts. Every completion is fenced by lease token and attempt.
 */
final class SharedWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharedWorker.class);
  private static final int REAP_BATCH = 100;
  private static final int MAX_AHEAD = 7;

  private final SharedRuntime runtime;
  private final SharedStore store;
  private final WorkerSettings settings;
  private final Map<String, SharedFlow> hosted = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<Done> done = new LinkedBlockingQueue<>();
  private final Map<Long, Running> running = new ConcurrentHashMap<>();
  private final ExecutorService tasks;
  private final ScheduledExecutorService timers;
  private final Thread loop;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean wake = new AtomicBoolean(true);
  private final AtomicBoolean stopping = new AtomicBoolean();

  /** Set when close gave back the tasks still running after the grace: the loop ends then. */
  private volatile boolean abandoned;

  private final AtomicLong transactions = new AtomicLong();
  private final AtomicLong executions = new AtomicLong();
  private final AtomicLong transactionNanos = new AtomicLong();
  private final AtomicLong claimedTotal = new AtomicLong();
  private final String tokenPrefix;
  private final AtomicLong claims = new AtomicLong();
  private final String queueList;

  /** Moving averages of a claiming turn's transaction and of a task's run, for claimAhead. */
  private long turnNanos = -1;

  /** What this worker's turns commit, for this process's listeners; the loop thread's own. */
  private final TurnEvents events;

  private volatile long taskNanos = -1;

  /** What a worker hosts and how it paces itself. */
  record WorkerSettings(
      String worker,
      Set<String> queues,
      int threads,
      Duration lease,
      Duration heartbeat,
      Duration poll,
      Duration shutdownGrace) {}

  /** A finished attempt waiting to be committed. */
  private record Done(Assignment task, Outcome outcome, long startedAt, long finishedAt) {}

  /** Put in the queue of finished attempts to wake the loop; never committed. */
  private static final Done WAKE = new Done(null, null, 0, 0);

  /** How an attempt ended. */
  private sealed interface Outcome {
    /** {@code notTaken}: the dependents whose branch the output does not take, ascending. */
    record Succeeded(String json, int[] notTaken) implements Outcome {}

    record Retry(TaskError error, boolean timedOut, long delayMillis) implements Outcome {}

    record Failed(TaskError error) implements Outcome {}

    /** Claimed ahead, and the worker stopped before it began: given back, its attempt unused. */
    record NotBegun() implements Outcome {}

    /** A task that fans out: its instances, one per element, are to be started. */
    record Expand(List<String> elements) implements Outcome {}

    /** A task that starts a sub-flow: its child run is to be inserted (or found by its key). */
    record StartChild(SharedTx.NewRun child) implements Outcome {}

    /** A task whose child run has not ended: it waits for it again, without a lease. */
    record AwaitChild() implements Outcome {}
  }

  /** An attempt on a task thread: its thread, for a timeout or a shutdown to interrupt. */
  private static final class Running {
    final Assignment task;
    volatile boolean began;

    /** When the task's method was called, once {@link #began}. */
    volatile long startedAt;

    volatile Thread thread;
    volatile boolean timedOut;
    volatile ScheduledFuture<?> timeout;

    /** What failed the attempt, for an interceptor; set on its thread. */
    Throwable error;

    Running(Assignment task) {
      this.task = task;
    }
  }

  SharedWorker(SharedRuntime runtime, SharedStore store, WorkerSettings settings) {
    this.runtime = runtime;
    this.store = store;
    this.settings = settings;
    this.queueList = String.join(",", settings.queues());
    byte[] random = new byte[8];
    new SecureRandom().nextBytes(random);
    this.tokenPrefix = java.util.HexFormat.of().formatHex(random) + "-";
    AtomicInteger threadNumber = new AtomicInteger();
    this.tasks =
        Executors.newFixedThreadPool(
            settings.threads(),
            task -> daemon(task, "hypha-task-" + threadNumber.incrementAndGet()));
    this.timers =
        Executors.newSingleThreadScheduledExecutor(task -> daemon(task, "hypha-heartbeat"));
    this.loop = daemon(this::loop, "hypha-claims");
    this.events = new TurnEvents(runtime.listeners);
  }

  private static Thread daemon(Runnable task, String name) {
    return DaemonThreads.create(name, task);
  }

  /** Hosts {@code flow}: its tasks on this worker's queues are claimed from now on. */
  void host(SharedFlow flow) {
    hosted.put(flow.version, flow);
    wake();
  }

  Set<String> queues() {
    return settings.queues();
  }

  /** How long close lets running tasks finish. */
  long shutdownGraceMillis() {
    return settings.shutdownGrace().toMillis();
  }

  Set<String> hostedVersions() {
    return hosted.keySet();
  }

  /** Registers the worker and starts claiming. */
  void start() {
    long now = runtime.nowMicros();
    store.inTransaction(
        tx -> {
          tx.workerSeen(settings.worker(), queueList, now, true);
          return null;
        });
    store.onReady(this::wake);
    long beat = settings.heartbeat().toMillis();
    timers.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    loop.start();
  }

  /** Work may be waiting (a run was started in this process): look now rather than at the poll. */
  void wake() {
    wake.set(true);
    done.offer(WAKE);
  }

  long transactions() {
    return transactions.get();
  }

  long transactionNanos() {
    return transactionNanos.get();
  }

  long claimed() {
    return claimedTotal.get();
  }

  long executions() {
    return executions.get();
  }

  int inFlight() {
    return inFlight.get();
  }

  private void loop() {
    try {
      turns();
    } finally {
      if (!stopping.get()) {
        // Without this loop nothing this worker runs can be recorded: stop extending its leases,
        // so that other workers take its tasks over after the lease.
        LOG.error(
            "worker {} stopped claiming and committing unexpectedly; its tasks go to other workers"
                + " once their leases of {} run out",
            settings.worker(),
            settings.lease());
        timers.shutdownNow();
      }
    }
  }

  private void turns() {
    List<Done> pending = new ArrayList<>();
    long nextReap = 0;
    long nextPoll = 0;
    long pauseOnError = 10;
    while (!abandoned
        && (!stopping.get() || inFlight.get() > 0 || !pending.isEmpty() || hasFinished())) {
      done.drainTo(pending);
      pending.removeIf(entry -> entry == WAKE);
      gather(pending);
      long nowMillis = System.currentTimeMillis();
      int free = stopping.get() || events.behind() ? 0 : claimAhead() - inFlight.get();
      boolean reap = !stopping.get() && nowMillis >= nextReap;
      // Completions committed now may make tasks READY that this worker hosts: claim with them.
      boolean look =
          free > 0
              && !hosted.isEmpty()
              && (wake.getAndSet(false) || !pending.isEmpty() || nowMillis >= nextPoll);
      if (pending.isEmpty() && !reap && !look) {
        // With every thread busy, only a finished task (or the next reap) is worth waking for.
        long until = free > 0 && !hosted.isEmpty() ? Math.min(nextPoll, nextReap) : nextReap;
        if (stopping.get()) {
          until = nowMillis + 50;
        }
        waitForWork(Math.max(1, until - nowMillis));
        continue;
      }
      try {
        long now = runtime.nowMicros();
        if (look && pending.isEmpty() && !reap && !claimable(now)) {
          nextPoll = nowMillis + jittered(settings.poll().toMillis());
          continue;
        }
        List<Done> committing = List.copyOf(pending);
        long began = System.nanoTime();
        List<Assignment> claimed =
            store.inTransaction(
                tx -> {
                  events.begin();
                  complete(tx, committing, now);
                  if (reap) {
                    reap(tx, now);
                  }
                  return look ? claim(tx, free, now) : List.of();
                });
        transactions.incrementAndGet();
        events.committed();
        long took = System.nanoTime() - began;
        transactionNanos.addAndGet(took);
        if (look) {
          turnNanos = turnNanos < 0 ? took : (turnNanos * 7 + took) / 8;
        }
        claimedTotal.addAndGet(claimed.size());
        pending.clear();
        pauseOnError = 10;
        if (reap) {
          nextReap =
              nowMillis + Math.max(settings.poll().toMillis(), settings.lease().toMillis() / 4);
        }
        if (look) {
          // A full claim means more may wait: look again at once; else at the next poll.
          nextPoll = claimed.size() == free ? 0 : nowMillis + jittered(settings.poll().toMillis());
        }
        claimed.forEach(this::dispatch);
        if (!committing.isEmpty() && (!look || claimed.size() == free || !ownWork(committing))) {
          // What these completions made READY may be another process's work.
          store.ready();
        }
      } catch (RuntimeException e) {
        // Nothing of the turn was committed; its completions are tried again. Leases that run out
        // meanwhile go to other workers, and these completions are then refused.
        LOG.error(
            "worker {} could not commit to {}; trying again in {} ms",
            settings.worker(),
            store.location(),
            pauseOnError,
            e);
        waitForWork(pauseOnError);
        pauseOnError = Math.min(5_000, pauseOnError * 2);
      }
    }
  }

  /**
   * How many tasks this worker holds at most, running or waiting for a thread. Claims run ahead of
   * the threads so that no thread waits for the loop's next turn: by one batch when tasks take
   * longer than a turn, and by as many batches as tasks end during two turns (up to {@value
   * #MAX_AHEAD}) when they are shorter, which a loaded store makes turns. Long tasks are not
   * hoarded: they wait for this worker's threads while other workers could run them.
   */
  private int claimAhead() {
    long task = taskNanos;
    long turn = turnNanos;
    int batches =
        task <= 0 || turn <= 0 ? 1 : (int) Math.min(MAX_AHEAD, (2 * turn + task - 1) / task);
    return settings.threads() * (1 + Math.max(1, batches));
  }

  /**
   * Whether all that {@code finished} can have made READY is this worker's own work: plain tasks
   * that succeeded, whose dependents are on queues it hosts. After a claim of the same turn that
   * was not full, nothing of theirs is left READY for another worker, so no wake-up is sent (under
   * load most turns, each of which woke every listening process).
   */
  private boolean ownWork(List<Done> finished) {
    for (Done entry : finished) {
      Assignment task = entry.task();
      if (!(entry.outcome() instanceof Outcome.Succeeded) || task.isInstance()) {
        return false;
      }
      for (int dependent : task.flow.dependents(task.index())) {
        if (!settings.queues().contains(task.flow.descriptor.task(dependent).queue())) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Group commit under load: while every thread is busy and a batch of claimed tasks waits for
   * them, a turn waits for completions to gather, up to {@value #GATHER_PER_THREAD} per thread or
   * {@value #GATHER_MILLIS} ms, before it commits them. Each turn costs a few round trips whatever
   * its size, and on a loaded machine those round trips, not the rows, are most of the cost of a
   * task (W4 on PostgreSQL, 2026-12-01: turns of 13 tasks on average without it). Waiting delays no
   * thread, which has claimed work queued; a worker with an idle thread commits at once.
   */
  private static final int GATHER_PER_THREAD = 4;

  private static final long GATHER_MILLIS = 20;

  /** Adds completions to {@code pending} while this worker is saturated; see GATHER_MILLIS. */
  private void gather(List<Done> pending) {
    int enough = GATHER_PER_THREAD * settings.threads();
    if (stopping.get() || pending.isEmpty() || pending.size() >= enough || !queuedAhead()) {
      return;
    }
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GATHER_MILLIS);
    try {
      while (pending.size() < enough && queuedAhead()) {
        long left = until - System.nanoTime();
        Done next = left > 0 ? done.poll(left, TimeUnit.NANOSECONDS) : null;
        if (next == null) {
          return;
        }
        if (next != WAKE) {
          pending.add(next);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping.set(true);
    }
  }

  /**
   * Whether a batch of claimed tasks, one per thread, waits beyond those running: enough for the
   * threads to go on with through the turn that follows a gathering, which must not leave them
   * idle.
   */
  private boolean queuedAhead() {
    return inFlight.get() >= 2 * settings.threads();
  }

  private boolean hasFinished() {
    return done.stream().anyMatch(entry -> entry != WAKE);
  }

  private boolean claimable(long now) {
    return store.readFresh(tx -> tx.anyClaimable(settings.queues(), hosted.keySet(), now));
  }

  private void waitForWork(long millis) {
    try {
      Done next = done.poll(millis, TimeUnit.MILLISECONDS);
      if (next != null && next != WAKE) {
        done.add(next);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopping.set(true);
    }
  }

  private static long jittered(long millis) {
    return Math.max(1, (long) (millis * ThreadLocalRandom.current().nextDouble(0.75, 1.25)));
  }

  private List<Assignment> claim(SharedTx tx, int free, long now) {
    String token = tokenPrefix + claims.incrementAndGet();
    SharedTx.Claim claim =
        tx.claim(
            settings.worker(),
            token,
            settings.queues(),
            hosted.keySet(),
            free,
            now,
            now + settings.lease().toNanos() / 1000);
    List<SharedTx.Claimed> claimed = claim.tasks();
    if (claimed.isEmpty()) {
      return List.of();
    }
    List<Long> inputs = new ArrayList<>();
    List<Long> instances = new ArrayList<>();
    for (SharedTx.Claimed task : claimed) {
      SharedFlow flow = hosted.get(task.flowVersion());
      int index = flow.taskOf(task.index());
      boolean instance = SharedFlow.isInstance(task.index());
      if (instance || flow.signalWait(index) != null || flow.descriptor.task(index).subFlow()) {
        // Its element, the payload of the signal it took, or the id of its child run.
        instances.add(task.taskKey());
      }
      for (int dependency : flow.descriptor.dependencies(index)) {
        // An instance reads its own element, not the whole list it came from.
        if (!instance || dependency != flow.fanOutSource(index)) {
          inputs.add(TaskKeys.key(task.runSeq(), dependency));
        }
      }
    }
    Map<Long, SharedTx.RunRow> runs = claim.runs();
    Map<Long, String> outputs = tx.outputs(inputs);
    Map<Long, String> elements = tx.elements(instances);
    List<Assignment> assignments = new ArrayList<>(claimed.size());
    for (SharedTx.Claimed task : claimed) {
      SharedTx.RunRow run = runs.get(task.runSeq());
      boolean instance = SharedFlow.isInstance(task.index());
      assignments.add(
          new Assignment(
              runtime,
              hosted.get(task.flowVersion()),
              task,
              token,
              settings.worker(),
              run.id(),
              run.child(),
              run.inputJson(),
              outputs,
              instance ? elements.get(task.taskKey()) : null,
              instance ? null : elements.get(task.taskKey())));
      events.claimed(assignments.get(assignments.size() - 1), now);
    }
    return assignments;
  }

  private void dispatch(Assignment task) {
    inFlight.incrementAndGet();
    Running attempt = new Running(task);
    running.put(task.claimed.taskKey(), attempt);
    try {
      tasks.execute(() -> execute(attempt));
    } catch (RejectedExecutionException closing) {
      // Claimed in the turn during which close shut the pool: give it back unbegun, as a task
      // claimed ahead that no thread began, instead of leaving it RUNNING until its lease ends.
      done.add(new Done(task, new Outcome.NotBegun(), 0, 0));
      running.remove(task.claimed.taskKey(), attempt);
      inFlight.decrementAndGet();
    }
  }

  private void execute(Running attempt) {
    Assignment task = attempt.task;
    if (stopping.get()) {
      done.add(new Done(task, new Outcome.NotBegun(), 0, 0));
      running.remove(task.claimed.taskKey(), attempt);
      inFlight.decrementAndGet();
      return;
    }
    long startedAt = runtime.nowMicros();
    long began = System.nanoTime();
    attempt.startedAt = startedAt;
    attempt.began = true;
    attempt.thread = Thread.currentThread();
    TaskDescriptor descriptor = task.flow.descriptor.task(task.taskIndex());
    descriptor
        .timeout()
        .ifPresent(
            limit ->
                attempt.timeout =
                    timers.schedule(
                        () -> {
                          attempt.timedOut = true;
                          Thread thread = attempt.thread;
                          if (thread != null) {
                            thread.interrupt();
                          }
                        },
                        limit.toNanos(),
                        TimeUnit.NANOSECONDS));
    Map<String, String> mdc = TaskMdc.enter(task.runId, task.flow(), task.task(), task.attempt());
    Interception interception = runtime.interception();
    HyphaInterceptor.Attempt intercepted = null;
    Outcome outcome;
    try {
      if (interception != null && runsMethod(task, descriptor)) {
        intercepted = intercept(interception, task);
      }
      outcome = attempt(task, descriptor, attempt);
    } catch (Throwable unexpected) {
      attempt.error = unexpected;
      outcome = new Outcome.Failed(TaskErrors.of(task.task(), unexpected));
    } finally {
      TaskMdc.restore(mdc);
      ScheduledFuture<?> timeout = attempt.timeout;
      if (timeout != null) {
        timeout.cancel(false);
      }
      attempt.thread = null;
      Thread.interrupted(); // a late timeout's interrupt must not reach the next task
    }
    if (intercepted != null) {
      outcome = ended(intercepted, task, attempt, outcome);
    }
    executions.incrementAndGet();
    long took = System.nanoTime() - began;
    long average = taskNanos;
    taskNanos = average < 0 ? took : (average * 15 + took) / 16; // a lost update is harmless
    done.add(new Done(task, outcome, startedAt, runtime.nowMicros()));
    running.remove(task.claimed.taskKey(), attempt);
    inFlight.decrementAndGet();
  }

  /**
   * Whether {@code task}'s attempt calls a method of the flow: not when it fans out (its instances
   * do) or collects the result of its child run.
   */
  private static boolean runsMethod(Assignment task, TaskDescriptor descriptor) {
    return task.isInstance()
        || !(task.flow.hasInstances(task.index())
            || (descriptor.subFlow() && task.rowInput() != null));
  }

  /** Calls the interceptor for {@code task}'s attempt, with its run's stored context. */
  private HyphaInterceptor.Attempt intercept(Interception interception, Assignment task) {
    return interception.attempting(
        task.flow(),
        task.task(),
        task.attempt(),
        task.runId,
        settings.worker(),
        interception.contextOf(task.claimed.runSeq(), store::callerContext));
  }

  /**
   * Tells the interceptor the attempt ended; an interceptor that throws fails an attempt that would
   * have succeeded.
   */
  private static Outcome ended(
      HyphaInterceptor.Attempt intercepted, Assignment task, Running attempt, Outcome outcome) {
    Throwable error = attempt.error;
    if (error == null && outcome instanceof Outcome.Failed failed) {
      error = new HyphaException(failed.error().describe());
    } else if (error == null && outcome instanceof Outcome.Retry retry) {
      error = new HyphaException(retry.error().describe());
    }
    try {
      intercepted.ended(error);
      return outcome;
    } catch (RuntimeException e) {
      return outcome instanceof Outcome.Succeeded
          ? new Outcome.Failed(TaskErrors.of(task.task(), e))
          : outcome;
    }
  }

  private Outcome attempt(Assignment task, TaskDescriptor descriptor, Running attempt) {
    if (!task.isInstance() && task.flow.hasInstances(task.index())) {
      int loopSource = task.flow.loopSource(task.index());
      return loopSource >= 0
          ? new Outcome.Expand(List.of(task.outputJson(loopSource)))
          : expand(task, descriptor);
    }
    if (!task.isInstance() && descriptor.subFlow() && task.rowInput() != null) {
      return collectChild(task, TaskKeys.child(task.rowInput()));
    }
    SignalTimeoutException timedOut =
        SignalPayloads.timedOut(
            task.isInstance() ? null : task.flow.signalWait(task.index()),
            task.task(),
            task.rowInput());
    if (timedOut != null) {
      // Its wait is over without a signal; another attempt would not bring one.
      attempt.error = timedOut;
      return new Outcome.Failed(TaskErrors.of(task.task(), timedOut));
    }
    Object output;
    try {
      output = task.flow.definition.invoke(runtime.instance(task.flow), task.taskIndex(), task);
    } catch (VirtualMachineError fatal) {
      throw fatal;
    } catch (Throwable thrown) {
      return unsuccessful(task, descriptor, attempt, thrown);
    }
    if (attempt.timedOut) {
      // Past its timeout the attempt has failed, whatever the method returned after it (it ignored
      // or swallowed the interrupt): its late output is dropped, as the embedded engine drops it.
      return unsuccessful(task, descriptor, attempt, null);
    }
    if (!task.isInstance() && descriptor.subFlow()) {
      try {
        SubFlow<?> sub = SubFlows.returned(task.task(), output);
        SharedFlow child = runtime.flow(sub.definition());
        // On this attempt's thread: the child's context is taken inside the attempt.
        Interception.Starting starting =
            Interception.starting(runtime.interception(), child.name());
        try {
          SharedTx.NewRun run =
              runtime.newRun(
                  child,
                  sub.input(),
                  SubFlows.key(task.runId, task.task()),
                  starting.contextJson());
          starting.ended(run.id(), null);
          return new Outcome.StartChild(run);
        } catch (RuntimeException e) {
          starting.ended(null, e);
          throw e;
        }
      } catch (RuntimeException e) {
        return unsuccessful(task, descriptor, attempt, e);
      }
    }
    try {
      if (task.isInstance() && descriptor.loop().isPresent()) {
        return new Outcome.Succeeded(
            LoopSteps.encode(runtime.codec(), descriptor, output), Branches.NONE);
      }
      if (task.isInstance()) {
        return new Outcome.Succeeded(
            encode(task, descriptor.elementOutput(), output), Branches.NONE);
      }
      return new Outcome.Succeeded(
          encode(task, descriptor.output(), output),
          task.flow.branches.notTaken(task.index(), output));
    } catch (dev.hypha.runtime.HyphaException e) {
      // Running the task again would repeat its effects to produce the same value: fail it.
      attempt.error = e;
      return new Outcome.Failed(TaskErrors.of(task.task(), e));
    } catch (Exception e) {
      attempt.error =
          new OutputNotSerializableException(
              task.flow(), task.task(), output.getClass().getName(), e);
      return new Outcome.Failed(TaskErrors.of(task.task(), attempt.error));
    }
  }

  /**
   * A task that fans out runs no method: its source's list, split into elements, is what its
   * instances are started with when this is committed. An empty list is its output at once.
   */
  private Outcome expand(Assignment task, TaskDescriptor descriptor) {
    int source = task.flow.fanOutSource(task.index());
    String json = task.outputJson(source);
    List<String> elements;
    try {
      elements =
          FanOutElements.split(
              runtime.codec(), descriptor, task.flow.descriptor.task(source).name(), json);
    } catch (RuntimeException e) {
      return new Outcome.Failed(TaskErrors.of(task.task(), e));
    }
    if (elements.size() > SharedFlow.MAX_ELEMENTS) {
      return new Outcome.Failed(
          TaskErrors.of(
              task.task(),
              FanOutElements.tooMany(task.task(), elements.size(), SharedFlow.MAX_ELEMENTS)));
    }
    if (elements.isEmpty()) {
      return new Outcome.Succeeded(FanOutElements.emptyOutput(descriptor), Branches.NONE);
    }
    return new Outcome.Expand(elements);
  }

  /** A failed attempt: retried if its policy says so, else failed; a timed-out one as such. */
  private static Outcome unsuccessful(
      Assignment task, TaskDescriptor descriptor, Running attempt, Throwable thrown) {
    Throwable error =
        attempt.timedOut
            ? new TaskTimeoutException(task.task(), task.attempt(), descriptor.timeout().get())
            : thrown;
    attempt.error = error;
    RetryPolicy policy = descriptor.retry();
    TaskError recorded = TaskErrors.of(task.task(), error);
    if (policy.retries(error, task.attempt())) {
      Duration delay =
          policy.delayBefore(task.attempt() + 1, ThreadLocalRandom.current().nextDouble());
      return new Outcome.Retry(recorded, attempt.timedOut, delay.toMillis());
    }
    return new Outcome.Failed(recorded);
  }

  private String encode(Assignment task, TypeRef<?> declared, Object value) {
    String type = value == null ? "null" : value.getClass().getName();
    String json;
    try {
      json = runtime.codec().write(value, declared);
    } catch (Exception e) {
      throw new OutputNotSerializableException(task.flow(), task.task(), type, e);
    }
    try {
      runtime.codec().checkReadable(json, declared);
    } catch (Exception e) {
      throw new OutputNotSerializableException(
          task.flow(), task.task(), type, declared.toString(), e);
    }
    return json;
  }

  /**
   * Commits finished attempts: the outputs in one batch, then one result fewer for each of their
   * dependents, retries and failures, and the count of each run's ended tasks in one statement; the
   * runs with none left end. Each statement changes its rows in key order, so that concurrent
   * transactions lock them in one order; a branch not taken adds statements (a level of its cascade
   * each) after the results, which can lock rows out of that order: a deadlock PostgreSQL detects
   * there is retried as any transaction is, with the same outcomes.
   */
  private void complete(SharedTx tx, List<Done> finished, long now) {
    if (finished.isEmpty()) {
      return;
    }
    List<Done> ordered = new ArrayList<>(finished);
    ordered.sort(Comparator.comparingLong(entry -> entry.task().claimed.taskKey()));
    java.util.TreeSet<Long> instancesOf = new java.util.TreeSet<>();
    for (Done entry : ordered) {
      if (entry.task().isInstance()) {
        instancesOf.add(TaskKeys.key(entry.task().claimed.runSeq(), entry.task().taskIndex()));
      }
    }
    tx.lock(instancesOf);
    Map<Long, Integer> ended = new TreeMap<>();
    Map<Long, Assignment> runs = new HashMap<>();
    List<Done> succeeded = new ArrayList<>();
    List<SharedTx.Success> outputs = new ArrayList<>();
    for (Done entry : ordered) {
      runs.put(entry.task().claimed.runSeq(), entry.task());
      if (entry.outcome() instanceof Outcome.Succeeded success) {
        SharedTx.Claimed claimed = entry.task().claimed;
        succeeded.add(entry);
        outputs.add(
            new SharedTx.Success(
                claimed.taskKey(),
                entry.task().token,
                claimed.attempt(),
                success.json(),
                entry.startedAt(),
                entry.finishedAt()));
      }
    }
    boolean[] applied = tx.succeed(outputs);
    // The outputs recorded now, by task key: a run that ends in this turn takes its result from
    // them without reading them back.
    Map<Long, String> written = new HashMap<>();
    TreeMap<Long, Integer> arrived = new TreeMap<>();
    Map<Long, Long> delays = new HashMap<>();
    Map<Long, Long> notBefore = new HashMap<>();
    TreeMap<Long, SharedFlow> notTaken = new TreeMap<>();
    // By task that fans out: how many of its instances ended, and one of them (for its flow).
    TreeMap<Long, Integer> instancesEnded = new TreeMap<>();
    Map<Long, Assignment> fanOuts = new HashMap<>();
    // Dependents of loops done in this commit: one result more each.
    TreeMap<Long, Integer> loopArrived = new TreeMap<>();
    Map<Long, Long> loopDelays = new HashMap<>();
    for (int i = 0; i < applied.length; i++) {
      Assignment task = succeeded.get(i).task();
      if (!applied[i]) {
        refused(tx, task);
        continue;
      }
      events.succeeded(task, succeeded.get(i).startedAt(), succeeded.get(i).finishedAt());
      long runSeq = task.claimed.runSeq();
      if (task.isInstance() && task.flow.loopSource(task.taskIndex()) >= 0) {
        Outcome.Succeeded step = (Outcome.Succeeded) succeeded.get(i).outcome();
        iterationSucceeded(tx, task, step.json(), ended, loopArrived, loopDelays, notTaken, now);
        continue;
      }
      if (task.isInstance()) {
        instanceEnded(task, instancesEnded, fanOuts);
        continue;
      }
      ended.merge(runSeq, 1, Integer::sum);
      Outcome.Succeeded success = (Outcome.Succeeded) succeeded.get(i).outcome();
      written.put(task.claimed.taskKey(), success.json());
      for (int waiter : task.flow.waiters(task.index())) {
        instant(task, success.json())
            .ifPresent(at -> notBefore.put(TaskKeys.key(runSeq, waiter), Micros.due(at)));
      }
      int[] leftOut = success.notTaken();
      for (int dependent : task.flow.dependents(task.index())) {
        long key = TaskKeys.key(runSeq, dependent);
        if (leftOut.length > 0 && Arrays.binarySearch(leftOut, dependent) >= 0) {
          notTaken.put(key, task.flow);
        } else {
          arrived.merge(key, 1, Integer::sum);
          delay(task.flow, dependent, key, delays);
        }
      }
    }
    tx.resultArrived(arrived, now, delays, notBefore);
    skipNotTaken(tx, notTaken, ended, now);
    for (Done entry : ordered) {
      if (entry.outcome() instanceof Outcome.Expand expand) {
        expand(tx, entry.task(), expand.elements(), now);
      } else if (entry.outcome() instanceof Outcome.StartChild start) {
        Assignment task = entry.task();
        if (tx.startChild(task.claimed.taskKey(), task.token, task.claimed.attempt(), start.child())
            .isEmpty()) {
          refused(tx, task);
        } else {
          events.runStarted(start.child().id(), start.child().flow(), now);
        }
      } else if (entry.outcome() instanceof Outcome.AwaitChild) {
        Assignment task = entry.task();
        if (!tx.awaitChild(task.claimed.taskKey(), task.token, task.claimed.attempt())) {
          refused(tx, task);
        }
      } else if (!(entry.outcome() instanceof Outcome.Succeeded)) {
        int count = recordUnsuccessful(tx, entry);
        if (count > 0) {
          ended.merge(entry.task().claimed.runSeq(), count, Integer::sum);
        } else if (count == INSTANCE_FAILED) {
          instanceEnded(entry.task(), instancesEnded, fanOuts);
        }
      }
    }
    fanOutsEnded(tx, instancesEnded, fanOuts, ended, now);
    tx.resultArrived(loopArrived, now, loopDelays, Map.of());
    List<Long> over = new ArrayList<>();
    List<Long> going = new ArrayList<>();
    SharedTx.Counted counted = tx.tasksEnded(ended);
    counted
        .left()
        .forEach(
            (runSeq, left) -> {
              if (left == 0) {
                over.add(runSeq);
              } else if (runs.get(runSeq).flow.signalTasks().length > 0) {
                going.add(runSeq);
              }
            });
    // After the count, which locked the runs' rows: a signal sent meanwhile either committed
    // before (and is read here) or waits for this commit (and sees the tasks made READY here).
    for (long runSeq : going) {
      Assignment any = runs.get(runSeq);
      takeSignals(tx, runtime, any.flow, runSeq, any.runId, now);
    }
    endRuns(tx, over, counted.failures(), runs, written, now);
  }

  /**
   * The tasks of run {@code runSeq} that wait for a signal take the first stored one their
   * condition accepts, if any; those that go on waiting without a timeout are never due by
   * themselves.
   */
  static void takeSignals(
      SharedTx tx, SharedRuntime runtime, SharedFlow flow, long runSeq, RunId runId, long now) {
    List<SharedTx.Waiting> waiting =
        tx.waitingForSignals(
            Arrays.stream(SharedFlow.keys(runSeq, flow.signalTasks())).boxed().toList());
    if (waiting.isEmpty()) {
      return;
    }
    List<Map.Entry<String, String>> signals =
        tx.signals(runSeq).stream()
            .map(signal -> Map.entry(signal.name(), signal.payloadJson()))
            .toList();
    for (SharedTx.Waiting row : waiting) {
      int task = TaskKeys.index(row.taskKey());
      SignalWait<?> wait = flow.signalWait(task);
      String json =
          SignalPayloads.firstAccepted(
              runtime.codec(), wait, runId, flow.descriptor.task(task).name(), signals);
      if (json != null) {
        tx.takeSignal(row.taskKey(), json, now);
      } else if (wait.timeout().isEmpty() && row.readyAt() != 0) {
        tx.neverDue(row.taskKey());
      }
    }
  }

  /** What {@link #recordUnsuccessful} returns for an instance of a fan-out that failed for good. */
  private static final int INSTANCE_FAILED = -1;

  private static void instanceEnded(
      Assignment instance, TreeMap<Long, Integer> ended, Map<Long, Assignment> fanOuts) {
    long key = TaskKeys.key(instance.claimed.runSeq(), instance.taskIndex());
    ended.merge(key, 1, Integer::sum);
    fanOuts.putIfAbsent(key, instance);
  }

  /**
   * An iteration of a loop succeeded: the loop is done (its task SUCCEEDED with the result, its
   * dependents one result more), fails for one iteration too many, or its next iteration's row is
   * inserted READY with the state this one handed on.
   */
  private void iterationSucceeded(
      SharedTx tx,
      Assignment iteration,
      String stepJson,
      Map<Long, Integer> ended,
      TreeMap<Long, Integer> arrived,
      Map<Long, Long> delays,
      TreeMap<Long, SharedFlow> notTaken,
      long now) {
    SharedFlow flow = iteration.flow;
    int task = iteration.taskIndex();
    TaskDescriptor loop = flow.descriptor.task(task);
    long runSeq = iteration.claimed.runSeq();
    long key = TaskKeys.key(runSeq, task);
    LoopSteps.Recorded step = LoopSteps.decode(runtime.codec(), stepJson);
    if (step.done()) {
      tx.succeedInstances(key, step.json(), now);
      ended.merge(runSeq, 1, Integer::sum);
      int[] leftOut = notTaken(flow, task, iteration.runId, step.json());
      for (int dependent : flow.dependents(task)) {
        long dependentKey = TaskKeys.key(runSeq, dependent);
        if (leftOut.length > 0 && Arrays.binarySearch(leftOut, dependent) >= 0) {
          notTaken.put(dependentKey, flow);
        } else {
          arrived.merge(dependentKey, 1, Integer::sum);
          delay(flow, dependent, dependentKey, delays);
        }
      }
      return;
    }
    int next = SharedFlow.element(iteration.index()) + 1;
    if (next >= loop.maxIterations()) {
      tx.failFanOut(key, TaskErrors.of(loop.name(), LoopSteps.tooMany(loop)), now);
      int skipped = tx.skip(SharedFlow.keys(runSeq, flow.downstream(task)), now);
      ended.merge(runSeq, 1 + skipped, Integer::sum);
      return;
    }
    tx.insertInstances(
        loop.name(),
        next,
        loop.queue(),
        flow.version,
        iteration.claimed.taskKey() + 1,
        List.of(step.json()),
        1,
        now);
  }

  /**
   * Starts the instances of a task that fans out: their rows, the first of them READY (as many as
   * its concurrency allows), the task RUNNING until they have all ended.
   */
  private void expand(SharedTx tx, Assignment task, List<String> elements, long now) {
    TaskDescriptor descriptor = task.flow.descriptor.task(task.index());
    int concurrency = descriptor.concurrency();
    boolean applied =
        tx.expand(
            task.claimed.taskKey(),
            task.token,
            task.claimed.attempt(),
            descriptor.name(),
            descriptor.queue(),
            task.flow.version,
            TaskKeys.key(task.claimed.runSeq(), task.flow.firstInstance(task.index())),
            elements,
            descriptor.loop().isPresent()
                ? 1
                : concurrency == 0 ? elements.size() : Math.min(concurrency, elements.size()),
            now);
    if (!applied) {
      refused(tx, task);
    }
  }

  /**
   * Counts ended instances against their tasks ({@code instancesEnded}, by the task's key): as many
   * of the task's PENDING instances are released; a task whose last instance ended fails with the
   * first failure among them (skipping what depends on it), or succeeds with their outputs as a
   * list, read in one range scan, and its dependents get one result more.
   */
  private static void fanOutsEnded(
      SharedTx tx,
      TreeMap<Long, Integer> instancesEnded,
      Map<Long, Assignment> fanOuts,
      Map<Long, Integer> ended,
      long now) {
    if (instancesEnded.isEmpty()) {
      return;
    }
    TreeMap<Long, Integer> arrived = new TreeMap<>();
    Map<Long, Long> delays = new HashMap<>();
    tx.instancesEnded(instancesEnded)
        .forEach(
            (key, left) -> {
              SharedFlow flow = fanOuts.get(key).flow;
              long runSeq = TaskKeys.runSeq(key);
              int task = TaskKeys.index(key);
              long first = TaskKeys.key(runSeq, flow.firstInstance(task));
              long last = first + SharedFlow.MAX_ELEMENTS - 1;
              if (left.left() > 0) {
                tx.releaseInstances(first + left.nextToRelease(), instancesEnded.get(key), now);
                return;
              }
              Optional<TaskError> failure = tx.firstFailure(first, last);
              if (failure.isPresent()) {
                tx.failFanOut(key, failure.get(), now);
                int skipped = tx.skip(SharedFlow.keys(runSeq, flow.downstream(task)), now);
                ended.merge(runSeq, 1 + skipped, Integer::sum);
                return;
              }
              tx.collect(key, first, last, flow.descriptor.task(task).output().isVoid(), now);
              ended.merge(runSeq, 1, Integer::sum);
              for (int dependent : flow.dependents(task)) {
                long dependentKey = TaskKeys.key(runSeq, dependent);
                arrived.merge(dependentKey, 1, Integer::sum);
                delay(flow, dependent, dependentKey, delays);
              }
            });
    tx.resultArrived(arrived, now, delays, Map.of());
  }

  /** The instant {@code task} returned as {@code json}, for the tasks that wait until it. */
  private java.util.Optional<java.time.Instant> instant(Assignment task, String json) {
    try {
      return java.util.Optional.ofNullable(
          (java.time.Instant) runtime.codec().read(json, TypeRef.of(java.time.Instant.class)));
    } catch (Exception e) {
      // Read back when it was written, as its declared type (an Instant): not expected.
      LOG.error(
          "worker {}: the instant {} returned does not read back", settings.worker(), task, e);
      return java.util.Optional.empty();
    }
  }

  /** Notes the delay of {@code task} (row {@code key}) in {@code delays}, if it has one. */
  private static void delay(SharedFlow flow, int task, long key, Map<Long, Long> delays) {
    long delay = flow.delayMicros(task);
    if (delay > 0) {
      delays.put(key, delay);
    }
  }

  /**
   * Skips the branches not taken, {@code notTaken} (task keys with their flows), and what needs
   * them, a level of the graph per statement; a join that takes one optionally has one input fewer
   * to wait for. Only rows still PENDING are skipped, and only those pass it on, so a task reached
   * twice is counted once.
   */
  private static void skipNotTaken(
      SharedTx tx, TreeMap<Long, SharedFlow> notTaken, Map<Long, Integer> ended, long now) {
    while (!notTaken.isEmpty()) {
      TreeMap<Long, SharedFlow> next = new TreeMap<>();
      TreeMap<Long, Integer> joined = new TreeMap<>();
      Map<Long, Long> delays = new HashMap<>();
      for (long key : tx.notTaken(List.copyOf(notTaken.keySet()), now)) {
        SharedFlow flow = notTaken.get(key);
        long runSeq = TaskKeys.runSeq(key);
        int task = TaskKeys.index(key);
        ended.merge(runSeq, 1, Integer::sum);
        for (int dependent : flow.dependents(task)) {
          long dependentKey = TaskKeys.key(runSeq, dependent);
          if (flow.branches.runsWithout(task, dependent)) {
            joined.merge(dependentKey, 1, Integer::sum);
            delay(flow, dependent, dependentKey, delays);
          } else {
            next.put(dependentKey, flow);
          }
        }
      }
      tx.resultArrived(joined, now, delays, Map.of());
      notTaken = next;
    }
  }

  /**
   * Records an attempt that failed: a retry to come, or the task's failure and the skipping of what
   * depends on it. Returns how many of its run's tasks it ended (0 when refused), or {@link
   * #INSTANCE_FAILED} for an instance of a fan-out that failed for good.
   */
  private int recordUnsuccessful(SharedTx tx, Done entry) {
    Assignment task = entry.task();
    SharedTx.Claimed claimed = task.claimed;
    long key = claimed.taskKey();
    if (entry.outcome() instanceof Outcome.NotBegun) {
      tx.release(key, task.token, claimed.attempt(), runtime.nowMicros());
      return 0;
    }
    if (entry.outcome() instanceof Outcome.Retry retry) {
      long due = entry.finishedAt() + retry.delayMillis() * 1000;
      boolean applied =
          tx.retry(
              key,
              task.token,
              claimed.attempt(),
              retry.timedOut() ? AttemptRecord.Outcome.TIMED_OUT : AttemptRecord.Outcome.FAILED,
              retry.error(),
              entry.startedAt(),
              entry.finishedAt(),
              settings.worker(),
              due);
      if (!applied) {
        refused(tx, task);
      } else {
        events.retried(
            task, entry.startedAt(), entry.finishedAt(), retry.timedOut(), retry.error(), due);
      }
      return 0;
    }
    Outcome.Failed failed = (Outcome.Failed) entry.outcome();
    if (!tx.fail(
        key,
        task.token,
        claimed.attempt(),
        failed.error(),
        entry.startedAt(),
        entry.finishedAt(),
        settings.worker())) {
      refused(tx, task);
      return 0;
    }
    events.failed(
        task,
        entry.startedAt(),
        entry.finishedAt(),
        failed.error().type().equals(TaskTimeoutException.class.getName()),
        failed.error());
    if (task.isInstance()) {
      return INSTANCE_FAILED; // its task counts it, and ends once all its instances have
    }
    return 1
        + tx.skip(
            SharedFlow.keys(claimed.runSeq(), task.flow.downstream(task.index())),
            entry.finishedAt());
  }

  private void refused(SharedTx tx, Assignment task) {
    LOG.warn(
        "worker {}: the outcome of {} was not recorded: its lease was lost (the worker was"
            + " paused or cut off past the lease of {}) or its run was cancelled; the store has"
            + " it {}",
        settings.worker(),
        task,
        settings.lease(),
        tx.describeTask(task.claimed.taskKey()).orElse("no longer"));
  }

  /**
   * Ends the runs {@code runSeqs}, which have no task left: FAILED with their first failure from
   * {@code failures}, else SUCCEEDED with their sinks' outputs, taken from {@code written} (the
   * outputs this turn recorded) where they are there and read for the others.
   */
  private void endRuns(
      SharedTx tx,
      List<Long> runSeqs,
      Map<Long, TaskError> failures,
      Map<Long, Assignment> runs,
      Map<Long, String> written,
      long now) {
    if (runSeqs.isEmpty()) {
      return;
    }
    Map<Long, String> outputs = new HashMap<>();
    List<Long> sinks = new ArrayList<>();
    for (long runSeq : runSeqs) {
      if (!failures.containsKey(runSeq)) {
        for (long key : SharedFlow.keys(runSeq, runs.get(runSeq).flow.descriptor.sinks())) {
          String output = written.get(key);
          if (output != null) {
            outputs.put(key, output);
          } else {
            sinks.add(key);
          }
        }
      }
    }
    outputs.putAll(tx.outputs(sinks));
    List<SharedTx.Finish> finishes = new ArrayList<>(runSeqs.size());
    for (long runSeq : runSeqs) {
      TaskError failure = failures.get(runSeq);
      Assignment task = runs.get(runSeq);
      events.runEnded(
          task.runId,
          task.flow(),
          failure != null ? RunState.FAILED : RunState.SUCCEEDED,
          failure,
          now);
      finishes.add(
          failure != null
              ? new SharedTx.Finish(runSeq, RunState.FAILED, null, failure, now)
              : new SharedTx.Finish(
                  runSeq,
                  RunState.SUCCEEDED,
                  runtime.resultJson(task.flow, runSeq, task.runId, outputs),
                  null,
                  now));
    }
    tx.finishRuns(finishes);
    // Only runs started by a task: no statement for the others, most runs.
    List<Long> children = runSeqs.stream().filter(runSeq -> runs.get(runSeq).childRun).toList();
    if (tx.childrenEnded(children, now) > 0) {
      store.ready();
    }
  }

  /**
   * The dependents of task {@code task} whose branch its output {@code json} does not take, for a
   * task whose output comes without an attempt of its own (a loop that is done, a child run).
   */
  private int[] notTaken(SharedFlow flow, int task, RunId runId, String json) {
    if (!flow.branches.decides(task)) {
      return Branches.NONE;
    }
    TaskDescriptor descriptor = flow.descriptor.task(task);
    Object output =
        runtime.decode(runId, "output of task " + descriptor.name(), descriptor.output(), json);
    return flow.branches.notTaken(task, output);
  }

  /**
   * A task whose child run {@code child} was started: made READY again by the child's end, it ends
   * with the child's result or error (its method is not called again); a child still running (not
   * expected) is waited for again.
   */
  private Outcome collectChild(Assignment task, RunId child) {
    Optional<RunDetail> detail = runtime.store().detail(child);
    if (detail.isEmpty() || !detail.get().state().isFinal()) {
      return new Outcome.AwaitChild();
    }
    RunDetail ended = detail.get();
    if (ended.state() == RunState.SUCCEEDED) {
      String json = ended.resultJson().orElse("null");
      return new Outcome.Succeeded(json, notTaken(task.flow, task.index(), task.runId, json));
    }
    return new Outcome.Failed(
        SubFlows.childFailed(
            task.task(),
            child,
            ended.summary().flow(),
            ended.state(),
            ended.summary().error().orElse(null)));
  }

  /** Takes over tasks whose lease ran out: each READY again, its attempt INTERRUPTED. */
  private void reap(SharedTx tx, long now) {
    for (SharedTx.Expired task : tx.expired(now, REAP_BATCH)) {
      if (tx.requeue(task, now)) {
        LOG.warn(
            "task {} (key {}) was RUNNING as attempt {} of worker {}, whose lease ran out: it is"
                + " READY again, to run as attempt {} with the same idempotency key",
            task.name(),
            task.taskKey(),
            task.attempt(),
            task.worker(),
            task.attempt() + 1);
      }
    }
  }

  private void heartbeat() {
    Set<String> tokens = new LinkedHashSet<>();
    for (Running attempt : running.values()) {
      tokens.add(attempt.task.token);
    }
    long now = runtime.nowMicros();
    try {
      store.inTransaction(
          tx -> {
            tx.heartbeat(tokens, now + settings.lease().toNanos() / 1000);
            tx.workerSeen(settings.worker(), queueList, now, false);
            return null;
          });
    } catch (RuntimeException e) {
      LOG.warn(
          "worker {} could not extend its leases in {}; tasks it runs go to other workers if this"
              + " lasts past the lease of {}",
          settings.worker(),
          store.location(),
          settings.lease(),
          e);
    }
  }

  /**
   * Stops claiming and gives back the tasks claimed ahead that no thread began; lets running tasks
   * finish for the shutdown grace and commits them. Tasks still running then are interrupted and
   * given back (READY again, their attempt INTERRUPTED), so other workers take them up at once
   * instead of after the lease.
   */
  @Override
  public void close() {
    if (!stopping.compareAndSet(false, true)) {
      return;
    }
    wake();
    tasks.shutdown();
    try {
      if (!tasks.awaitTermination(settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn(
            "worker {}: {} task(s) still running after the shutdown grace of {}; giving them back",
            settings.worker(),
            running.size(),
            settings.shutdownGrace());
        long now = runtime.nowMicros();
        List<Running> left = new ArrayList<>(running.values());
        try {
          // Given back before they are interrupted: an attempt that ends on the interrupt must
          // find its lease gone (its outcome refused), not be committed as the task's failure.
          store.inTransaction(
              tx -> {
                for (Running attempt : left) {
                  SharedTx.Claimed claimed = attempt.task.claimed;
                  if (!attempt.began) {
                    tx.release(claimed.taskKey(), attempt.task.token, claimed.attempt(), now);
                    continue;
                  }
                  tx.requeue(
                      new SharedTx.Expired(
                          claimed.taskKey(),
                          attempt.task.token,
                          claimed.attempt(),
                          settings.worker(),
                          attempt.startedAt,
                          claimed.name()),
                      now);
                }
                return null;
              });
        } finally {
          // Their outcomes, if they ever come, would be refused: the loop need not wait for them.
          abandoned = true;
          tasks.shutdownNow();
          wake();
        }
      }
      loop.join(Math.max(1_000, settings.shutdownGrace().toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("worker {} could not give back its tasks on shutdown", settings.worker(), e);
    } finally {
      timers.shutdownNow();
      try {
        store.inTransaction(
            tx -> {
              tx.workerStopped(settings.worker(), runtime.nowMicros());
              return null;
            });
      } catch (RuntimeException e) {
        LOG.warn("worker {} could not record that it stopped", settings.worker(), e);
      }
    }
  }
}
