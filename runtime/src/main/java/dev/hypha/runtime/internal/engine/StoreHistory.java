package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.Page;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunHistory;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.WorkerRecord;
import java.util.List;
import java.util.Optional;

/** The run history of every flow, read from the store. */
final class StoreHistory implements RunHistory {
  private final EmbeddedRuntime runtime;

  StoreHistory(EmbeddedRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public Page<RunSummary> find(RunQuery query) {
    return runtime.store().find(query);
  }

  @Override
  public long count(RunQuery query) {
    return runtime.store().count(query);
  }

  @Override
  public Optional<RunDetail> detail(RunId id) {
    return runtime.detail(id);
  }

  @Override
  public Optional<RunSummary> summary(RunId id) {
    return runtime.store().summary(id);
  }

  @Override
  public Optional<RunSummary> byKey(String flow, String key) {
    return runtime.store().runByKey(flow, key).flatMap(runtime.store()::summary);
  }

  @Override
  public List<WorkerRecord> workers() {
    return runtime.store().workers();
  }
}
