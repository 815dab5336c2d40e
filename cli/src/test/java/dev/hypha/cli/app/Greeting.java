package dev.hypha.cli.app;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;
import java.util.Locale;

/** A flow that succeeds: greets a person, then shouts the greeting. */
@Flow
public class Greeting {
  /** Who to greet; {@code age} is a number, so {@code "age": "old"} is input that does not fit. */
  public record Person(String name, int age) {}

  @Task
  public String greet(@Input Person person) {
    return "Hello, " + person.name() + " (" + person.age() + ")";
  }

  @Task
  @DependsOn("greet")
  public String shout(String greet) {
    return greet.toUpperCase(Locale.ROOT) + "!";
  }
}
