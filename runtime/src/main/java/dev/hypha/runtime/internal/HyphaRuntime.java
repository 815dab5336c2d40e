package dev.hypha.runtime.internal;

import dev.hypha.runtime.EngineMetrics;
import dev.hypha.runtime.HyphaListener;
import dev.hypha.runtime.QueueStatus;
import dev.hypha.runtime.Run;
import dev.hypha.runtime.RunHistory;
import dev.hypha.runtime.RunId;
import dev.hypha.runtime.spi.FlowBinding;
import dev.hypha.runtime.spi.FlowDefinition;
import dev.hypha.runtime.spi.FlowDescriptor;
import java.util.List;

/**
 * What a {@link dev.hypha.runtime.Hypha} delegates to: the embedded engine, which executes every
 * run of its file in this process, or a process of a shared store (a client, a worker, or both).
 */
public interface HyphaRuntime extends AutoCloseable {

  <F, I, O> FlowBinding<I, O> bind(FlowDefinition<F, I, O> definition, F instance);

  <F, I, O> FlowBinding<I, O> client(FlowDefinition<F, I, O> definition);

  Run<Object> start(String flow, String inputJson, String key);

  RunHistory history();

  void signal(RunId id, String name, String payloadJson);

  boolean cancel(RunId id);

  void retry(RunId id);

  EngineMetrics metrics();

  /** Per queue with any, the tasks READY in the store and due now. */
  List<QueueStatus> queues();

  /** Adds a listener from now on; false where listeners are not called (a shared store). */
  boolean addListener(HyphaListener listener);

  List<FlowDescriptor> flows();

  /** Where the data lives, for messages: a file path or a JDBC URL without its password. */
  String location();

  @Override
  void close();
}
