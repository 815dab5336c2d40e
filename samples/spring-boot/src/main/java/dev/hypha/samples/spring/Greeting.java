package dev.hypha.samples.spring;

import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;

/**
 * A flow that is not a Spring bean: the starter binds {@code GreetingFlow} to a new instance made
 * through the public no-argument constructor.
 */
@Flow
public class Greeting {
  @Task
  public String greet(@Input String name) {
    return "Hello, " + name;
  }
}
