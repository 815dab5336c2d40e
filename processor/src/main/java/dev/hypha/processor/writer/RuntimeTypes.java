package dev.hypha.processor.writer;

import com.palantir.javapoet.ClassName;

/**
 * The runtime types generated code refers to, named as strings: the runtime is not a dependency.
 */
final class RuntimeTypes {
  static final ClassName HYPHA = ClassName.get("dev.hypha.runtime", "Hypha");
  static final ClassName RUN = ClassName.get("dev.hypha.runtime", "Run");
  static final ClassName COMPLETABLE_FUTURE =
      ClassName.get("java.util.concurrent", "CompletableFuture");
  static final ClassName RUN_ID = ClassName.get("dev.hypha.runtime", "RunId");
  static final ClassName SUB_FLOW = ClassName.get("dev.hypha.runtime", "SubFlow");
  static final ClassName FLOW_HISTORY = ClassName.get("dev.hypha.runtime", "FlowHistory");
  static final ClassName FLOW_BINDING = ClassName.get("dev.hypha.runtime.spi", "FlowBinding");
  static final ClassName FLOW_DEFINITION = ClassName.get("dev.hypha.runtime.spi", "FlowDefinition");
  static final ClassName FLOW_DESCRIPTOR = ClassName.get("dev.hypha.runtime.spi", "FlowDescriptor");
  static final ClassName TASK_DESCRIPTOR = ClassName.get("dev.hypha.runtime.spi", "TaskDescriptor");
  static final ClassName TASK_ARGUMENTS = ClassName.get("dev.hypha.runtime.spi", "TaskArguments");
  static final ClassName TASK_OUTPUTS = ClassName.get("dev.hypha.runtime.spi", "TaskOutputs");
  static final ClassName RETRY_POLICY = ClassName.get("dev.hypha.runtime.spi", "RetryPolicy");
  static final ClassName HANDLER_DESCRIPTOR =
      ClassName.get("dev.hypha.runtime.spi", "HandlerDescriptor");
  static final ClassName GUARD = ClassName.get("dev.hypha.runtime.spi", "Guard");
  static final ClassName SIGNAL_WAIT = ClassName.get("dev.hypha.runtime.spi", "SignalWait");
  static final ClassName TYPE_REF = ClassName.get("dev.hypha.runtime.spi", "TypeRef");
  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  /** The value of {@code @Generated} on every generated class. */
  static final String GENERATOR = "dev.hypha.processor.HyphaProcessor";

  private RuntimeTypes() {}
}
