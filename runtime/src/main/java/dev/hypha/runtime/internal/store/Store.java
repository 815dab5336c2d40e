package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.Page;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunSummary;
import java.util.List;
import java.util.Optional;

/**
 * The persisted log of runs and tasks, the only source of runtime state. Writes come from one
 * writer thread, a whole {@link WriteBatch} per transaction; reads may come from any thread and
 * never block the writer.
 */
public interface Store extends AutoCloseable {

  /** Where the data lives, for messages: a file path or a JDBC URL. */
  String location();

  /** Commits every change of {@code batch} in one transaction, or none of them. */
  void write(WriteBatch batch);

  /**
   * Up to {@code limit} runs of {@code flow} still RUNNING, with all their tasks, oldest first,
   * after the run started at {@code afterStartedAt} with key {@code afterSeq} (0 and 0 for the
   * first page): one page of what recovery takes up.
   */
  RunningPage runningRuns(
      String flow, long afterStartedAt, long afterSeq, int limit, boolean signals);

  /**
   * A page of in-flight runs: the runs that could be read, and where the page ended, which a run
   * left out for a row that does not parse does not move. {@code full} when the page had {@code
   * limit} rows, so another may follow.
   */
  record RunningPage(List<StoredRun> runs, long lastStartedAt, long lastSeq, boolean full) {}

  /** The run {@code runSeq} of {@code flow} with all its tasks, whatever its state. */
  Optional<StoredRun> storedRun(long runSeq, String flow, boolean signals);

  /** A run's history row. */
  Optional<RunSummary> summary(RunId runId);

  /** A run's history row and its stored result, null unless it SUCCEEDED. */
  record Ending(RunSummary summary, String resultJson) {}

  /**
   * A run's history row with its result, in one read: what awaiting a run that goes on in other
   * processes reads at each look, so that the look that sees it ended also has its result.
   */
  Optional<Ending> ending(RunId runId);

  /** Runs matching {@code query}, newest first. */
  Page<RunSummary> find(RunQuery query);

  /** How many runs match {@code query}; its limit and page token play no part. */
  long count(RunQuery query);

  /** A run with all of its tasks. */
  Optional<RunDetail> detail(RunId runId);

  /** The key of a run in the store. */
  Optional<Long> runSeq(RunId runId);

  /**
   * The JSON object a {@link dev.hypha.runtime.HyphaInterceptor} stored with the run {@code runSeq}
   * when it started; empty when none did (or there is no such run).
   */
  Optional<String> callerContext(long runSeq);

  /** The highest run key in use; the engine numbers new runs after it. */
  long lastRunSeq();

  /** Which of the runs {@code runSeqs} the store has RUNNING. */
  List<Long> stillRunning(List<Long> runSeqs);

  /** The run of {@code flow} started with the business key {@code key}, if one was. */
  Optional<RunId> runByKey(String flow, String key);

  /** The stored result of a run that succeeded, as JSON; empty for other runs. */
  Optional<String> result(RunId runId);

  /**
   * The state and output of the task {@code name} of run {@code runId}, which is at {@code index}
   * in the flow version {@code shapeHash}: one lookup by key when the run was started by that
   * version, a search of the run's rows by name when another version started it.
   */
  Optional<StoredTask> task(RunId runId, String shapeHash, int index, String name);

  /**
   * The outputs of the {@code count} task rows of run {@code runSeq} from index {@code firstIndex}
   * on, the instances of one fan-out, as one JSON array in index order.
   *
   * @throws IllegalStateException if one of those rows is missing
   */
  String instanceOutputs(long runSeq, int firstIndex, int count);

  /** The worker processes that have used the store, by name. */
  List<dev.hypha.runtime.WorkerRecord> workers();

  /** Per queue with any, the tasks READY and due at {@code nowMicros}, by queue name. */
  List<dev.hypha.runtime.QueueStatus> queues(long nowMicros);

  /**
   * Housekeeping a long-lived process should run every few hours: for SQLite, refreshing the
   * planner's statistics where tables have grown much. Safe to call from any thread.
   */
  void optimize();

  @Override
  void close();
}
