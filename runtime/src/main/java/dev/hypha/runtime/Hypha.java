package dev.hypha.runtime;

import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.FlowDefinition;

/** Work in progress: the engine lands with the runtime issue. */
public final class Hypha implements AutoCloseable {
  private Hypha() {}

  public <F, I, O> FlowBinding<I, O> bind(FlowDefinition<F, I, O> definition, F flow) {
    throw new UnsupportedOperationException("engine not written yet");
  }

  @Override
  public void close() {}
}
