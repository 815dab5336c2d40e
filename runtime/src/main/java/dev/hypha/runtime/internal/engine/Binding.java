package dev.hypha.runtime.internal.engine;

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

/** A flow bound to the embedded runtime; what generated flow classes delegate to. */
final class Binding<I, O> implements FlowBinding<I, O>, FlowHistory<O> {
  private final EmbeddedRuntime runtime;
  private final RegisteredFlow flow;

  Binding(EmbeddedRuntime runtime, RegisteredFlow flow) {
    this.runtime = runtime;
    this.flow = flow;
  }

  @Override
  public FlowDescriptor descriptor() {
    return flow.descriptor();
  }

  @Override
  public Run<O> start(I input) {
    return runtime.start(flow, input, null);
  }

  @Override
  public Run<O> start(I input, String key) {
    return runtime.start(flow, input, EmbeddedRuntime.requireKey(flow.name(), key));
  }

  @Override
  public CompletableFuture<Run<O>> startAsync(I input) {
    return runtime.startAsync(flow, input, null);
  }

  @Override
  public CompletableFuture<Run<O>> startAsync(I input, String key) {
    return runtime.startAsync(flow, input, EmbeddedRuntime.requireKey(flow.name(), key));
  }

  @Override
  public Run<O> run(RunId id) {
    summaryOfThisFlow(id);
    return runtime.handle(flow, id);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> output(RunId id, int taskIndex) {
    summaryOfThisFlow(id);
    return runtime.storedOutput(flow, id, taskIndex).map(value -> (T) value[0]);
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
    return runtime.detail(id).filter(detail -> detail.summary().flow().equals(flow.name()));
  }

  @Override
  @SuppressWarnings("unchecked")
  public Optional<O> result(RunId id) {
    RunSummary summary = summaryOfThisFlow(id);
    if (summary.state() != RunState.SUCCEEDED) {
      return Optional.empty();
    }
    return Optional.ofNullable(runtime.<O>storedResult(flow, id));
  }

  private RunSummary summaryOfThisFlow(RunId id) {
    return runtime
        .store()
        .summary(id)
        .filter(summary -> summary.flow().equals(flow.name()))
        .orElseThrow(() -> new UnknownRunException(id, "of flow " + flow.name()));
  }
}
