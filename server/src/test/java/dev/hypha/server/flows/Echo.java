package dev.hypha.server.flows;

import dev.hypha.annotations.Flow;
import dev.hypha.annotations.Input;
import dev.hypha.annotations.Task;

/** One trivial task: for the many runs of the paging tests. */
@Flow
public class Echo {
  @Task
  public String echo(@Input String text) {
    return text;
  }
}
