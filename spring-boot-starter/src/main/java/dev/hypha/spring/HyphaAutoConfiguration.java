package dev.hypha.spring;

import dev.hypha.micrometer.HyphaMetrics;
import dev.hypha.runtime.Hypha;
import dev.hypha.spring.internal.DataSourceStore;
import dev.hypha.spring.internal.FlowBeanRegistrar;
import dev.hypha.spring.internal.HyphaHealthIndicator;
import dev.hypha.spring.internal.HyphaLifecycle;
import dev.hypha.spring.internal.HyphaSetup;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Opens a {@link Hypha} from the {@code hypha.*} properties ({@link HyphaProperties}) and makes
 * every generated flow class a bean, bound to the application's bean of its {@code @Flow} class
 * when there is one. The Hypha closes when the context stops, before beans are destroyed, letting
 * running tasks finish for {@code hypha.shutdown-grace}. With Spring Boot's health support on the
 * class path it adds the {@code hypha} health indicator, and with {@code hypha-micrometer} and a
 * {@code MeterRegistry} bean the {@link HyphaMetrics} meter binder.
 *
 * <p>Backs off when the application declares its own {@code Hypha} bean. Spring uses it once, at
 * startup; the beans it declares are thread-safe.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnMissingBean(Hypha.class)
@EnableConfigurationProperties(HyphaProperties.class)
public class HyphaAutoConfiguration {

  /** Registers a bean for every generated flow class on the class path. */
  @Bean
  static FlowBeanRegistrar hyphaFlowBeans() {
    return new FlowBeanRegistrar();
  }

  /** What to open: the store, this application's role, its worker id and queues. */
  @Bean
  HyphaSetup hyphaSetup(
      HyphaProperties properties, ObjectProvider<DataSource> dataSources, Environment environment) {
    String store = properties.getStore();
    if (store == null || store.isBlank()) {
      DataSource dataSource = dataSources.getIfUnique();
      store =
          dataSource != null
              ? DataSourceStore.url(dataSource, environment)
              : Hypha.DEFAULT_PATH.toString();
    }
    ClassLoader loader = HyphaAutoConfiguration.class.getClassLoader();
    return HyphaSetup.of(properties, store, Hypha.flowsOnClassPath(loader));
  }

  /** The application's Hypha. */
  @Bean(destroyMethod = "close")
  Hypha hypha(HyphaSetup setup) {
    return setup.open();
  }

  /** Closes the Hypha when the context stops, before its beans are destroyed. */
  @Bean
  HyphaLifecycle hyphaLifecycle(Hypha hypha) {
    return new HyphaLifecycle(hypha);
  }

  /** The {@code hypha} health indicator, with Spring Boot's health support. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class Health {
    @Bean
    @ConditionalOnMissingBean(name = "hyphaHealthIndicator")
    HyphaHealthIndicator hyphaHealthIndicator(Hypha hypha, HyphaSetup setup) {
      return new HyphaHealthIndicator(hypha, setup, Clock.systemUTC());
    }
  }

  /** {@link HyphaMetrics}, with {@code hypha-micrometer} and a {@code MeterRegistry} bean. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {"dev.hypha.micrometer.HyphaMetrics", "io.micrometer.core.instrument.MeterRegistry"})
  @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    HyphaMetrics hyphaMetrics(Hypha hypha) {
      return new HyphaMetrics(hypha);
    }
  }
}
