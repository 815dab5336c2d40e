package dev.hypha.runtime.internal.store;

import dev.hypha.runtime.AttemptRecord;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.SkipReason;
import dev.hypha.runtime.TaskError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The statements of a shared store, run inside one of its transactions ({@link
 * SharedStore#inTransaction}). Every change to a claimed task is fenced: it applies only while the
 * row is still RUNNING under the lease token and attempt the worker claimed it with, so a worker
 * whose lease was taken over cannot overwrite what the new attempt records.
 */
public final class SharedTx {
  private final Handle handle;
  private final boolean postgres;

  SharedTx(Handle handle, boolean postgres) {
    this.handle = handle;
    this.postgres = postgres;
  }

  Handle handle() {
    return handle;
  }

  /**
   * {@code column} among the values bound as {@code name}: one array on PostgreSQL, so that the
   * statement's text is the same whatever their number; a list on SQLite, which has no arrays.
   */
  private String in(String column, String name) {
    return postgres ? column + " = ANY(:" + name + ")" : column + " IN (<" + name + ">)";
  }

  /**
   * A PostgreSQL array of {@code sqlType} bound as it is: jdbi's own array binding resolves the
   * element type by reflection on every call, which cost a worker's loop more than the statement.
   */
  private static Argument array(String sqlType, Collection<?> values) {
    Object[] elements = values.toArray();
    return (position, statement, context) ->
        statement.setArray(position, statement.getConnection().createArrayOf(sqlType, elements));
  }

  private <S extends SqlStatement<S>> S bindIn(
      S statement, String name, String type, Collection<?> values) {
    return postgres
        ? statement.bind(name, array(type, values))
        : statement.bindList(name, List.copyOf(values));
  }

  /**
   * A task row of a new run; {@code delayMicros} (0 for most) is how long it waits once ready, so a
   * task without dependencies is due that long after the start.
   */
  public record NewTask(String name, String queue, int dependencies, long delayMicros) {}

  /** A {@link NewTask}'s delay for a task never due by itself: one that waits for a signal. */
  public static final long NEVER_DUE = -1;

  /**
   * A run to insert, with its task rows; {@code callerContext} is null unless an interceptor gave
   * one.
   */
  public record NewRun(
      RunId id,
      String flow,
      String shapeHash,
      String inputJson,
      String key,
      long startedAt,
      List<NewTask> tasks,
      String callerContext) {}

  /**
   * Inserts runs and all their task rows: those without dependencies READY, the others PENDING with
   * the number of results they wait for.
   *
   * @return each new run's key, in the order of {@code runs}; empty for a run whose {@code key} is
   *     not null and a run of its flow has it already (nothing is written for it)
   */
  public List<Optional<Long>> insertRuns(List<NewRun> runs) {
    if (!postgres) {
      List<Optional<Long>> inserted = new ArrayList<>(runs.size());
      runs.forEach(run -> inserted.add(insertRun(run)));
      return inserted;
    }
    // One statement for all the runs of a group commit and their tasks: it commits itself when
    // the caller runs it outside a transaction (SharedStore.inOneStatement).
    List<String> ids = new ArrayList<>();
    List<String> flows = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    List<String> inputs = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    List<Long> starts = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    List<String> contexts = new ArrayList<>();
    List<String> taskRuns = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> queues = new ArrayList<>();
    List<String> states = new ArrayList<>();
    List<Long> readyAt = new ArrayList<>();
    List<String> versions = new ArrayList<>();
    List<Integer> waiting = new ArrayList<>();
    for (NewRun run : runs) {
      ids.add(run.id().value());
      flows.add(run.flow());
      hashes.add(run.shapeHash());
      inputs.add(run.inputJson());
      counts.add(run.tasks().size());
      starts.add(run.startedAt());
      keys.add(run.key());
      contexts.add(run.callerContext());
      String version = flowVersion(run.flow(), run.shapeHash());
      for (int index = 0; index < run.tasks().size(); index++) {
        NewTask task = run.tasks().get(index);
        boolean ready = task.dependencies() == 0;
        taskRuns.add(run.id().value());
        indexes.add(index);
        names.add(task.name());
        queues.add(task.queue());
        states.add(ready ? "READY" : "PENDING");
        readyAt.add(ready && task.delayMicros() >= 0 ? run.startedAt() + task.delayMicros() : null);
        versions.add(version);
        waiting.add(task.dependencies());
      }
    }
    Map<String, Long> seqs = new HashMap<>();
    handle
        .createQuery(
            "WITH new_runs AS (INSERT INTO runs (run_id, flow, shape_hash, state, input_json,"
                + " task_count, started_at, run_key, tasks_left, caller_context)"
                + " SELECT r.run_id, r.flow, r.shape_hash, 'RUNNING', r.input_json, r.task_count,"
                + " r.started_at, r.run_key, r.task_count, r.caller_context"
                + " FROM unnest(:ids, :flows, :hashes, :inputs, :counts, :starts, :keys,"
                + " :contexts) WITH ORDINALITY"
                + " AS r(run_id, flow, shape_hash, input_json, task_count, started_at, run_key,"
                + " caller_context, n)"
                + " ORDER BY r.n"
                + " ON CONFLICT (flow, run_key) WHERE run_key IS NOT NULL DO NOTHING"
                + " RETURNING run_id, run_seq),"
                // Only the tasks of the runs inserted: a keyed run that exists already keeps its
                // own.
                + " new_tasks AS (INSERT INTO tasks (task_key, name, queue, state, attempt,"
                + " ready_at, flow_version, deps_left)"
                + " SELECT n.run_seq * :span + t.index, t.name, t.queue, t.state, 0, t.ready_at,"
                + " t.flow_version, t.deps_left"
                + " FROM unnest(:taskRuns, :indexes, :names, :queues, :states, :readyAt,"
                + " :versions, :waiting)"
                + " AS t(run_id, index, name, queue, state, ready_at, flow_version, deps_left)"
                + " JOIN new_runs n ON n.run_id = t.run_id)"
                + " SELECT run_id, run_seq FROM new_runs")
        .bind("ids", array("text", ids))
        .bind("flows", array("text", flows))
        .bind("hashes", array("text", hashes))
        .bind("inputs", array("text", inputs))
        .bind("counts", array("integer", counts))
        .bind("starts", array("bigint", starts))
        .bind("keys", array("text", keys))
        .bind("contexts", array("text", contexts))
        .bind("span", (long) TaskKeys.MAX_TASKS)
        .bind("taskRuns", array("text", taskRuns))
        .bind("indexes", array("integer", indexes))
        .bind("names", array("text", names))
        .bind("queues", array("text", queues))
        .bind("states", array("text", states))
        .bind("readyAt", array("bigint", readyAt))
        .bind("versions", array("text", versions))
        .bind("waiting", array("integer", waiting))
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(entry -> seqs.put(entry.getKey(), entry.getValue()));
    List<Optional<Long>> inserted = new ArrayList<>(runs.size());
    for (NewRun run : runs) {
      inserted.add(Optional.ofNullable(seqs.get(run.id().value())));
    }
    return inserted;
  }

  private Optional<Long> insertRun(NewRun run) {
    List<NewTask> tasks = run.tasks();
    Optional<Long> runSeq =
        handle
            .createQuery(
                "INSERT INTO runs (run_id, flow, shape_hash, state, input_json, task_count,"
                    + " started_at, run_key, tasks_left, caller_context)"
                    + " VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (flow, run_key) WHERE run_key IS NOT NULL DO NOTHING"
                    + " RETURNING run_seq")
            .bind(0, run.id().value())
            .bind(1, run.flow())
            .bind(2, run.shapeHash())
            .bind(3, run.inputJson())
            .bind(4, tasks.size())
            .bind(5, run.startedAt())
            .bind(6, run.key())
            .bind(7, tasks.size())
            .bind(8, run.callerContext())
            .mapTo(Long.class)
            .findOne();
    if (runSeq.isEmpty()) {
      return runSeq;
    }
    PreparedBatch insert =
        handle.prepareBatch(
            "INSERT INTO tasks (task_key, name, queue, state, attempt, ready_at, flow_version,"
                + " deps_left) VALUES (?, ?, ?, ?, 0, ?, ?, ?)");
    String version = flowVersion(run.flow(), run.shapeHash());
    for (int index = 0; index < tasks.size(); index++) {
      NewTask task = tasks.get(index);
      boolean ready = task.dependencies() == 0;
      insert
          .bind(0, TaskKeys.key(runSeq.get(), index))
          .bind(1, task.name())
          .bind(2, task.queue())
          .bind(3, ready ? "READY" : "PENDING")
          .bind(
              4,
              ready && task.delayMicros() >= 0
                  ? (Long) (run.startedAt() + task.delayMicros())
                  : null)
          .bind(5, version)
          .bind(6, task.dependencies())
          .add();
    }
    insert.execute();
    return runSeq;
  }

  /** The run of {@code flow} started with the business key {@code key}, if one was. */
  public Optional<RunId> runByKey(String flow, String key) {
    return RunDao.byKey(handle, flow, key);
  }

  /** What a worker claims by: the flow's name and the hash of its graph's shape. */
  public static String flowVersion(String flow, String shapeHash) {
    return flow + "@" + shapeHash;
  }

  /** A task claimed for a worker. */
  public record Claimed(
      long taskKey, String flowVersion, String name, int attempt, String queue, long readyAt) {
    public long runSeq() {
      return taskKey >>> TaskKeys.INDEX_BITS;
    }

    public int index() {
      return (int) (taskKey & (TaskKeys.MAX_TASKS - 1));
    }
  }

  /** The tasks a claim took, and the rows of their runs by run key. */
  public record Claim(List<Claimed> tasks, Map<Long, RunRow> runs) {}

  /**
   * Claims up to {@code limit} READY tasks due by {@code now} on {@code queues} of the flow
   * versions {@code versions}, oldest first: each becomes RUNNING as its next attempt, under {@code
   * worker}, {@code token} and a lease until {@code leaseUntil}; returns them with their runs. On
   * PostgreSQL rows locked by another claim are skipped, not waited for, and the runs come in the
   * same statement.
   */
  public Claim claim(
      String worker,
      String token,
      Collection<String> queues,
      Collection<String> versions,
      int limit,
      long now,
      long leaseUntil) {
    // Lists, not arrays, even on PostgreSQL: a worker's one queue then reads as queue = ?, and the
    // claimable index gives the rows in ready_at order without a sort.
    String pick =
        "SELECT task_key FROM tasks WHERE state = 'READY' AND queue IN (<queues>)"
            + " AND flow_version IN (<versions>) AND ready_at <= :now ORDER BY ready_at LIMIT :limit";
    String set =
        " SET state = 'RUNNING', attempt = attempt + 1, worker = :worker, lease_token = :token,"
            + " lease_until = :until, started_at = :now, finished_at = NULL";
    String sql =
        postgres
            ? "WITH picked AS ("
                + pick
                + " FOR UPDATE SKIP LOCKED), claimed AS (UPDATE tasks t"
                + set
                + " FROM picked WHERE t.task_key = picked.task_key RETURNING t.task_key,"
                + " t.flow_version, t.name, t.attempt, t.queue, t.ready_at)"
                // Each task's run by its primary key: a LIMIT keeps the subquery a lookup per
                // task, which statistics of a table that grew since cannot turn into a scan.
                + " SELECT c.*, r.* FROM claimed c LEFT JOIN LATERAL (SELECT run_id, input_json,"
                + " state, parent_task FROM runs WHERE run_seq = c.task_key >> "
                + TaskKeys.INDEX_BITS
                + " LIMIT 1) r ON true"
            : "UPDATE tasks"
                + set
                + " WHERE task_key IN ("
                + pick
                + ") RETURNING task_key, flow_version, name, attempt, queue, ready_at";
    Map<Long, RunRow> runs = new HashMap<>();
    List<Claimed> tasks =
        handle
            .createQuery(sql)
            .bindList("queues", List.copyOf(queues))
            .bindList("versions", List.copyOf(versions))
            .bind("now", now)
            .bind("limit", limit)
            .bind("worker", worker)
            .bind("token", token)
            .bind("until", leaseUntil)
            .map(
                (rs, ctx) -> {
                  Claimed task =
                      new Claimed(
                          rs.getLong(1),
                          rs.getString(2),
                          rs.getString(3),
                          rs.getInt(4),
                          rs.getString(5),
                          rs.getLong(6));
                  if (postgres && !runs.containsKey(task.runSeq()) && rs.getString(7) != null) {
                    runs.put(task.runSeq(), runRow(task.runSeq(), rs, 7));
                  }
                  return task;
                })
            .list();
    if (!postgres && !tasks.isEmpty()) {
      runs.putAll(runs(tasks.stream().map(Claimed::runSeq).distinct().toList()));
    }
    return new Claim(tasks, runs);
  }

  /** Whether any task is claimable now on {@code queues} of {@code versions}: a cheap look. */
  public boolean anyClaimable(Collection<String> queues, Collection<String> versions, long now) {
    return handle
        .createQuery(
            "SELECT 1 FROM tasks WHERE state = 'READY' AND queue IN (<queues>)"
                + " AND flow_version IN (<versions>) AND ready_at <= :now LIMIT 1")
        .bindList("queues", List.copyOf(queues))
        .bindList("versions", List.copyOf(versions))
        .bind("now", now)
        .mapTo(Integer.class)
        .findOne()
        .isPresent();
  }

  /** The fields of a run a claimed task needs. */
  /** A run as a claim reads it; {@code child} for a run that a task started as its sub-flow. */
  public record RunRow(long runSeq, RunId id, String inputJson, RunState state, boolean child) {}

  private Map<Long, RunRow> runs(Collection<Long> runSeqs) {
    Map<Long, RunRow> runs = new HashMap<>();
    if (runSeqs.isEmpty()) {
      return runs;
    }
    bindIn(
            handle.createQuery(
                "SELECT run_seq, run_id, input_json, state, parent_task FROM runs WHERE "
                    + in("run_seq", "seqs")),
            "seqs",
            "bigint",
            runSeqs)
        .map((rs, ctx) -> runRow(rs.getLong(1), rs, 2))
        .forEach(run -> runs.put(run.runSeq(), run));
    return runs;
  }

  /** A run's row from {@code (run_id, input_json, state, parent_task)} at column {@code first}. */
  private static RunRow runRow(long runSeq, java.sql.ResultSet rs, int first)
      throws java.sql.SQLException {
    return new RunRow(
        runSeq,
        RunId.of(rs.getString(first)),
        rs.getString(first + 1),
        RunState.valueOf(rs.getString(first + 2)),
        rs.getObject(first + 3) != null);
  }

  /** The stored outputs of the SUCCEEDED tasks among {@code taskKeys}, by key. */
  public Map<Long, String> outputs(Collection<Long> taskKeys) {
    Map<Long, String> outputs = new HashMap<>();
    if (taskKeys.isEmpty()) {
      return outputs;
    }
    bindIn(
            handle.createQuery(
                "SELECT task_key, output_json FROM tasks WHERE "
                    + in("task_key", "keys")
                    + " AND state = 'SUCCEEDED'"),
            "keys",
            "bigint",
            taskKeys)
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
        .forEach(entry -> outputs.put(entry.getKey(), entry.getValue()));
    return outputs;
  }

  /** A claimed attempt's output, to record. */
  public record Success(
      long taskKey, String token, int attempt, String outputJson, long startedAt, long at) {}

  /**
   * Records the outputs of claimed attempts in one batch; an element is false where the lease was
   * lost (nothing is written for it).
   */
  public boolean[] succeed(List<Success> successes) {
    boolean[] applied = new boolean[successes.size()];
    if (successes.isEmpty()) {
      return applied;
    }
    if (postgres) {
      // One statement for the whole turn: PostgreSQL plans each execution, and a batch is one
      // execution per row.
      List<Long> keys = new ArrayList<>(successes.size());
      List<String> tokens = new ArrayList<>(successes.size());
      List<Integer> attempts = new ArrayList<>(successes.size());
      List<String> outputs = new ArrayList<>(successes.size());
      List<Long> started = new ArrayList<>(successes.size());
      List<Long> finished = new ArrayList<>(successes.size());
      for (Success success : successes) {
        keys.add(success.taskKey());
        tokens.add(success.token());
        attempts.add(success.attempt());
        outputs.add(success.outputJson());
        started.add(success.startedAt());
        finished.add(success.at());
      }
      // The element's position, not the task key, says which was written: two attempts of one
      // task (a lease this worker lost and claimed again) may end in the same turn.
      List<Integer> written =
          handle
              .createQuery(
                  "UPDATE tasks t SET state = 'SUCCEEDED', output_json = s.output,"
                      + " started_at = s.started_at, finished_at = s.finished_at,"
                      + " lease_token = NULL, lease_until = NULL"
                      + " FROM unnest(:keys, :tokens, :attempts, :outputs, :started, :finished)"
                      + " WITH ORDINALITY"
                      + " AS s(task_key, token, attempt, output, started_at, finished_at, n)"
                      + " WHERE t.task_key = s.task_key AND t.state = 'RUNNING'"
                      + " AND t.lease_token = s.token AND t.attempt = s.attempt"
                      + " RETURNING s.n")
              .bind("keys", array("bigint", keys))
              .bind("tokens", array("text", tokens))
              .bind("attempts", array("integer", attempts))
              .bind("outputs", array("text", outputs))
              .bind("started", array("bigint", started))
              .bind("finished", array("bigint", finished))
              .mapTo(Integer.class)
              .list();
      for (int n : written) {
        applied[n - 1] = true;
      }
      return applied;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "UPDATE tasks SET state = 'SUCCEEDED', output_json = ?, started_at = ?,"
                + " finished_at = ?, lease_token = NULL, lease_until = NULL"
                + " WHERE task_key = ? AND state = 'RUNNING' AND lease_token = ? AND attempt = ?");
    for (Success success : successes) {
      batch
          .bind(0, success.outputJson())
          .bind(1, success.startedAt())
          .bind(2, success.at())
          .bind(3, success.taskKey())
          .bind(4, success.token())
          .bind(5, success.attempt())
          .add();
    }
    int[] counts = batch.execute();
    for (int i = 0; i < counts.length; i++) {
      applied[i] = counts[i] == 1;
    }
    return applied;
  }

  /**
   * Records a claimed attempt's final failure, on its row and, like every failed attempt, in the
   * attempts table (as the embedded engine does); false if the lease was lost (nothing is written).
   */
  public boolean fail(
      long taskKey,
      String token,
      int attempt,
      TaskError error,
      long startedAt,
      long at,
      String worker) {
    boolean fenced =
        handle
                .createUpdate(
                    "UPDATE tasks SET state = 'FAILED', started_at = ?, finished_at = ?,"
                        + " error_type = ?, error_message = ?, error_stack = ?, lease_token = NULL,"
                        + " lease_until = NULL"
                        + " WHERE task_key = ? AND state = 'RUNNING' AND lease_token = ? AND attempt = ?")
                .bind(0, startedAt)
                .bind(1, at)
                .bind(2, error.type())
                .bind(3, error.message())
                .bind(4, error.stackTrace())
                .bind(5, taskKey)
                .bind(6, token)
                .bind(7, attempt)
                .execute()
            == 1;
    if (fenced) {
      insertAttempt(taskKey, attempt, outcomeOf(error), startedAt, at, worker, error, false);
    }
    return fenced;
  }

  private static Long nullableLong(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  /** How an attempt that ended with {@code error} is kept: timed out, or failed. */
  private static AttemptRecord.Outcome outcomeOf(TaskError error) {
    return dev.hypha.runtime.TaskTimeoutException.class.getName().equals(error.type())
            || dev.hypha.runtime.RunDeadlineExceededException.class.getName().equals(error.type())
        ? AttemptRecord.Outcome.TIMED_OUT
        : AttemptRecord.Outcome.FAILED;
  }

  /**
   * Records a claimed attempt that failed with another to come at {@code readyAt}: the attempt goes
   * to the attempts table and the task is READY again. False if the lease was lost.
   */
  public boolean retry(
      long taskKey,
      String token,
      int attempt,
      AttemptRecord.Outcome outcome,
      TaskError error,
      long startedAt,
      long at,
      String worker,
      long readyAt) {
    boolean fenced =
        handle
                .createUpdate(
                    "UPDATE tasks SET state = 'READY', ready_at = ?, lease_token = NULL,"
                        + " lease_until = NULL, error_type = NULL, error_message = NULL,"
                        + " error_stack = NULL WHERE task_key = ? AND state = 'RUNNING'"
                        + " AND lease_token = ? AND attempt = ?")
                .bind(0, readyAt)
                .bind(1, taskKey)
                .bind(2, token)
                .bind(3, attempt)
                .execute()
            == 1;
    if (fenced) {
      insertAttempt(taskKey, attempt, outcome, startedAt, at, worker, error, false);
    }
    return fenced;
  }

  /**
   * Keeps an attempt without a result in the history; {@code ifAbsent} leaves a row already there
   * (an attempt a retry finds recorded) as it is instead of failing.
   */
  private void insertAttempt(
      long taskKey,
      int attempt,
      AttemptRecord.Outcome outcome,
      Long startedAt,
      Long finishedAt,
      String worker,
      TaskError error,
      boolean ifAbsent) {
    handle
        .createUpdate(
            "INSERT INTO attempts (task_key, attempt, outcome, started_at, finished_at, worker,"
                + " error_type, error_message, error_stack) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + (ifAbsent ? " ON CONFLICT DO NOTHING" : ""))
        .bind(0, taskKey)
        .bind(1, attempt)
        .bind(2, outcome.name())
        .bind(3, startedAt)
        .bind(4, finishedAt)
        .bind(5, worker)
        .bind(6, error == null ? null : error.type())
        .bind(7, error == null ? null : error.message())
        .bind(8, error == null ? null : error.stackTrace())
        .execute();
  }

  /** What the store holds of a task whose completion was refused, to say why. */
  public Optional<String> describeTask(long taskKey) {
    return handle
        .createQuery("SELECT state, attempt, worker FROM tasks WHERE task_key = ?")
        .bind(0, taskKey)
        .map(
            (rs, ctx) ->
                rs.getString(1) + " as attempt " + rs.getInt(2) + " of worker " + rs.getString(3))
        .findOne();
  }

  /**
   * {@code arrived} results for each task key (in ascending order of keys, so that concurrent
   * transactions lock rows in one order): a PENDING task whose last inputs arrived becomes READY,
   * due {@code now}, or {@code now} plus its delay for a key in {@code delayMicros}, and not before
   * its {@code not_before}. {@code notBefore} (epoch microseconds, by key) records the instants
   * that tasks waiting until a dependency's output will not start before, in the same statement: a
   * later commit that makes them ready reads it.
   */
  public void resultArrived(
      java.util.SortedMap<Long, Integer> arrived,
      long now,
      Map<Long, Long> delayMicros,
      Map<Long, Long> notBefore) {
    if (arrived.isEmpty()) {
      return;
    }
    boolean delays = !delayMicros.isEmpty();
    boolean instants = !notBefore.isEmpty();
    String set =
        " SET deps_left = deps_left - %1$s,"
            + " state = CASE WHEN deps_left = %1$s THEN 'READY' ELSE state END,"
            + " ready_at = CASE WHEN deps_left = %1$s THEN %2$s ELSE ready_at END"
            + (instants ? ", not_before = COALESCE(%3$s, not_before)" : "");
    if (postgres) {
      String due = delays ? ":now + s.d" : ":now";
      String notBeforeNow =
          instants ? "COALESCE(s.nb, t.not_before, 0)" : "COALESCE(t.not_before, 0)";
      List<String> columns = new ArrayList<>(List.of("task_key", "n"));
      List<String> arrays = new ArrayList<>(List.of(":keys", ":counts"));
      if (delays) {
        columns.add("d");
        arrays.add(":delays");
      }
      if (instants) {
        columns.add("nb");
        arrays.add(":instants");
      }
      var update =
          handle
              .createUpdate(
                  "UPDATE tasks t"
                      + String.format(
                          set, "s.n", "GREATEST(" + due + ", " + notBeforeNow + ")", "s.nb")
                      + " FROM unnest("
                      + String.join(", ", arrays)
                      + ") AS s("
                      + String.join(", ", columns)
                      + ") WHERE t.task_key = s.task_key AND t.state = 'PENDING'")
              .bind("now", now)
              .bind("keys", array("bigint", List.copyOf(arrived.keySet())))
              .bind("counts", array("integer", List.copyOf(arrived.values())));
      if (delays) {
        List<Long> each = new ArrayList<>(arrived.size());
        arrived.keySet().forEach(key -> each.add(delayMicros.getOrDefault(key, 0L)));
        update.bind("delays", array("bigint", each));
      }
      if (instants) {
        List<Long> each = new ArrayList<>(arrived.size());
        arrived.keySet().forEach(key -> each.add(notBefore.get(key)));
        update.bind("instants", array("bigint", each));
      }
      update.execute();
      return;
    }
    PreparedBatch update =
        handle.prepareBatch(
            "UPDATE tasks"
                + String.format(
                    set,
                    ":n",
                    instants
                        ? "MAX(:due, COALESCE(:nb, not_before, 0))"
                        : "MAX(:due, COALESCE(not_before, 0))",
                    ":nb")
                + " WHERE task_key = :key AND state = 'PENDING'");
    arrived.forEach(
        (key, count) -> {
          update.bind("n", count).bind("due", now + delayMicros.getOrDefault(key, 0L));
          if (instants) {
            update.bind("nb", notBefore.get(key));
          }
          update.bind("key", key).add();
        });
    update.execute();
  }

  /** Marks the PENDING tasks of {@code taskKeys} SKIPPED; returns how many were. */
  public int skip(long[] taskKeys, long at) {
    List<Long> keys = new ArrayList<>(taskKeys.length);
    for (long key : taskKeys) {
      keys.add(key);
    }
    return skipPending(keys, at, null).size();
  }

  /**
   * Marks the PENDING tasks of {@code taskKeys} (ascending) SKIPPED as branches not taken; returns
   * the keys of those that were, in ascending order.
   */
  public List<Long> notTaken(List<Long> taskKeys, long at) {
    return skipPending(taskKeys, at, SkipReason.NOT_TAKEN);
  }

  /**
   * Marks the PENDING tasks of {@code taskKeys} SKIPPED, with {@code reason} unless it is the
   * default ({@code null}: upstream failed); returns the keys of those that were, ascending.
   */
  private List<Long> skipPending(List<Long> taskKeys, long at, SkipReason reason) {
    if (taskKeys.isEmpty()) {
      return List.of();
    }
    List<Long> skipped =
        new ArrayList<>(
            bindIn(
                    handle
                        .createQuery(
                            "UPDATE tasks SET state = 'SKIPPED',"
                                + (reason == null ? "" : " skip_reason = '" + reason.name() + "',")
                                + " finished_at = :at WHERE "
                                + in("task_key", "keys")
                                + " AND state = 'PENDING' RETURNING task_key")
                        .bind("at", at),
                    "keys",
                    "bigint",
                    taskKeys)
                .mapTo(Long.class)
                .list());
    java.util.Collections.sort(skipped);
    return skipped;
  }

  /**
   * How many tasks the counted runs still RUNNING have left, by run key; and for those with none
   * left, their first FAILED task's error, if they have one.
   */
  public record Counted(Map<Long, Integer> left, Map<Long, TaskError> failures) {}

  /**
   * Counts tasks of RUNNING runs as ended: {@code ended} maps run keys to how many ended. Looks up
   * the first failure of each run this leaves with no task to go (on PostgreSQL in the same
   * statement), for it to end.
   */
  public Counted tasksEnded(Map<Long, Integer> ended) {
    Map<Long, Integer> left = new HashMap<>();
    Map<Long, TaskError> failures = new HashMap<>();
    if (ended.isEmpty()) {
      return new Counted(left, failures);
    }
    List<Long> runs = new ArrayList<>(ended.keySet());
    java.util.Collections.sort(runs);
    if (postgres) {
      List<Integer> counts = new ArrayList<>(runs.size());
      runs.forEach(run -> counts.add(ended.get(run)));
      handle
          .createQuery(
              "WITH counted AS (UPDATE runs r SET tasks_left = CASE WHEN r.state = 'RUNNING'"
                  + " THEN r.tasks_left - s.n ELSE r.tasks_left END"
                  + " FROM unnest(:seqs, :counts) AS s(run_seq, n) WHERE r.run_seq = s.run_seq"
                  + " RETURNING r.run_seq, r.tasks_left, r.state)"
                  // The failures this transaction recorded are seen: the statement's snapshot
                  // holds its earlier statements. A lateral subquery per run reads that run's
                  // rows through the primary key, whatever the statistics say.
                  + " SELECT c.run_seq, c.tasks_left, c.state, f.* FROM counted c"
                  + " LEFT JOIN LATERAL (SELECT name, error_type, error_message, error_stack"
                  + " FROM tasks t WHERE c.tasks_left = 0 AND c.state = 'RUNNING'"
                  + " AND t.task_key BETWEEN c.run_seq * :span AND c.run_seq * :span + (:span - 1)"
                  + " AND t.state = 'FAILED' ORDER BY t.finished_at, t.task_key LIMIT 1) f ON true")
          .bind("seqs", array("bigint", runs))
          .bind("counts", array("integer", counts))
          .bind("span", (long) TaskKeys.MAX_TASKS)
          .map(
              (rs, ctx) -> {
                if (rs.getString(4) != null) {
                  failures.put(rs.getLong(1), failure(rs, 4));
                }
                return stillRunning(rs);
              })
          .forEach(entry -> putLeft(left, entry));
      return new Counted(left, failures);
    }
    // A CASE over the keys and an IN list of primary keys only, so that both databases look the
    // runs up by key whatever the plan (a join with a VALUES list made PostgreSQL scan the whole
    // table, and a state condition could lead it through every RUNNING run).
    StringBuilder cases = new StringBuilder();
    StringBuilder keys = new StringBuilder();
    for (int i = 0; i < runs.size(); i++) {
      cases.append(" WHEN ? THEN ?");
      keys.append(i == 0 ? "?" : ", ?");
    }
    var update =
        handle.createQuery(
            "UPDATE runs SET tasks_left = CASE WHEN state = 'RUNNING' THEN tasks_left - CASE"
                + " run_seq"
                + cases
                + " END ELSE tasks_left END WHERE run_seq IN ("
                + keys
                + ") RETURNING run_seq, tasks_left, state");
    int position = 0;
    for (long run : runs) {
      update.bind(position++, run).bind(position++, (long) ended.get(run));
    }
    for (long run : runs) {
      update.bind(position++, run);
    }
    update.map((rs, ctx) -> stillRunning(rs)).forEach(entry -> putLeft(left, entry));
    for (Map.Entry<Long, Integer> run : left.entrySet()) {
      if (run.getValue() == 0) {
        firstFailure(TaskKeys.first(run.getKey()), TaskKeys.last(run.getKey()))
            .ifPresent(error -> failures.put(run.getKey(), error));
      }
    }
    return new Counted(left, failures);
  }

  /** A run's key and tasks left from {@code (run_seq, tasks_left, state)}; null once it ended. */
  private static Map.Entry<Long, Integer> stillRunning(java.sql.ResultSet rs)
      throws java.sql.SQLException {
    return "RUNNING".equals(rs.getString(3)) ? Map.entry(rs.getLong(1), rs.getInt(2)) : null;
  }

  private static void putLeft(Map<Long, Integer> left, Map.Entry<Long, Integer> entry) {
    if (entry != null) {
      left.put(entry.getKey(), entry.getValue());
    }
  }

  private static TaskError failure(java.sql.ResultSet rs, int first) throws java.sql.SQLException {
    return new TaskError(
        rs.getString(first),
        rs.getString(first + 1),
        rs.getString(first + 2),
        rs.getString(first + 3));
  }

  /** How a RUNNING run ends: its state, and its result or its first error. */
  public record Finish(
      long runSeq, RunState state, String resultJson, TaskError error, long finishedAt) {}

  /**
   * Ends RUNNING runs, each with its result or its first error (in one statement on PostgreSQL).
   * The runs must be ones that {@link #tasksEnded} of this transaction returned as RUNNING.
   */
  public void finishRuns(List<Finish> finishes) {
    if (finishes.isEmpty()) {
      return;
    }
    if (postgres) {
      List<Long> seqs = new ArrayList<>();
      List<String> states = new ArrayList<>();
      List<String> results = new ArrayList<>();
      List<String> errorTasks = new ArrayList<>();
      List<String> errorTypes = new ArrayList<>();
      List<String> errorMessages = new ArrayList<>();
      List<Long> times = new ArrayList<>();
      for (Finish finish : finishes) {
        TaskError error = finish.error();
        seqs.add(finish.runSeq());
        states.add(finish.state().name());
        results.add(finish.resultJson());
        errorTasks.add(error == null ? null : error.task());
        errorTypes.add(error == null ? null : error.type());
        errorMessages.add(error == null ? null : error.message());
        times.add(finish.finishedAt());
      }
      handle
          .createUpdate(
              "UPDATE runs r SET state = f.state, result_json = f.result, error_task = f.error_task,"
                  + " error_type = f.error_type, error_message = f.error_message,"
                  + " finished_at = f.finished_at"
                  + " FROM unnest(:seqs, :states, :results, :errorTasks, :errorTypes,"
                  + " :errorMessages, :times)"
                  + " AS f(run_seq, state, result, error_task, error_type, error_message, finished_at)"
                  // No state condition: tasksEnded, earlier in this transaction, locked these
                  // rows and saw them RUNNING, so no cancel can have ended them since; and with
                  // one, statistics that thought few runs RUNNING led PostgreSQL through every
                  // RUNNING run by the state index.
                  + " WHERE r.run_seq = f.run_seq")
          .bind("seqs", array("bigint", seqs))
          .bind("states", array("text", states))
          .bind("results", array("text", results))
          .bind("errorTasks", array("text", errorTasks))
          .bind("errorTypes", array("text", errorTypes))
          .bind("errorMessages", array("text", errorMessages))
          .bind("times", array("bigint", times))
          .execute();
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "UPDATE runs SET state = ?, result_json = ?, error_task = ?, error_type = ?,"
                + " error_message = ?, finished_at = ? WHERE run_seq = ? AND state = 'RUNNING'");
    for (Finish finish : finishes) {
      TaskError error = finish.error();
      batch
          .bind(0, finish.state().name())
          .bind(1, finish.resultJson())
          .bind(2, error == null ? null : error.task())
          .bind(3, error == null ? null : error.type())
          .bind(4, error == null ? null : error.message())
          .bind(5, finish.finishedAt())
          .bind(6, finish.runSeq())
          .add();
    }
    batch.execute();
  }

  /** A RUNNING task whose lease ran out. */
  public record Expired(
      long taskKey, String token, int attempt, String worker, Long startedAt, String name) {}

  /** Up to {@code limit} tasks whose lease ended before {@code now}. */
  public List<Expired> expired(long now, int limit) {
    return handle
        .createQuery(
            "SELECT task_key, lease_token, attempt, worker, started_at, name FROM tasks"
                + " WHERE state = 'RUNNING' AND lease_until IS NOT NULL AND lease_until < ?"
                + " ORDER BY lease_until LIMIT ?"
                + (postgres ? " FOR UPDATE SKIP LOCKED" : ""))
        .bind(0, now)
        .bind(1, limit)
        .map(
            (rs, ctx) -> {
              long startedAt = rs.getLong(5);
              return new Expired(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getInt(3),
                  rs.getString(4),
                  rs.wasNull() ? null : startedAt,
                  rs.getString(6));
            })
        .list();
  }

  /**
   * Makes an expired task READY again, its attempt recorded as INTERRUPTED: the next claim runs it
   * as a new attempt with the same idempotency key. False if it is no longer that attempt.
   */
  public boolean requeue(Expired task, long now) {
    boolean fenced =
        handle
                .createUpdate(
                    "UPDATE tasks SET state = 'READY', ready_at = ?, lease_token = NULL,"
                        + " lease_until = NULL WHERE task_key = ? AND state = 'RUNNING'"
                        + " AND lease_token = ? AND attempt = ?")
                .bind(0, now)
                .bind(1, task.taskKey())
                .bind(2, task.token())
                .bind(3, task.attempt())
                .execute()
            == 1;
    if (fenced) {
      insertAttempt(
          task.taskKey(),
          task.attempt(),
          AttemptRecord.Outcome.INTERRUPTED,
          task.startedAt(),
          // When it was taken over (or given back), as the embedded engine records the end of an
          // attempt cut short; a NULL would read as the epoch.
          now,
          task.worker(),
          null,
          false);
    }
    return fenced;
  }

  /** Extends the leases {@code tokens} of tasks still RUNNING under them until {@code until}. */
  public int heartbeat(Collection<String> tokens, long until) {
    if (tokens.isEmpty()) {
      return 0;
    }
    return bindIn(
            handle
                .createUpdate(
                    // The lease condition lets both databases read only the leased rows through
                    // the tasks_leased index; without it PostgreSQL scanned the whole table.
                    "UPDATE tasks SET lease_until = :until WHERE "
                        + in("lease_token", "tokens")
                        + " AND state = 'RUNNING' AND lease_until IS NOT NULL")
                .bind("until", until),
            "tokens",
            "text",
            tokens)
        .execute();
  }

  /** Records that {@code worker}, hosting {@code queues}, is alive at {@code now}. */
  public void workerSeen(String worker, String queues, long now, boolean starting) {
    if (starting) {
      handle
          .createUpdate(
              "INSERT INTO workers (worker, queues, started_at, seen_at) VALUES (?, ?, ?, ?)"
                  + " ON CONFLICT (worker) DO UPDATE SET queues = excluded.queues,"
                  + " started_at = excluded.started_at, seen_at = excluded.seen_at,"
                  + " stopped_at = NULL")
          .bind(0, worker)
          .bind(1, queues)
          .bind(2, now)
          .bind(3, now)
          .execute();
    } else {
      handle
          .createUpdate("UPDATE workers SET seen_at = ? WHERE worker = ?")
          .bind(0, now)
          .bind(1, worker)
          .execute();
    }
  }

  /** Records that {@code worker} stopped. */
  public void workerStopped(String worker, long now) {
    handle
        .createUpdate("UPDATE workers SET stopped_at = ?, seen_at = ? WHERE worker = ?")
        .bind(0, now)
        .bind(1, now)
        .bind(2, worker)
        .execute();
  }

  /**
   * Gives back a task claimed ahead that its worker never began: READY again, with the attempt
   * number it had before the claim.
   */
  public void release(long taskKey, String token, int attempt, long now) {
    handle
        .createUpdate(
            "UPDATE tasks SET state = 'READY', attempt = attempt - 1, ready_at = ?,"
                + " lease_token = NULL, lease_until = NULL, started_at = NULL"
                + " WHERE task_key = ? AND state = 'RUNNING' AND lease_token = ? AND attempt = ?")
        .bind(0, now)
        .bind(1, taskKey)
        .bind(2, token)
        .bind(3, attempt)
        .execute();
  }

  /**
   * Cancels a RUNNING run and its unfinished tasks; false if it had ended. A worker still running
   * one of its tasks finds its completion refused.
   */
  /**
   * The run {@code runSeq}'s state, its row locked on PostgreSQL until the transaction ends: what a
   * signal takes turns with, as the commit that makes a task READY locks its run's row too
   * (counting its ended tasks) before it looks for signals. Empty for no such run.
   */
  public Optional<RunState> lockRun(long runSeq) {
    return handle
        .createQuery("SELECT state FROM runs WHERE run_seq = ?" + (postgres ? " FOR UPDATE" : ""))
        .bind(0, runSeq)
        .mapTo(String.class)
        .findOne()
        .map(RunState::valueOf);
  }

  /**
   * For a retry: makes the FAILED run {@code runSeq} of {@code flow} RUNNING again, with its row
   * locked. Its FAILED task rows and those SKIPPED because a dependency failed go back to READY
   * (due {@code now}) when their dependencies have their outputs, else to PENDING counting the
   * dependencies still to come. Attempt numbers stay, so the next claim numbers its attempt after
   * the failed ones; a failed row's last attempt, which only its row held, moves to the attempts
   * table. False if the run was not FAILED.
   */
  public boolean reopen(long runSeq, dev.hypha.runtime.spi.FlowDescriptor flow, long now) {
    if (lockRun(runSeq).orElse(null) != RunState.FAILED) {
      return false;
    }
    record Row(
        int index,
        String state,
        String skipReason,
        int attempt,
        Long startedAt,
        Long finishedAt,
        String worker,
        TaskError error) {}
    List<Row> rows =
        handle
            .createQuery(
                "SELECT task_key, state, skip_reason, attempt, started_at, finished_at, worker,"
                    + " error_type, error_message, error_stack FROM tasks"
                    + " WHERE task_key BETWEEN ? AND ? AND kind = 'TASK' ORDER BY task_key")
            .bind(0, TaskKeys.first(runSeq))
            .bind(1, TaskKeys.last(runSeq))
            .map(
                (rs, ctx) ->
                    new Row(
                        TaskKeys.index(rs.getLong(1)),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        nullableLong(rs, 5),
                        nullableLong(rs, 6),
                        rs.getString(7),
                        rs.getString(8) == null
                            ? null
                            : new TaskError(
                                "", rs.getString(8), rs.getString(9), rs.getString(10))))
            .list();
    String[] states = new String[flow.tasks().size()];
    boolean[] reset = new boolean[states.length];
    for (Row row : rows) {
      if (row.index() >= states.length) {
        continue; // a fan-out's instance; flows with fan-outs are not retried
      }
      states[row.index()] = row.state();
      reset[row.index()] =
          row.state().equals("FAILED")
              || (row.state().equals("SKIPPED")
                  && !SkipReason.NOT_TAKEN.name().equals(row.skipReason()));
    }
    int reopened = 0;
    for (Row row : rows) {
      if (row.index() >= states.length || !reset[row.index()]) {
        continue;
      }
      if (row.state().equals("FAILED") && row.error() != null) {
        // Rows written before failures were kept as attempts hold their last one only here.
        insertAttempt(
            TaskKeys.key(runSeq, row.index()),
            row.attempt(),
            outcomeOf(row.error()),
            row.startedAt(),
            row.finishedAt(),
            row.worker(),
            row.error(),
            true);
      }
      int waiting = 0;
      for (int dependency : flow.dependencies(row.index())) {
        String state = states[dependency];
        boolean arrived =
            !reset[dependency]
                && ("SUCCEEDED".equals(state)
                    || "RECOVERED".equals(state)
                    || "SKIPPED".equals(state));
        if (!arrived) {
          waiting++;
        }
      }
      handle
          .createUpdate(
              "UPDATE tasks SET state = ?, deps_left = ?, ready_at = ?, started_at = NULL,"
                  + " finished_at = NULL, worker = NULL, error_type = NULL, error_message = NULL,"
                  + " error_stack = NULL, skip_reason = NULL, lease_token = NULL,"
                  + " lease_until = NULL WHERE task_key = ?")
          .bind(0, waiting == 0 ? "READY" : "PENDING")
          .bind(1, waiting)
          .bind(2, waiting == 0 ? (Long) now : null)
          .bind(3, TaskKeys.key(runSeq, row.index()))
          .execute();
      reopened++;
    }
    handle
        .createUpdate(
            "UPDATE runs SET state = 'RUNNING', finished_at = NULL, result_json = NULL,"
                + " error_task = NULL, error_type = NULL, error_message = NULL,"
                + " tasks_left = tasks_left + ? WHERE run_seq = ?")
        .bind(0, reopened)
        .bind(1, runSeq)
        .execute();
    return true;
  }

  /** Records a signal to the running run {@code runSeq}, whose row this transaction locked. */
  public void insertSignal(long runSeq, String name, String json, long now) {
    SignalDao.insert(handle, runSeq, name, json, now);
  }

  /** The signals sent to the run {@code runSeq}, in the order they came. */
  public List<StoredSignal> signals(long runSeq) {
    return SignalDao.ofRun(handle, runSeq);
  }

  /**
   * A task row that waits for its signal: READY, not begun, without a payload. {@code readyAt} is
   * when its timeout ends, 0 for none.
   */
  public record Waiting(long taskKey, long readyAt) {}

  /** Those of {@code taskKeys} that wait for their signal, locked on PostgreSQL. */
  public List<Waiting> waitingForSignals(Collection<Long> taskKeys) {
    if (taskKeys.isEmpty()) {
      return List.of();
    }
    return bindIn(
            handle.createQuery(
                "SELECT task_key, ready_at FROM tasks WHERE "
                    + in("task_key", "keys")
                    + " AND state = 'READY' AND attempt = 0 AND input_json IS NULL ORDER BY task_key"
                    + (postgres ? " FOR UPDATE" : "")),
            "keys",
            "bigint",
            taskKeys)
        .map((rs, ctx) -> new Waiting(rs.getLong(1), rs.getLong(2)))
        .list();
  }

  /** The waiting task {@code taskKey} takes the signal {@code json}: it is due at once. */
  public void takeSignal(long taskKey, String json, long now) {
    handle
        .createUpdate("UPDATE tasks SET input_json = ?, ready_at = ? WHERE task_key = ?")
        .bind(0, json)
        .bind(1, now)
        .bind(2, taskKey)
        .execute();
  }

  /** The waiting task {@code taskKey} has no timeout: never due without its signal. */
  public void neverDue(long taskKey) {
    handle
        .createUpdate("UPDATE tasks SET ready_at = NULL WHERE task_key = ?")
        .bind(0, taskKey)
        .execute();
  }

  public boolean cancel(long runSeq, long at) {
    // Tasks before the run, as completions lock them (an ended run has no unfinished task).
    TaskDao.cancelUnfinished(handle, runSeq, at);
    boolean cancelled = RunDao.cancel(handle, runSeq, at);
    if (cancelled) {
      // Its children with it; and a parent waiting for it collects its end.
      for (long child : runningChildren(runSeq)) {
        cancel(child, at);
      }
      childrenEnded(List.of(runSeq), at);
    }
    return cancelled;
  }

  /** The RUNNING child runs of run {@code runSeq}. */
  private List<Long> runningChildren(long runSeq) {
    return handle
        .createQuery(
            "SELECT run_seq FROM runs WHERE parent_task BETWEEN ? AND ? AND state = 'RUNNING'")
        .bind(0, TaskKeys.first(runSeq))
        .bind(1, TaskKeys.last(runSeq))
        .mapTo(Long.class)
        .list();
  }

  /**
   * Starts the child run {@code child} of the task {@code taskKey} that this worker claimed (its
   * lease {@code token} and {@code attempt}), or finds the one started with its key before: the
   * task stays RUNNING without a lease, its row keeping the child's id, until the child ends. Empty
   * if the lease was lost (nothing is written).
   */
  public Optional<RunId> startChild(long taskKey, String token, int attempt, NewRun child) {
    if (!awaitChild(taskKey, token, attempt)) {
      return Optional.empty();
    }
    RunId id =
        insertRuns(List.of(child)).get(0).isPresent()
            ? child.id()
            : runByKey(child.flow(), child.key()).orElseThrow();
    handle
        .createUpdate("UPDATE runs SET parent_task = ? WHERE run_id = ? AND parent_task IS NULL")
        .bind(0, taskKey)
        .bind(1, id.value())
        .execute();
    handle
        .createUpdate("UPDATE tasks SET input_json = ? WHERE task_key = ?")
        .bind(0, TaskKeys.childJson(id))
        .bind(1, taskKey)
        .execute();
    return Optional.of(id);
  }

  /**
   * The task {@code taskKey}, claimed by this worker, waits for its child run: RUNNING without a
   * lease, so that no reaper takes it. False if the lease was lost.
   */
  public boolean awaitChild(long taskKey, String token, int attempt) {
    return handle
            .createUpdate(
                "UPDATE tasks SET lease_token = NULL, lease_until = NULL WHERE task_key = ?"
                    + " AND state = 'RUNNING' AND lease_token = ? AND attempt = ?")
            .bind(0, taskKey)
            .bind(1, token)
            .bind(2, attempt)
            .execute()
        == 1;
  }

  /**
   * The runs {@code runSeqs} ended: the tasks waiting for them as their children are READY again,
   * for a worker of their flow to collect the children's ends. Returns how many.
   */
  public int childrenEnded(Collection<Long> runSeqs, long now) {
    if (runSeqs.isEmpty()) {
      return 0;
    }
    return bindIn(
            handle
                .createUpdate(
                    "UPDATE tasks SET state = 'READY', ready_at = :now WHERE state = 'RUNNING'"
                        + " AND lease_token IS NULL AND task_key IN (SELECT parent_task FROM runs"
                        + " WHERE "
                        + in("run_seq", "runs")
                        + " AND parent_task IS NOT NULL)")
                .bind("now", now),
            "runs",
            "bigint",
            runSeqs)
        .execute();
  }

  /**
   * Starts the instances of a fan-out whose task ({@code taskKey}) this worker claimed: the task
   * stays RUNNING without a lease, waiting for {@code elements.size()} instances, whose rows are
   * inserted from {@code firstKey} on, named {@code name[i]}, each with its element; the first
   * {@code readyCount} are READY, the rest PENDING until an instance ends. False if the lease was
   * lost (nothing is written).
   */
  public boolean expand(
      long taskKey,
      String token,
      int attempt,
      String name,
      String queue,
      String flowVersion,
      long firstKey,
      List<String> elements,
      int readyCount,
      long now) {
    boolean applied =
        handle
                .createUpdate(
                    "UPDATE tasks SET deps_left = ?, next_instance = ?, lease_token = NULL,"
                        + " lease_until = NULL WHERE task_key = ? AND state = 'RUNNING'"
                        + " AND lease_token = ? AND attempt = ?")
                .bind(0, elements.size())
                .bind(1, readyCount)
                .bind(2, taskKey)
                .bind(3, token)
                .bind(4, attempt)
                .execute()
            == 1;
    if (applied) {
      insertInstances(name, 0, queue, flowVersion, firstKey, elements, readyCount, now);
    }
    return applied;
  }

  /**
   * Inserts instance rows from {@code firstKey} on, named {@code name[firstNumber]} on, each with
   * its element; the first {@code readyCount} READY, the rest PENDING.
   */
  public void insertInstances(
      String name,
      int firstNumber,
      String queue,
      String flowVersion,
      long firstKey,
      List<String> elements,
      int readyCount,
      long now) {
    if (postgres) {
      List<Long> keys = new ArrayList<>(elements.size());
      List<String> names = new ArrayList<>(elements.size());
      List<String> states = new ArrayList<>(elements.size());
      List<Long> readyAt = new ArrayList<>(elements.size());
      for (int i = 0; i < elements.size(); i++) {
        keys.add(firstKey + i);
        names.add(TaskKeys.instanceName(name, firstNumber + i));
        states.add(i < readyCount ? "READY" : "PENDING");
        readyAt.add(i < readyCount ? now : null);
      }
      handle
          .createUpdate(
              "INSERT INTO tasks (task_key, name, queue, state, attempt, ready_at, flow_version,"
                  + " deps_left, input_json)"
                  + " SELECT e.task_key, e.name, :queue, e.state, 0, e.ready_at, :version, 0,"
                  + " e.input FROM unnest(:keys, :names, :states, :readyAt, :inputs)"
                  + " AS e(task_key, name, state, ready_at, input)")
          .bind("queue", queue)
          .bind("version", flowVersion)
          .bind("keys", array("bigint", keys))
          .bind("names", array("text", names))
          .bind("states", array("text", states))
          .bind("readyAt", array("bigint", readyAt))
          .bind("inputs", array("text", elements))
          .execute();
      return;
    }
    PreparedBatch insert =
        handle.prepareBatch(
            "INSERT INTO tasks (task_key, name, queue, state, attempt, ready_at, flow_version,"
                + " deps_left, input_json) VALUES (?, ?, ?, ?, 0, ?, ?, 0, ?)");
    for (int i = 0; i < elements.size(); i++) {
      insert
          .bind(0, firstKey + i)
          .bind(1, TaskKeys.instanceName(name, firstNumber + i))
          .bind(2, queue)
          .bind(3, i < readyCount ? "READY" : "PENDING")
          .bind(4, i < readyCount ? (Long) now : null)
          .bind(5, flowVersion)
          .bind(6, elements.get(i))
          .add();
    }
    insert.execute();
  }

  /**
   * The elements of the instances among {@code taskKeys}, and the payloads of the signals the tasks
   * among them took, by key; a task whose wait for its signal timed out has none.
   */
  public Map<Long, String> elements(Collection<Long> taskKeys) {
    Map<Long, String> elements = new HashMap<>();
    if (taskKeys.isEmpty()) {
      return elements;
    }
    bindIn(
            handle.createQuery(
                "SELECT task_key, input_json FROM tasks WHERE "
                    + in("task_key", "keys")
                    + " AND input_json IS NOT NULL"),
            "keys",
            "bigint",
            taskKeys)
        .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
        .forEach(entry -> elements.put(entry.getKey(), entry.getValue()));
    return elements;
  }

  /**
   * Counts instances of fan-outs as ended: {@code ended} maps the keys of the tasks that fan out to
   * how many of their instances ended. Each task's row is updated (and so locked) before its
   * instances are looked at, so that transactions ending instances of one fan-out take turns.
   *
   * <p>As many instances as ended are then to be released, from the task's cursor on, which this
   * moves past them.
   *
   * @return by task key, for the tasks still RUNNING: how many instances are left, and the number
   *     of the first instance to release
   */
  public Map<Long, InstancesLeft> instancesEnded(java.util.SortedMap<Long, Integer> ended) {
    Map<Long, InstancesLeft> left = new HashMap<>();
    ended.forEach(
        (key, count) ->
            handle
                .createQuery(
                    "UPDATE tasks SET deps_left = deps_left - :n,"
                        + " next_instance = next_instance + :n WHERE task_key = :key"
                        + " AND state = 'RUNNING' RETURNING deps_left, next_instance - :n")
                .bind("n", count)
                .bind("key", key)
                .map((rs, ctx) -> new InstancesLeft(rs.getInt(1), rs.getInt(2)))
                .findOne()
                .ifPresent(remaining -> left.put(key, remaining)));
    return left;
  }

  /** What {@link #instancesEnded} left of a fan-out. */
  public record InstancesLeft(int left, int nextToRelease) {}

  /** Makes the PENDING instances among {@code count} keys from {@code firstKey} on READY. */
  public void releaseInstances(long firstKey, int count, long now) {
    handle
        .createUpdate(
            "UPDATE tasks SET state = 'READY', ready_at = :now WHERE task_key BETWEEN :first"
                + " AND :last AND state = 'PENDING'")
        .bind("now", now)
        .bind("first", firstKey)
        .bind("last", firstKey + count - 1)
        .execute();
  }

  /**
   * Locks the rows of {@code taskKeys}, ascending, on PostgreSQL: the rows of tasks that fan out or
   * loop, taken before the rows a commit of their instances changes, so that such commits take
   * turns in one order.
   */
  public void lock(java.util.SortedSet<Long> taskKeys) {
    if (!postgres || taskKeys.isEmpty()) {
      return;
    }
    handle
        .createQuery(
            "SELECT task_key FROM tasks WHERE task_key = ANY(:keys) ORDER BY task_key FOR UPDATE")
        .bind("keys", array("bigint", List.copyOf(taskKeys)))
        .mapTo(Long.class)
        .list();
  }

  /** The first failure, by time, among the rows between two keys: a fan-out's instances. */
  public Optional<TaskError> firstFailure(long firstKey, long lastKey) {
    return handle
        .createQuery(
            "SELECT name, error_type, error_message, error_stack FROM tasks"
                + " WHERE task_key BETWEEN :first AND :last AND state = 'FAILED'"
                + " ORDER BY finished_at, task_key LIMIT 1")
        .bind("first", firstKey)
        .bind("last", lastKey)
        .map((rs, ctx) -> failure(rs, 1))
        .findOne();
  }

  /**
   * Ends a task that fans out whose instances all succeeded: its output is theirs, read in one
   * range scan, as a list ({@code "null"} for instances that return nothing).
   */
  public void collect(long taskKey, long firstKey, long lastKey, boolean isVoid, long now) {
    succeedInstances(
        taskKey,
        isVoid ? "null" : TaskDao.outputsAsArray(handle, firstKey, lastKey, new int[1]),
        now);
  }

  /**
   * Ends a task that runs as instances, RUNNING: a fan-out with its collected list, a loop with the
   * result of the iteration that was done.
   */
  public void succeedInstances(long taskKey, String resultJson, long now) {
    handle
        .createUpdate(
            "UPDATE tasks SET state = 'SUCCEEDED', output_json = ?, finished_at = ?"
                + " WHERE task_key = ? AND state = 'RUNNING'")
        .bind(0, resultJson)
        .bind(1, now)
        .bind(2, taskKey)
        .execute();
  }

  /** Fails a task that fans out with the first failure of its instances. */
  public void failFanOut(long taskKey, TaskError error, long now) {
    handle
        .createUpdate(
            "UPDATE tasks SET state = 'FAILED', finished_at = ?, error_type = ?,"
                + " error_message = ?, error_stack = ? WHERE task_key = ? AND state = 'RUNNING'")
        .bind(0, now)
        .bind(1, error.type())
        .bind(2, error.message())
        .bind(3, error.stackTrace())
        .bind(4, taskKey)
        .execute();
  }
}
