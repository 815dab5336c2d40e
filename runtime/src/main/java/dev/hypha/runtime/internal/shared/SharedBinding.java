package dev.hypha.runtime.internal.shared;

import dev.hypha.runtime.FlowHistory;
import dev.hypha.runtime.Page;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunDetail;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.RunQuery;
import dev.hypha.runtime.RunState;
import dev.hypha.runtime.RunSummary;
import dev.hypha.runtime.UnknownRunException;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A flow of a shared store, as generated flow classes see it: starts write the run's rows (workers
 * take it from there), reads go to the store. Needs no instance of the flow.
 */
final class SharedBinding<I, O> implements FlowBinding<I, O>, FlowHistory<O> {
  private final SharedRuntime runtime;
  private final SharedFlow flow;

  SharedBinding(SharedRuntime runtime, SharedFlow flow) {
    this.runtime = runtime;
    this.flow = flow;
  }

  @Override
  public FlowDescriptor descriptor() {
    return flow.descriptor;
  }

  @Override
  public Run<O> start(I input) {
    return new SharedRun<>(runtime, flow, runtime.start(flow, input, null));
  }

  @Override
  public Run<O> start(I input, String key) {
    return new SharedRun<>(
        runtime, flow, runtime.start(flow, input, SharedRuntime.requireKey(flow.name(), key)));
  }

  /** The run is written before this returns: the future is complete already. */
  @Override
  public CompletableFuture<Run<O>> startAsync(I input) {
    return CompletableFuture.completedFuture(start(input));
  }

  @Override
  public CompletableFuture<Run<O>> startAsync(I input, String key) {
    return CompletableFuture.completedFuture(start(input, key));
  }

  @Override
  public Run<O> run(RunId id) {
    summaryOfThisFlow(id);
    return new SharedRun<>(runtime, flow, id);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> output(RunId id, int taskIndex) {
    summaryOfThisFlow(id);
    String name = flow.descriptor.task(taskIndex).name();
    return runtime
        .store()
        .task(id, flow.descriptor.shapeHash(), taskIndex, name)
        .filter(row -> row.state().hasOutput())
        .map(
            row ->
                (T)
                    runtime.decode(
                        id,
                        "output of task " + name,
                        flow.descriptor.task(taskIndex).output(),
                        row.outputJson()));
  }

  @Override
  public void signal(RunId id, String name, Object payload) {
    runtime.signal(flow, id, name, payload);
  }

  @Override
  public FlowHistory<O> history() {
    return this;
  }

  @Override
  public Page<RunSummary> find(RunQuery query) {
    return runtime.store().find(query.withFlow(flow.name()));
  }

  @Override
  public long count(RunQuery query) {
    return runtime.store().count(query.withFlow(flow.name()));
  }

  @Override
  public Optional<RunDetail> detail(RunId id) {
    return runtime.store().detail(id).filter(detail -> detail.summary().flow().equals(flow.name()));
  }

  @Override
  public Optional<O> result(RunId id) {
    RunSummary summary = summaryOfThisFlow(id);
    if (summary.state() != RunState.SUCCEEDED) {
      return Optional.empty();
    }
    return Optional.ofNullable(new SharedRun<O>(runtime, flow, id).stored());
  }

  private RunSummary summaryOfThisFlow(RunId id) {
    return runtime
        .store()
        .summary(id)
        .filter(summary -> summary.flow().equals(flow.name()))
        .orElseThrow(() -> new UnknownRunException(id, "of flow " + flow.name()));
  }
}
