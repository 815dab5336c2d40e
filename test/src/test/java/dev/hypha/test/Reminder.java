package dev.hypha.test;

import dev.hypha.annotations.Delay;
import dev.hypha.annotations.DependsOn;
import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;

/** A reminder two hours after a note is taken. */
@Flow
public class Reminder {
  @Task
  public String note(@Input String text) {
    return text;
  }

  @Task
  @DependsOn("note")
  @Delay("PT2H")
  public String remind(String note) {
    return "remember: " + note;
  }
}
