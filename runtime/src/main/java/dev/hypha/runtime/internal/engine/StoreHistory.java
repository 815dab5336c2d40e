package dev.hypha.runtime.internal.engine;

import dev.hypha.runtime.Page;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunHistory;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.internal.store.Store;
import java.util.Optional;

/** The run history of every flow, read straight from the store. */
final class StoreHistory implements RunHistory {
  private final Store store;

  StoreHistory(Store store) {
    this.store = store;
  }

  @Override
  public Page<RunSummary> find(RunQuery query) {
    return store.find(query);
  }

  @Override
  public Optional<RunDetail> detail(RunId id) {
    return store.detail(id);
  }
}
