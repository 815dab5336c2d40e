package dev.hypha.runtime.internal.store;

import java.util.List;

/**
 * The schema, as an ordered list of migrations. A store at version {@code n} runs every migration
 * above {@code n} on open, each in its own transaction; a store above {@link #latest()} was written
 * by a newer Hypha and is refused.
 */
final class Migrations {

  /** One step of the schema. */
  record Migration(int version, String description, List<String> statements) {}

  static final List<Migration> ALL =
      List.of(
          new Migration(
              1,
              "runs and tasks",
              List.of(
                  """
                  CREATE TABLE runs (
                    run_seq       INTEGER PRIMARY KEY,
                    run_id        TEXT    NOT NULL UNIQUE,
                    flow          TEXT    NOT NULL,
                    shape_hash    TEXT    NOT NULL,
                    state         TEXT    NOT NULL,
                    input_json    TEXT    NOT NULL,
                    result_json   TEXT,
                    error_task    TEXT,
                    error_type    TEXT,
                    error_message TEXT,
                    task_count    INTEGER NOT NULL,
                    started_at    INTEGER NOT NULL,
                    finished_at   INTEGER
                  )""",
                  // Newest-first history pages, filtered by flow, by state or by neither; each
                  // index also holds the row id (run_seq), which orders runs started together.
                  // Recovery finds the in-flight runs through runs_by_state.
                  "CREATE INDEX runs_by_time ON runs (started_at)",
                  "CREATE INDEX runs_by_flow ON runs (flow, started_at)",
                  "CREATE INDEX runs_by_state ON runs (state, started_at)",
                  """
                  CREATE TABLE tasks (
                    -- run_seq * 2^24 + the task's index: a run's tasks are one range of row ids,
                    -- so no index on run_seq is needed (delete a run's tasks by that range).
                    -- The in-process engine keeps ready tasks in memory; no ready index.
                    task_key      INTEGER PRIMARY KEY,
                    run_seq       INTEGER NOT NULL REFERENCES runs (run_seq),
                    name          TEXT    NOT NULL,
                    queue         TEXT    NOT NULL,
                    state         TEXT    NOT NULL,
                    attempt       INTEGER NOT NULL,
                    ready_at      INTEGER,
                    started_at    INTEGER,
                    finished_at   INTEGER,
                    worker        TEXT,
                    output_json   TEXT,
                    error_type    TEXT,
                    error_message TEXT,
                    error_stack   TEXT
                  )""")),
          new Migration(
              2,
              "failed attempts and handler rows",
              List.of(
                  // Rows the runtime adds for compensations and callbacks say so.
                  "ALTER TABLE tasks ADD COLUMN kind TEXT NOT NULL DEFAULT 'TASK'",
                  // Every failed attempt, kept when the task is retried; keyed like tasks.
                  """
                  CREATE TABLE attempts (
                    task_key      INTEGER NOT NULL,
                    attempt       INTEGER NOT NULL,
                    run_seq       INTEGER NOT NULL REFERENCES runs (run_seq),
                    started_at    INTEGER,
                    finished_at   INTEGER NOT NULL,
                    worker        TEXT,
                    timed_out     INTEGER NOT NULL,
                    error_type    TEXT    NOT NULL,
                    error_message TEXT    NOT NULL,
                    error_stack   TEXT    NOT NULL,
                    PRIMARY KEY (task_key, attempt)
                  ) WITHOUT ROWID""")),
          new Migration(
              3,
              "attempts that began, keys of runs, no redundant run column on task rows",
              List.of(
                  // A task row's key already holds its run (run_seq * 2^24 + index): the copy of
                  // run_seq and its foreign key cost a lookup in runs on every insert and, having
                  // no index, a scan of every task on any delete of a run. A run's tasks are the
                  // key range of its run_seq.
                  """
                  CREATE TABLE tasks_v3 (
                    task_key      INTEGER PRIMARY KEY,
                    name          TEXT    NOT NULL,
                    kind          TEXT    NOT NULL DEFAULT 'TASK',
                    queue         TEXT    NOT NULL,
                    state         TEXT    NOT NULL,
                    -- the number of attempts that began: a claimed attempt begins when its
                    -- method is called, and started_at is then set
                    attempt       INTEGER NOT NULL,
                    ready_at      INTEGER,
                    started_at    INTEGER,
                    finished_at   INTEGER,
                    worker        TEXT,
                    output_json   TEXT,
                    error_type    TEXT,
                    error_message TEXT,
                    error_stack   TEXT
                  )""",
                  """
                  INSERT INTO tasks_v3
                  SELECT task_key, name, kind, queue, state, attempt, ready_at, started_at,
                         finished_at, worker, output_json, error_type, error_message, error_stack
                    FROM tasks""",
                  "DROP TABLE tasks",
                  "ALTER TABLE tasks_v3 RENAME TO tasks",
                  // Every attempt that ended without a result: failed, timed out, or cut short
                  // by a crash (or a lost worker), which has no finish time and no error.
                  """
                  CREATE TABLE attempts_v3 (
                    task_key      INTEGER NOT NULL,
                    attempt       INTEGER NOT NULL,
                    outcome       TEXT    NOT NULL,
                    started_at    INTEGER,
                    finished_at   INTEGER,
                    worker        TEXT,
                    error_type    TEXT,
                    error_message TEXT,
                    error_stack   TEXT,
                    PRIMARY KEY (task_key, attempt)
                  ) WITHOUT ROWID""",
                  """
                  INSERT INTO attempts_v3
                  SELECT task_key, attempt,
                         CASE WHEN timed_out <> 0 THEN 'TIMED_OUT' ELSE 'FAILED' END,
                         started_at, finished_at, worker, error_type, error_message, error_stack
                    FROM attempts""",
                  "DROP TABLE attempts",
                  "ALTER TABLE attempts_v3 RENAME TO attempts",
                  // start(input, key): one run per flow and key, enforced by the store.
                  "ALTER TABLE runs ADD COLUMN run_key TEXT",
                  "CREATE UNIQUE INDEX runs_by_key ON runs (flow, run_key) WHERE run_key IS NOT NULL")),
          new Migration(
              4,
              "shared stores: readiness, leases and workers",
              List.of(
                  // Rows of runs that workers in other processes take up (a shared store): every
                  // task row is written at the start, and readiness is decided in the transaction
                  // that commits a result. The embedded engine leaves these columns NULL.
                  "ALTER TABLE runs ADD COLUMN tasks_left INTEGER",
                  // <flow>@<shape hash>: a worker claims only tasks of the flow versions it has.
                  "ALTER TABLE tasks ADD COLUMN flow_version TEXT",
                  "ALTER TABLE tasks ADD COLUMN deps_left INTEGER",
                  "ALTER TABLE tasks ADD COLUMN lease_token TEXT",
                  "ALTER TABLE tasks ADD COLUMN lease_until INTEGER",
                  // Claims read only the claimable rows, however many finished rows there are.
                  "CREATE INDEX tasks_claimable ON tasks (queue, ready_at) WHERE state = 'READY'",
                  """
                  CREATE INDEX tasks_leased ON tasks (lease_until)
                   WHERE state = 'RUNNING' AND lease_until IS NOT NULL""",
                  """
                  CREATE TABLE workers (
                    worker     TEXT    NOT NULL PRIMARY KEY,
                    queues     TEXT    NOT NULL,
                    started_at INTEGER NOT NULL,
                    seen_at    INTEGER NOT NULL,
                    stopped_at INTEGER
                  )""")),
          new Migration(
              5,
              "why a task was skipped",
              List.of(
                  // NOT_TAKEN for a branch not taken; NULL for a task skipped because a task it
                  // needs failed, the only reason before branches.
                  "ALTER TABLE tasks ADD COLUMN skip_reason TEXT")),
          new Migration(
              6,
              "the instant a task waits until",
              List.of(
                  // On a shared store: the instant a @WaitUntil task's source returned, written
                  // when that source's result is committed, for the commit that makes the task
                  // ready (maybe another worker's) to set its due time. NULL for other tasks.
                  "ALTER TABLE tasks ADD COLUMN not_before BIGINT")),
          new Migration(
              7,
              "the element of an instance of a fan-out",
              List.of(
                  // On a shared store: the JSON of the element an instance of a fan-out runs on,
                  // written with the instance's row, so that a worker claiming it reads that
                  // element alone rather than the whole list. NULL for other rows.
                  "ALTER TABLE tasks ADD COLUMN input_json TEXT",
                  // On a shared store, on the row of a task that fans out: how many of its
                  // instances were made READY so far, so that the next are found by key.
                  "ALTER TABLE tasks ADD COLUMN next_instance INTEGER")),
          new Migration(
              8,
              "signals sent to runs, and the parents of child runs",
              List.of(
                  // Every signal sent to a run, numbered per run in the order they came: a task
                  // that reaches its @Signal wait takes the first of its name its condition
                  // accepts, so signals sent before it got there are not lost. The payload a task
                  // took is also written to its row's input_json.
                  """
                  CREATE TABLE signals (
                    run_seq      BIGINT  NOT NULL,
                    signal_seq   INTEGER NOT NULL,
                    name         TEXT    NOT NULL,
                    payload_json TEXT    NOT NULL,
                    sent_at      BIGINT  NOT NULL,
                    PRIMARY KEY (run_seq, signal_seq)
                  )""",
                  // On a shared store, a child run started by a task (a sub-flow): the key of
                  // that task's row, which the child's end makes READY again so that a worker of
                  // the parent collects the child's outcome. NULL for other runs.
                  "ALTER TABLE runs ADD COLUMN parent_task BIGINT",
                  "CREATE INDEX runs_by_parent ON runs (parent_task) WHERE parent_task IS NOT NULL")),
          new Migration(
              9,
              "the context of the caller that started a run",
              List.of(
                  // What a HyphaInterceptor took on the thread that started the run (a trace
                  // context, say) as a JSON object of strings, handed to every attempt of the run.
                  // Written only with an interceptor, read only by a process that has one; NULL
                  // for other runs.
                  "ALTER TABLE runs ADD COLUMN caller_context TEXT")));

  private Migrations() {}

  static int latest() {
    return ALL.get(ALL.size() - 1).version();
  }
}
