package dev.hypha.processor.writer;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.hypha.processor.model.HandlerModel;
import dev.hypha.processor.model.PlannedHandler;
import dev.hypha.processor.model.RetryPlan;
import dev.hypha.processor.model.TypeValue;
import java.time.Duration;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * Writes the failure handling of a descriptor: {@code RetryPolicy} and {@code Duration} values and
 * the {@code HandlerDescriptor} of each handler.
 */
final class PolicyCode {
  private PolicyCode() {}

  /** {@code new RetryPolicy(5, Duration.parse("PT1S"), 2.0, ..., List.of(), List.of(...))}. */
  static CodeBlock retry(RetryPlan retry) {
    return CodeBlock.of(
        "new $T($L,$W$L,$W$L,$W$L,$W$L,$W$L,$W$L)",
        RuntimeTypes.RETRY_POLICY,
        retry.maxAttempts(),
        duration(retry.backoff()),
        retry.multiplier(),
        duration(retry.maxBackoff()),
        retry.jitter(),
        classes(retry.retryOn()),
        classes(retry.abortOn()));
  }

  /** {@code Duration.parse("PT1S")}, normalised: {@code "PT60S"} is written {@code "PT1M"}. */
  static CodeBlock duration(Duration duration) {
    return CodeBlock.of("$T.parse($S)", Duration.class, duration.toString());
  }

  /**
   * {@code HandlerDescriptor.compensation("reserve", "release", RetryPolicy.NONE)} and the like.
   */
  static CodeBlock handler(PlannedHandler planned) {
    HandlerModel handler = planned.handler();
    return switch (handler.kind()) {
      case COMPENSATION ->
          CodeBlock.of(
              "$T.compensation($S,$W$S,$W$L)",
              RuntimeTypes.HANDLER_DESCRIPTOR,
              handler.task(),
              handler.methodName(),
              planned.retry().map(PolicyCode::retry).orElse(none()));
      case FAULT ->
          CodeBlock.of(
              "$T.fault($S,$W$S,$W$L)",
              RuntimeTypes.HANDLER_DESCRIPTOR,
              handler.task(),
              handler.methodName(),
              classes(handler.exceptions().stream().map(TypeValue::type).toList()));
      case ON_SUCCESS ->
          CodeBlock.of("$T.onSuccess($S)", RuntimeTypes.HANDLER_DESCRIPTOR, handler.methodName());
      case ON_FAILURE ->
          CodeBlock.of("$T.onFailure($S)", RuntimeTypes.HANDLER_DESCRIPTOR, handler.methodName());
    };
  }

  /**
   * {@code List.of(A.class, B.class)}; its target type {@code List<Class<? extends Throwable>>}
   * lets the compiler infer the element type without a witness.
   */
  private static CodeBlock classes(List<TypeMirror> types) {
    return CodeBlock.of(
        "$T.of($L)",
        List.class,
        types.stream()
            .map(type -> CodeBlock.of("$T.class", TypeName.get(type)))
            .collect(CodeBlock.joining(",$W")));
  }

  private static CodeBlock none() {
    return CodeBlock.of("$T.NONE", RuntimeTypes.RETRY_POLICY);
  }
}
