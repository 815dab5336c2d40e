package dev.hypha.test;

import dev.hypha.runtime.Hypha;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link HyphaTest}: injects each test's {@link Hypha} and {@link
 * TestClock}, made when the test first asks for one, and closes the Hypha and removes its store
 * after the test. Use it through {@code @HyphaTest}; registering it with {@code @ExtendWith} alone
 * gives the defaults. JUnit calls it; thread-safe for parallel test execution (each test has its
 * own resources).
 */
public final class HyphaExtension implements ParameterResolver, AfterEachCallback {
  /** The environment variable with the JDBC URL of the PostgreSQL server for {@code POSTGRES}. */
  public static final String POSTGRES_URL = "HYPHA_TEST_POSTGRES_URL";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(HyphaExtension.class);
  private static final String KEY = "environment";

  /** JUnit makes it. */
  public HyphaExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Hypha.class || type == TestClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      throw new HyphaTestException(
          "a Hypha of @HyphaTest belongs to one test, so "
              + parameter.getDeclaringExecutable()
              + " cannot take one; take the "
              + parameter.getParameter().getType().getSimpleName()
              + " in a @Test, @BeforeEach or @AfterEach method");
    }
    TestEnvironment environment =
        context
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                KEY,
                key -> TestEnvironment.open(settings(context), engine(context)),
                TestEnvironment.class);
    return parameter.getParameter().getType() == Hypha.class
        ? environment.hypha()
        : environment.clock();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    TestEnvironment environment = context.getStore(NAMESPACE).remove(KEY, TestEnvironment.class);
    if (environment != null) {
      environment.close();
    }
  }

  /** The test method's {@code @HyphaTest}, else its class's (or an enclosing class's). */
  private static HyphaTest settings(ExtensionContext context) {
    for (Optional<ExtensionContext> at = Optional.of(context);
        at.isPresent();
        at = at.get().getParent()) {
      Optional<AnnotatedElement> element = at.get().getElement();
      if (element.isPresent()) {
        Optional<HyphaTest> found =
            AnnotationSupport.findAnnotation(element.get(), HyphaTest.class);
        if (found.isPresent()) {
          return found.get();
        }
      }
    }
    return Defaults.class.getAnnotation(HyphaTest.class);
  }

  /** The engine of the test: a parameterized test's {@code Engine} argument, else its setting's. */
  private static HyphaTest.Engine engine(ExtensionContext context) {
    HyphaTest.Engine argument = null;
    try {
      argument = EngineArgument.of(context);
    } catch (LinkageError paramsNotOnClassPath) {
      // junit-jupiter-params is not there, so no test is parameterized.
    }
    return argument != null ? argument : settings(context).engine();
  }

  /** Carries the defaults, for a test that registered the extension without the annotation. */
  @HyphaTest
  private static final class Defaults {}
}
