package dev.hypha.server.browser;

import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;

/** One trivial task: many runs of it fill pages of the runs list. */
@Flow(name = "dashboard-quick")
public class Quick {

  @Task
  public Integer echo(@Input Integer number) {
    return number;
  }
}
