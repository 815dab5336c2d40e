package dev.hypha.samples.spring;

import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Spring Boot application whose flows are beans: {@code hypha-spring-boot-starter} opens the
 * Hypha from {@code application.properties}, binds {@link OrderFulfilment} and {@link Packing}
 * (beans with injected dependencies) and {@link Greeting} (not a bean), and makes their generated
 * {@code OrderFulfilmentFlow}, {@code PackingFlow} and {@code GreetingFlow} injectable beans.
 *
 * <p>{@code main} places one order through {@link Orders}, prints its shipment and stops.
 */
@SpringBootApplication
public class SpringSampleApplication {
  public static void main(String[] args) {
    try (ConfigurableApplicationContext context =
        SpringApplication.run(SpringSampleApplication.class, args)) {
      Orders orders = context.getBean(Orders.class);
      OrderFulfilment.Shipment shipment =
          orders.place("order-1", "tea", 2).await(Duration.ofSeconds(30));
      System.out.println("shipped " + shipment);
    }
  }
}
