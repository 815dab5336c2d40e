package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.CorruptRecordException;
import dev.hypha.runtime.NoOutputException;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.internal.json.JsonCodec;
import dev.hypha.runtime.internal.store.Store;
import dev.hypha.runtime.internal.store.StoredTask;
import dev.hypha.runtime.spi.TaskDescriptor;
import dev.hypha.runtime.spi.TaskOutputs;
import dev.hypha.runtime.spi.TypeRef;
import java.util.Optional;

/**
 * Reads task outputs back as their declared types, from a run in memory or from the store, the one
 * way for every reader: only a task that SUCCEEDED or was RECOVERED has an output (asking for
 * another's is a {@link NoOutputException}), and a value that no longer decodes is a {@link
 * CorruptRecordException} naming the run and the task.
 */
final class OutputReader {
  private final JsonCodec codec;
  private final Store store;

  OutputReader(JsonCodec codec, Store store) {
    this.codec = codec;
    this.store = store;
  }

  JsonCodec codec() {
    return codec;
  }

  /** {@code json}, a stored value of run {@code runId}, read as {@code type}. */
  Object decode(RunId runId, String field, TypeRef<?> type, String json) {
    try {
      return codec.read(json, type);
    } catch (Exception e) {
      throw new CorruptRecordException(store.location(), runId, field, type.toString(), e);
    }
  }

  /** The key of a stored run. */
  java.util.Optional<Long> runSeq(RunId runId) {
    return store.runSeq(runId);
  }

  /** A stored run with its tasks; for a child run this engine does not execute. */
  java.util.Optional<dev.hypha.runtime.RunDetail> detail(RunId runId) {
    return store.detail(runId);
  }

  /** The output of {@code task} of a run in memory. */
  Object output(ActiveRun run, int task) {
    if (!run.states[task].hasOutput()) {
      throw new NoOutputException(run.id, run.rowName(task), "it is " + run.states[task]);
    }
    return decode(
        run.id,
        "output of task " + run.rowName(task),
        run.flow.descriptor().task(task).output(),
        run.outputs[task]);
  }

  /** The elements of {@code source}'s list, {@code json}, that {@code task} fans out over. */
  java.util.List<String> elements(TaskDescriptor task, String source, String json) {
    return FanOutElements.split(codec, task, source, json);
  }

  /** The output of a fan-out whose instances all succeeded: theirs, as a list, from the store. */
  String collect(ActiveRun run, FanOut fanOut) {
    return store.instanceOutputs(run.seq, fanOut.base, fanOut.size);
  }

  /** The outputs of a run in memory. */
  TaskOutputs of(ActiveRun run) {
    return new TaskOutputs() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> T output(int task) {
        return (T) OutputReader.this.output(run, task);
      }
    };
  }

  /**
   * The decoded stored output of a task, if it has one: a one-element array so a null output stays
   * distinguishable from no output.
   */
  Optional<Object[]> stored(RegisteredFlow flow, RunId runId, int task) {
    return row(flow, runId, task)
        .filter(row -> row.state().hasOutput())
        .map(row -> new Object[] {decode(flow, runId, task, row)});
  }

  private Optional<StoredTask> row(RegisteredFlow flow, RunId runId, int task) {
    String name = flow.descriptor().task(task).name();
    return store.task(runId, flow.descriptor().shapeHash(), task, name);
  }

  private Object decode(RegisteredFlow flow, RunId runId, int task, StoredTask row) {
    TaskDescriptor descriptor = flow.descriptor().task(task);
    return decode(
        runId, "output of task " + descriptor.name(), descriptor.output(), row.outputJson());
  }
}
