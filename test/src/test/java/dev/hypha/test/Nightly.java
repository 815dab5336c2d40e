package dev.hypha.test;

import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Signal;
import dev.hypha.annotations.Task;

/** A batch that must end within an hour, waiting for a go that never comes. */
@Flow(deadline = "PT1H")
public class Nightly {
  /** The operator's go. */
  public record Go(String by) {}

  @Task
  public String prepare(@Input String day) {
    return day;
  }

  @Task
  @DependsOn("prepare")
  public String publish(String prepare, @Signal("go") Go go) {
    return "published " + prepare + " on the go of " + go.by();
  }
}
