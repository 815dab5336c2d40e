package dev.hypha.server.internal;

import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunHistory;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.TaskRecord;
import dev.hypha.runtime.TaskState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the store's history into events by polling it, since other processes may be executing the
 * runs: one poller thread for every subscriber, reading only while someone listens.
 *
 * <p>Runs (for subscribers of all runs): each poll reads the newest {@value #MAX_TRACKED} RUNNING
 * runs and the newest {@value #MAX_TRACKED} runs started in the last {@link #LOOKBACK} before the
 * newest start it has seen. A run it has not seen is announced with the state it has then; a
 * tracked RUNNING run that left the RUNNING set is read again and announced if its state changed.
 * Cost per poll is therefore bounded whatever the store's size: a RUNNING run beyond the newest
 * {@value #MAX_TRACKED} is not tracked, and a run whose start was committed more than {@link
 * #LOOKBACK} after a later-started run was seen is not announced when it appears.
 *
 * <p>Tasks (for subscribers of one run): each poll reads that run's detail and announces every task
 * whose state or attempt differs from what that subscriber was last told; a state the task passed
 * through between two polls is not seen.
 *
 * <p>Thread-safe: subscribing and polling take one lock.
 */
final class EventFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);

  /** The most RUNNING runs tracked, and the most new runs read per poll. */
  static final int MAX_TRACKED = 1_000;

  /** How far before the newest start seen a poll looks for runs whose start committed late. */
  static final Duration LOOKBACK = Duration.ofSeconds(2);

  private final RunHistory history;
  private final ScheduledExecutorService poller;
  private final Object lock = new Object();

  // Subscribers of all runs, and what they have been told.
  private final Set<EventStream> everything = new LinkedHashSet<>();
  private final Map<RunId, RunState> tracked = new HashMap<>();
  private final Map<RunId, Instant> seen = new HashMap<>();
  private Instant newestStart = Instant.EPOCH;
  private boolean current;

  // Subscribers of one run, each with what it has been told about that run.
  private final Map<RunId, Map<EventStream, Told>> followers = new LinkedHashMap<>();

  private boolean failing;

  /** What one subscriber of a run was last told: the run's state, and each task's. */
  private static final class Told {
    RunState run;
    final Map<String, TaskMark> tasks = new HashMap<>();
  }

  private record TaskMark(TaskState state, int attempt) {}

  EventFeed(RunHistory history, Duration interval) {
    this.history = history;
    this.poller =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "hypha-server-events");
              thread.setDaemon(true);
              return thread;
            });
    poller.scheduleWithFixedDelay(
        this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Sends {@code stream} the changes of every run from now on. What the store holds at this moment
   * is the baseline, read before this returns, so a run started after it is announced.
   */
  void subscribeAll(EventStream stream) {
    synchronized (lock) {
      if (!current) {
        readRuns(false);
        current = true;
      }
      everything.add(stream);
    }
  }

  /**
   * Sends {@code stream} the run {@code id} as it is now (a {@code task} event per task, then a
   * {@code run} event), then each change of it, the same way: the tasks that changed, then the run
   * if its state did.
   *
   * @return false if the store has no such run
   */
  boolean subscribeRun(EventStream stream, RunId id) {
    synchronized (lock) {
      Optional<RunDetail> detail = history.detail(id);
      if (detail.isEmpty()) {
        return false;
      }
      Told told = new Told();
      followers.computeIfAbsent(id, key -> new LinkedHashMap<>()).put(stream, told);
      tell(stream, told, detail.get());
      return true;
    }
  }

  void unsubscribe(EventStream stream) {
    synchronized (lock) {
      everything.remove(stream);
      followers.values().forEach(streams -> streams.remove(stream));
      followers.values().removeIf(Map::isEmpty);
      forgetIfIdle();
    }
  }

  /** With nobody listening, the baseline would grow stale: the next subscriber reads a new one. */
  private void forgetIfIdle() {
    if (everything.isEmpty() && current) {
      current = false;
      tracked.clear();
      seen.clear();
      newestStart = Instant.EPOCH;
    }
  }

  private void poll() {
    synchronized (lock) {
      try {
        if (!everything.isEmpty()) {
          readRuns(true);
        }
        for (Map.Entry<RunId, Map<EventStream, Told>> run : followers.entrySet()) {
          Optional<RunDetail> detail = history.detail(run.getKey());
          detail.ifPresent(d -> run.getValue().forEach((stream, told) -> tell(stream, told, d)));
        }
        if (failing) {
          LOG.info("the event feed reads the store again");
          failing = false;
        }
      } catch (RuntimeException e) {
        // The next poll tries again; say so once, not every 200 ms.
        if (!failing) {
          LOG.warn("the event feed cannot read the store; retrying every poll", e);
          failing = true;
        }
      }
      everything.removeIf(EventStream::closed);
      followers.values().forEach(streams -> streams.keySet().removeIf(EventStream::closed));
      followers.values().removeIf(Map::isEmpty);
      forgetIfIdle();
    }
  }

  /** Reads the runs that appeared or changed, and announces them if {@code announce}. */
  private void readRuns(boolean announce) {
    // The RUNNING set first: a run that starts after this read is found by the read of new runs.
    Set<RunId> running = new HashSet<>();
    for (RunSummary run :
        history
            .find(RunQuery.builder().state(RunState.RUNNING).limit(MAX_TRACKED).build())
            .items()) {
      running.add(run.id());
    }
    Instant windowStart =
        newestStart.equals(Instant.EPOCH) ? Instant.EPOCH : newestStart.minus(LOOKBACK);
    List<RunSummary> recent =
        history
            .find(RunQuery.builder().startedFrom(windowStart).limit(MAX_TRACKED).build())
            .items();
    Map<RunId, RunState> next = new HashMap<>();
    Set<RunId> fresh = new HashSet<>();
    // Oldest first, so that runs are announced in the order they started.
    for (int i = recent.size() - 1; i >= 0; i--) {
      RunSummary run = recent.get(i);
      if (seen.putIfAbsent(run.id(), run.startedAt()) == null) {
        fresh.add(run.id());
        if (run.startedAt().isAfter(newestStart)) {
          newestStart = run.startedAt();
        }
        if (announce) {
          announce(run);
        }
        if (run.state() == RunState.RUNNING) {
          next.put(run.id(), RunState.RUNNING);
        }
      }
    }
    for (Map.Entry<RunId, RunState> known : tracked.entrySet()) {
      RunId id = known.getKey();
      if (fresh.contains(id) || running.contains(id)) {
        continue;
      }
      // It left the RUNNING set: it ended, or newer RUNNING runs pushed it past the cap.
      history
          .summary(id)
          .filter(run -> run.state() != known.getValue())
          .ifPresent(
              run -> {
                if (announce) {
                  announce(run);
                }
              });
    }
    for (RunId id : running) {
      next.putIfAbsent(id, RunState.RUNNING);
    }
    tracked.clear();
    tracked.putAll(next);
    Instant horizon = newestStart.minus(LOOKBACK);
    seen.values().removeIf(started -> started.isBefore(horizon));
  }

  private void announce(RunSummary run) {
    String data = JsonViews.text(JsonViews.summary(run));
    for (EventStream stream : everything) {
      stream.send("run", data);
    }
  }

  /**
   * Tells {@code stream} what changed in {@code detail} since {@code told}: tasks, then the run.
   */
  private static void tell(EventStream stream, Told told, RunDetail detail) {
    String run = detail.id().value();
    for (TaskRecord task : detail.tasks()) {
      TaskMark mark = new TaskMark(task.state(), task.attempt());
      if (!mark.equals(told.tasks.put(task.name(), mark))) {
        stream.send("task", JsonViews.text(JsonViews.taskEvent(run, task, when(task))));
      }
    }
    if (detail.state() != told.run) {
      told.run = detail.state();
      stream.send("run", JsonViews.text(JsonViews.summary(detail.summary())));
    }
  }

  /** When a task reached its state, as far as its row tells. */
  private static Instant when(TaskRecord task) {
    Optional<Instant> at =
        switch (task.state()) {
          case PENDING -> Optional.empty();
          case READY -> task.readyAt();
          case RUNNING -> task.startedAt();
          default -> task.finishedAt();
        };
    return at.or(task::startedAt).or(task::readyAt).orElseGet(Instant::now);
  }

  @Override
  public void close() {
    poller.shutdownNow();
  }
}
