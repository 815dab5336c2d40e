package dev.hypha.samples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application whose flows are beans: {@code hypha-spring-boot-starter} opens the
 * Hypha from {@code application.properties}, binds {@link OrderFulfilment} and {@link Packing}
 * (beans with injected dependencies) and {@link Greeting} (not a bean), and makes their generated
 * {@code OrderFulfilmentFlow}, {@code PackingFlow} and {@code GreetingFlow} injectable beans.
 */
@SpringBootApplication
public class SpringSampleApplication {
  public static void main(String[] args) {
    SpringApplication.run(SpringSampleApplication.class, args).close();
  }
}
