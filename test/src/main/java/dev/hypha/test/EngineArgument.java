package dev.hypha.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterInfo;

/**
 * The {@link HyphaTest.Engine} among the arguments of a parameterized test's invocation. A class of
 * its own, loaded only when asked, so the extension works without junit-jupiter-params.
 */
final class EngineArgument {
  private EngineArgument() {}

  /** The first {@code Engine} argument of the invocation of {@code context}, or null. */
  static HyphaTest.Engine of(ExtensionContext context) {
    ParameterInfo info = ParameterInfo.get(context);
    if (info == null) {
      return null;
    }
    for (Object argument : info.getArguments().toList()) {
      if (argument instanceof HyphaTest.Engine engine) {
        return engine;
      }
    }
    return null;
  }
}
