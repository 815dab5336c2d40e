package dev.hypha.spring.internal;

import dev.hypha.runtime.internal.engine.FlowDiscovery;
import dev.hypha.runtime.spi.FlowDefinition;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ServiceLoader;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * Registers one bean per generated flow class on the class path ({@code OrderFulfilmentFlow} for
 * {@code @Flow class OrderFulfilment}), found through the same {@link ServiceLoader} descriptors
 * the runtime reads. Each is made by {@link FlowBeans}: bound to the application's bean of the flow
 * class, if there is one, so that its tasks run on that bean with its dependencies injected.
 *
 * <p>A generated class that the application declares a bean of itself is left to it. Not
 * thread-safe; Spring calls it once.
 */
public final class FlowBeanRegistrar
    implements BeanDefinitionRegistryPostProcessor, BeanClassLoaderAware {
  private ClassLoader classLoader = FlowBeanRegistrar.class.getClassLoader();

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
    if (!(registry instanceof ConfigurableListableBeanFactory beans)) {
      return;
    }
    // The runtime's own discovery: an entry that cannot be loaded (a flow deleted since the last
    // build) is logged and skipped, and the first definition of a name wins.
    for (FlowDefinition<?, ?, ?> definition : FlowDiscovery.flows(classLoader).values()) {
      Class<?> generated = definition.getClass().getEnclosingClass();
      if (generated == null || beans.getBeanNamesForType(generated, true, false).length > 0) {
        continue; // not a generated flow class, or one the application declares itself
      }
      boolean instance =
          beans.getBeanNamesForType(definition.flowClass(), true, false).length > 0
              || hasPublicNoArgConstructor(definition.flowClass());
      RootBeanDefinition bean = new RootBeanDefinition(generated);
      bean.setInstanceSupplier(() -> FlowBeans.create(beans, definition, generated));
      // A flow without any instance is made only when something asks for it: on an embedded
      // engine that fails with a message naming the fix, and nobody may need it.
      bean.setLazyInit(!instance);
      registry.registerBeanDefinition(beanName(generated), bean);
    }
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

  private static String beanName(Class<?> generated) {
    String simple = generated.getSimpleName();
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }

  private static boolean hasPublicNoArgConstructor(Class<?> type) {
    if (Modifier.isAbstract(type.getModifiers())) {
      return false;
    }
    for (Constructor<?> constructor : type.getConstructors()) {
      if (constructor.getParameterCount() == 0) {
        return true;
      }
    }
    return false;
  }
}
